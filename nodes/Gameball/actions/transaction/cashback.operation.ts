import { amountParam } from '../../helpers/purchase';
import { customerIdParam, identityOptions, merchantOption, transactionIdParam, transactionTimeParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const cashback = requestOperation({
	value: 'cashback',
	name: 'Reward Cashback',
	action: 'Reward a customer with cashback points for an amount paid',
	endpoint: 'POST /transactions/cashback',
	required: [customerIdParam, transactionIdParam, amountParam('amount', 'Amount', 'The amount paid, in your currency'), transactionTimeParam],
	optional: [
		...identityOptions,
		merchantOption,
		{
			displayName: 'Return Window (Days)',
			name: 'returnWindow',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 7300 },
			default: 7,
			description: 'Days the cashback stays pending, e.g. your return window, so that refunds can still take it back',
		},
	],
	// minValue 0 lets the default 0 through: sent, it would reward nothing and use up the Transaction ID.
	rejectIf: ({ amount }) => (amount === 0 ? '"Amount" is 0: a cashback of 0 rewards nothing and uses up the Transaction ID' : undefined),
	integers: ['returnWindow'],
	shape: ({ returnWindow, ...fields }) => (returnWindow === undefined ? fields : { ...fields, configurations: { returnWindow } }),
	idempotencyKey: 'transactionId',
	movesMoney: true,
	batch: {
		kind: 'cashback',
		drops: ['merchant', 'configurations'],
		toItem: ({ body = {} }) => {
			const { customerId, email, mobile, transactionId, transactionTime, amount } = body;
			return { customerId, email, mobile, transactionId, transactionTime, amount };
		},
	},
});
