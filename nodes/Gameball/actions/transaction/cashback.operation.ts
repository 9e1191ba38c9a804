import type { GameballOperation } from '../operation';
import {
	additionalFields,
	customerIdParam,
	identityOptions,
	merchantOption,
	readAdditional,
	readNumber,
	readString,
	readTime,
	transactionIdParam,
	transactionTimeParam,
} from '../../helpers/fields';

export const cashback: GameballOperation = {
	value: 'cashback',
	name: 'Reward Cashback',
	action: 'Reward a customer with cashback points for an amount paid',
	endpoint: 'POST /transactions/cashback',
	properties: [
		customerIdParam,
		transactionIdParam,
		{ displayName: 'Amount', name: 'amount', type: 'number', default: 0, required: true, description: 'The amount paid, in your currency' },
		transactionTimeParam,
		additionalFields([...identityOptions, merchantOption]),
	],
	build(itemIndex) {
		return {
			body: {
				customerId: readString(this, 'customerId', itemIndex),
				transactionId: readString(this, 'transactionId', itemIndex),
				transactionTime: readTime(this, 'transactionTime', itemIndex),
				amount: readNumber(this, 'amount', itemIndex),
				...readAdditional(this, itemIndex, ['merchant']),
			},
		};
	},
	idempotencyKey: 'transactionId',
	movesMoney: true,
	batch: {
		kind: 'cashback',
		toItem: ({ body = {} }) => {
			const { customerId, email, mobile, transactionId, transactionTime, amount } = body;
			return { customerId, email, mobile, transactionId, transactionTime, amount };
		},
	},
};
