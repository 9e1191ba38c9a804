import { customerLookup } from '../../helpers/customerLookup';

export const deleteCustomer = customerLookup({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a customer',
	endpoint: 'DELETE /customers/{customerId}',
});
