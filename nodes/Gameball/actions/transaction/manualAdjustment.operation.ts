import type { GameballOperation } from '../operation';
import {
	additionalFields,
	customerIdParam,
	identityOptions,
	readAdditional,
	readString,
	readTime,
	stringParam,
	transactionIdParam,
	transactionTimeParam,
} from '../../helpers/fields';

export const manualAdjustment: GameballOperation = {
	value: 'manualAdjustment',
	name: 'Manual Adjustment',
	action: 'Add or deduct points by hand',
	endpoint: 'POST /transactions/manual',
	properties: [
		customerIdParam,
		transactionIdParam,
		stringParam('username', 'Username', 'Who made the adjustment, for the audit trail'),
		stringParam('reason', 'Reason', 'Why, for the audit trail'),
		transactionTimeParam,
		additionalFields([
			...identityOptions,
			{ displayName: 'Points', name: 'points', type: 'number', default: 0, description: 'Points to add (negative to deduct)' },
			{ displayName: 'Amount', name: 'amount', type: 'number', default: 0, description: 'Monetary value to add, instead of points' },
			{ displayName: 'Expire After (Days)', name: 'expiryAfter', type: 'number', default: 0, description: 'Days until the added points expire' },
		]),
	],
	build(itemIndex) {
		return {
			body: {
				customerId: readString(this, 'customerId', itemIndex),
				transactionId: readString(this, 'transactionId', itemIndex),
				transactionTime: readTime(this, 'transactionTime', itemIndex),
				username: readString(this, 'username', itemIndex),
				reason: readString(this, 'reason', itemIndex),
				...readAdditional(this, itemIndex),
			},
		};
	},
	idempotencyKey: 'transactionId',
	movesMoney: true,
	batch: {
		kind: 'balance-adjustment',
		// The batch form adjusts by `amount` (points), with no transaction ID.
		toItem: ({ body = {} }) => ({ customerId: body.customerId, amount: body.points ?? body.amount ?? 0, reason: body.reason }),
	},
};
