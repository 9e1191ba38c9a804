import { stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const activate = requestOperation({
	value: 'activate',
	name: 'Activate Pending Points',
	action: 'Activate the pending points of a transaction',
	endpoint: 'PUT /transactions/{transactionId}/activate',
	path: [stringParam('transactionId', 'Transaction ID', 'The transaction whose pending points become spendable')],
});
