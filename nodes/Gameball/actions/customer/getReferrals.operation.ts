import { customerLookup } from '../../helpers/customerLookup';

export const getReferrals = customerLookup({
	value: 'getReferrals',
	name: 'Get Referrals',
	action: 'Get the friends a customer referred',
	endpoint: 'GET /customers/{customerId}/referrals',
	list: { itemsKey: 'referredFriends' },
});
