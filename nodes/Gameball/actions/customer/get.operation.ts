import { customerLookup } from '../../helpers/customerLookup';
import { simplifyCustomer } from '../../helpers/simplifyCustomer';

export const get = customerLookup({
	value: 'get',
	name: 'Get',
	action: 'Get a customer',
	endpoint: 'GET /customers/{customerId}',
	simplify: simplifyCustomer,
});
