import { requestOperation } from '../../helpers/requestOperation';

export const getCashbackSettings = requestOperation({
	value: 'getCashbackSettings',
	name: 'Get Cashback Settings',
	action: 'Get the cashback reward settings of the program',
	endpoint: 'GET /configurations/rewards/cashback',
});
