import { customerLookup } from '../../helpers/customerLookup';

export const getTierProgress = customerLookup({
	value: 'getTierProgress',
	name: 'Get Tier Progress',
	action: "Get a customer's progress to the next tier",
	endpoint: 'GET /customers/{customerId}/tier-progress',
	langHeader: true,
	filters: [{ displayName: 'Expand', name: 'expand', type: 'string', default: '', placeholder: 'tier,referrals', description: 'Comma-separated expansions: tier, referrals' }],
});
