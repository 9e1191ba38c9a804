import { customerLookup } from '../../helpers/customerLookup';
import { simplifyCustomer } from '../../helpers/simplifyCustomer';

export const getDetails = customerLookup({
	value: 'getDetails',
	name: 'Get Details',
	action: 'Get a customer personal details (name, email, mobile, birth date, location) and referral link',
	endpoint: 'GET /customers/{customerId}/details',
	simplify: simplifyCustomer,
});
