import type { IDataObject } from 'n8n-workflow';

import { customerIdParam, identityOptions, stringParam, transactionIdParam, transactionTimeParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

/** Gameball refuses an expiry on a deduction ("Deduction cannot have expiry"). */
function expiryOnDeduction({ points, amount, expiryAfter }: IDataObject): string | undefined {
	const deducts = Number(points) < 0 || Number(amount) < 0;
	return deducts && expiryAfter !== undefined ? '"Expire After (Days)" applies to additions only: remove it to deduct points' : undefined;
}

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
		{ displayName: 'Points', name: 'points', type: 'number', default: 0, description: 'Points to add (negative to deduct). Set exactly one of Points or Amount.' },
		{ displayName: 'Amount', name: 'amount', type: 'number', default: 0, description: 'Monetary value to add (negative to deduct), instead of points. Set exactly one of Points or Amount.' },
		{
			displayName: 'Expire After (Days)',
			name: 'expiryAfter',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: "Days until the added points expire (0 follows the account's default). Additions only: not allowed with a negative Points or Amount.",
		},
	],
	onlyOneOf: ['points', 'amount'],
	refuse: expiryOnDeduction,
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
