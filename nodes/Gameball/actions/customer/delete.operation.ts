import { customerIdParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const deleteCustomer = requestOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a customer',
	endpoint: 'DELETE /customers/{customerId}',
	path: [customerIdParam],
});
