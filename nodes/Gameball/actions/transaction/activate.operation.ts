import { stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const activate = requestOperation({
	value: 'activate',
	name: 'Activate Pending Points',
	action: 'Activate the pending points of a transaction',
	endpoint: 'PUT /transactions/{transactionId}/activate',
	path: [stringParam('transactionId', 'Transaction ID', 'Your transaction ID, as sent with Reward Cashback or Track (not the gameballTransactionId): its pending points become spendable')],
});
