import { customerIdParam, identityOptions, stringParam, transactionIdParam, transactionTimeParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const manualAdjustment = requestOperation({
	value: 'manualAdjustment',
	name: 'Manual Adjustment',
	action: 'Add or deduct points by hand',
	endpoint: 'POST /transactions/manual',
	required: [
		customerIdParam,
		transactionIdParam,
		stringParam('username', 'Username', 'Who made the adjustment, for the audit trail'),
		stringParam('reason', 'Reason', 'Why, for the audit trail'),
		transactionTimeParam,
	],
	optional: [
		...identityOptions,
		{ displayName: 'Points', name: 'points', type: 'number', default: 0, description: 'Points to add (negative to deduct)' },
		{ displayName: 'Amount', name: 'amount', type: 'number', default: 0, description: 'Monetary value to add, instead of points' },
		{ displayName: 'Expire After (Days)', name: 'expiryAfter', type: 'number', default: 0, description: 'Days until the added points expire' },
	],
	integers: ['points', 'expiryAfter'],
	idempotencyKey: 'transactionId',
	movesMoney: true,
	batch: {
		kind: 'balance-adjustment',
		// The batch form adjusts points (its `amount`), with no transaction ID, username or expiry.
		drops: ['amount', 'expiryAfter', 'email', 'mobile'],
		keyless: true,
		toItem: ({ body = {} }) => ({ customerId: body.customerId, amount: body.points, reason: body.reason }),
	},
});
