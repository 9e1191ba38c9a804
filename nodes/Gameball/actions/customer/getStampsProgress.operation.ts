import { customerIdParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const getStampsProgress = requestOperation({
	value: 'getStampsProgress',
	name: 'Get Stamps Progress',
	action: "Get a customer's progress in a stamps challenge",
	endpoint: 'GET /customers/{customerId}/stamps/{challengeId}',
	integers: ['challengeId'],
	path: [customerIdParam, {
		displayName: 'Challenge Name or ID',
		name: 'challengeId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getRewardCampaigns' },
		default: '',
		required: true,
		description: 'The stamps challenge. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}],
});
