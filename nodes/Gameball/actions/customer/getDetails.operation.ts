import { customerLookup } from '../../helpers/customerLookup';
import { simplifyCustomer } from '../../helpers/simplifyCustomer';

export const getDetails = customerLookup({
	value: 'getDetails',
	name: 'Get Details',
	action: 'Get a customer with balance and tier details',
	endpoint: 'GET /customers/{customerId}/details',
	simplify: simplifyCustomer,
});
