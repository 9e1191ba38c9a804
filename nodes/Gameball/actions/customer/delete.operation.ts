import { customerIdParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const deleteCustomer = requestOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a customer',
	endpoint: 'DELETE /customers/{customerId}',
	path: [customerIdParam],
	doneByEarlierAttempt: {
		refused: (_status, code) => code === 7000,
		message: 'Deleted: the retry found no such customer after an earlier attempt lost its answer (unless the customer never existed)',
	},
});
