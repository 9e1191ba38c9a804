import type { GameballOperation } from '../operation';
import {
	additionalFields,
	customerIdParam,
	identityOptions,
	lineItemsOption,
	merchantOption,
	readAdditional,
	readString,
	readTime,
	stringParam,
	transactionTimeParam,
} from '../../helpers/fields';

export const refund: GameballOperation = {
	value: 'refund',
	name: 'Refund',
	action: 'Refund a transaction and reverse its points',
	endpoint: 'POST /transactions/refund',
	properties: [
		customerIdParam,
		stringParam('refundTransactionId', 'Refund Transaction ID', 'Your unique ID for this refund'),
		stringParam('reverseTransactionId', 'Reversed Transaction ID', 'The ID of the transaction being refunded'),
		transactionTimeParam,
		additionalFields([
			...identityOptions,
			merchantOption,
			lineItemsOption,
			{ displayName: 'Refund Amount', name: 'refundAmount', type: 'number', default: 0, description: 'Leave unset to refund in full' },
		]),
	],
	build(itemIndex) {
		return {
			body: {
				customerId: readString(this, 'customerId', itemIndex),
				refundTransactionId: readString(this, 'refundTransactionId', itemIndex),
				reverseTransactionId: readString(this, 'reverseTransactionId', itemIndex),
				transactionTime: readTime(this, 'transactionTime', itemIndex),
				...readAdditional(this, itemIndex, ['merchant', 'lineItems']),
			},
		};
	},
	idempotencyKey: 'refundTransactionId',
	movesMoney: true,
};
