import { customerLookup } from '../../helpers/customerLookup';

export const getTierProgress = customerLookup({
	value: 'getTierProgress',
	name: 'Get Tier Progress',
	action: 'Get a customer progress to the next tier',
	endpoint: 'GET /customers/{customerId}/tier-progress',
	langHeader: true,
});
