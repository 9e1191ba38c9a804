import { customerIdParam, identityOptions, lineItemsOption, merchantOption, stringParam, transactionTimeParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const refund = requestOperation({
	value: 'refund',
	name: 'Refund',
	action: 'Refund a transaction and reverse its points',
	endpoint: 'POST /transactions/refund',
	required: [
		customerIdParam,
		stringParam('refundTransactionId', 'Refund Transaction ID', 'Your unique ID for this refund'),
		stringParam('reverseTransactionId', 'Reversed Transaction ID', 'The Transaction ID of the Cashback or Redeem being refunded, or the Order ID of an order tracked with Order > Track'),
		{
			...transactionTimeParam,
			// Gameball's `transactionTime` here is the refunded transaction's, not the refund's: no "now" to fall back on.
			required: true,
			description: 'When the refunded (original) transaction happened, as Gameball asks',
		},
	],
	optional: [
		...identityOptions,
		merchantOption,
		lineItemsOption,
		{ displayName: 'Refund Amount', name: 'refundAmount', type: 'number', default: 0, description: 'Leave it out to refund in full' },
	],
	widensWhenEmpty: { refundAmount: 'refunds the whole transaction', lineItems: 'refunds the whole transaction' },
	rejectIf: ({ refundAmount }) =>
		typeof refundAmount === 'number' && refundAmount <= 0 ? `"Refund Amount" must be more than 0 (got ${refundAmount}): to refund in full, remove it` : undefined,
	// Gameball documents its duplicate check (9004) for `transactionId` only: a repeated refund ID might refund again.
	movesMoney: true,
});
