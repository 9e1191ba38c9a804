import { isJsonObject } from '../../../jsonObject';
import { stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const activate = requestOperation({
	value: 'activate',
	name: 'Activate Pending Points',
	action: 'Activate the pending points of a transaction',
	endpoint: 'PUT /transactions/{transactionId}/activate',
	// A retry after an activation that lost its answer finds nothing pending: its 0 is not what was activated.
	doneByEarlierAttempt: {
		answered: (answer) => isJsonObject(answer) && answer.pointsActivated === 0,
		message: 'Activated, most likely: the retry found nothing pending after an earlier attempt lost its answer (unless nothing was pending; check the balance)',
	},
	path: [stringParam('transactionId', 'Transaction ID', 'Your transaction ID, as sent with Reward Cashback or Track (not the gameballTransactionId): its pending points become spendable')],
});
