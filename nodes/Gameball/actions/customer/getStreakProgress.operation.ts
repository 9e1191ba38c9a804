import { customerIdParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const getStreakProgress = requestOperation({
	value: 'getStreakProgress',
	name: 'Get Streak Progress',
	action: "Get a customer's progress in a daily streak campaign",
	endpoint: 'GET /customers/{customerId}/streaks/{campaignId}',
	integers: ['campaignId'],
	path: [customerIdParam, {
		displayName: 'Campaign Name or ID',
		name: 'campaignId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getRewardCampaigns' },
		default: '',
		required: true,
		description: 'The daily streak campaign. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}],
});
