import { customerLookup } from '../../helpers/customerLookup';

export const getHash = customerLookup({
	value: 'getHash',
	name: 'Get Hash',
	action: 'Get the hash that authorises a customer redemption',
	endpoint: 'GET /customers/{customerId}/hash',
});
