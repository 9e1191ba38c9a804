import { requestOperation } from '../../helpers/requestOperation';

export const getRedemptionSettings = requestOperation({
	value: 'getRedemptionSettings',
	name: 'Get Redemption Settings',
	action: 'Get the point redemption settings of the program',
	endpoint: 'GET /configurations/rewards/redemption',
});
