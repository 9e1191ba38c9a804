import { requestOperation } from '../../helpers/requestOperation';

export const getTiers = requestOperation({
	value: 'getTiers',
	name: 'Get Tiers',
	action: 'Get the tiers with their benefits',
	endpoint: 'GET /configurations/tiers',
	sendIn: 'qs',
	langHeader: true,
});
