import { customerLookup } from '../../helpers/customerLookup';

export const get = customerLookup({
	value: 'get',
	name: 'Get',
	action: 'Get a customer',
	endpoint: 'GET /customers/{customerId}',
});
