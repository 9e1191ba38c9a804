import { stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const get = requestOperation({
	value: 'get',
	name: 'Get',
	action: 'Get the leaderboard ranking of customers',
	endpoint: 'GET /leaderboard',
	sendIn: 'qs',
	integers: ['rewardCampaignId'],
	// Both are UTC ISO text once read: a period that ends before it starts ranks nobody.
	rejectIf: ({ from, to }) => (typeof from === 'string' && typeof to === 'string' && from > to ? `"From" (${from}) is after "To" (${to})` : undefined),
	optional: [
		{ displayName: 'From', name: 'from', type: 'dateTime', default: '', description: 'Start of the period; all time when unset' },
		{ displayName: 'To', name: 'to', type: 'dateTime', default: '', description: 'End of the period; all time when unset' },
		stringParam('customerId', 'Customer ID', "Also return this customer's rank", false),
		{
			displayName: 'Reward Campaign Name or ID',
			name: 'rewardCampaignId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getRewardCampaigns' },
			default: '',
			description:
				'Rank by progress in this campaign. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		stringParam('customerTag', 'Customer Tag', 'Rank only customers with this tag', false),
		stringParam('rewardCampaignTag', 'Reward Campaign Tag', 'Rank by the campaigns with this tag', false),
	],
});
