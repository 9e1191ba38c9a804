import { customerLookup } from '../../helpers/customerLookup';

export const getBalance = {
	...customerLookup({
		value: 'getBalance',
		name: 'Get Balance',
		action: "Get a customer's points balance",
		endpoint: 'GET /customers/{customerId}/balance',
		filters: [{ displayName: 'Expand', name: 'expand', type: 'string', default: '', placeholder: 'tier,referrals', description: 'Comma-separated expansions: tier, referrals' }],
	}),
	batch: {
		kind: 'balance-inquiry' as const,
		// The batch form is the customer ID alone.
		drops: ['expand'],
		toItem: (request: { pathParams?: Record<string, string | number> }) => ({ customerId: request.pathParams?.customerId }),
		answeredBy: ['totalPointsBalance', 'availablePointsBalance', 'pendingPoints', 'totalEarnedPoints'],
	},
};
