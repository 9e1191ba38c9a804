import type { GameballOperation } from '../operation';
import { readString, stringParam } from '../../helpers/fields';

export const activate: GameballOperation = {
	value: 'activate',
	name: 'Activate Pending Points',
	action: 'Activate the pending points of a transaction',
	endpoint: 'PUT /transactions/{transactionId}/activate',
	properties: [stringParam('transactionId', 'Transaction ID', 'The transaction whose pending points become spendable')],
	build(itemIndex) {
		return { pathParams: { transactionId: readString(this, 'transactionId', itemIndex) } };
	},
};
