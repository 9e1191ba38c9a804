import { stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';
import { forCustomerFilter } from './forCustomer';

export const getRewardCampaigns = requestOperation({
	value: 'getRewardCampaigns',
	name: 'Get Reward Campaigns',
	action: 'Get the reward campaigns, for all or one customer or product',
	endpoint: 'GET /configurations/reward-campaigns',
	sendIn: 'qs',
	optional: [
		forCustomerFilter,
		stringParam('collectionId', 'Collection ID', 'Return only the transactional campaigns of this product collection', false),
		stringParam('productSku', 'Product SKU', 'Return only the transactional campaigns of this product', false),
	],
	langHeader: true,
});
