import { customerLookup } from '../../helpers/customerLookup';

export const countReferrals = customerLookup({
	value: 'countReferrals',
	name: 'Count Referrals',
	action: 'Count the friends a customer referred',
	endpoint: 'GET /customers/{customerId}/referrals/count',
});
