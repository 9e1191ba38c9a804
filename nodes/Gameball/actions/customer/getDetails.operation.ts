import { customerLookup } from '../../helpers/customerLookup';

export const getDetails = customerLookup({
	value: 'getDetails',
	name: 'Get Details',
	action: 'Get a customer with balance and tier details',
	endpoint: 'GET /customers/{customerId}/details',
});
