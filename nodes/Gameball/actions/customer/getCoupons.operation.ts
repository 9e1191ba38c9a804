import { customerLookup } from '../../helpers/customerLookup';

export const getCoupons = customerLookup({
	value: 'getCoupons',
	name: 'Get Coupons',
	action: 'Get the coupons a customer holds',
	endpoint: 'GET /customers/{customerId}/coupons',
	entries: { key: 'coupons' },
});
