import type { IDataObject } from 'n8n-workflow';

import { customerIdParam, identityOptions, stringParam, transactionIdParam, transactionTimeParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

const deducts = ({ points, amount }: IDataObject) => Number(points) < 0 || Number(amount) < 0;

/** Gameball refuses an expiry on a deduction ("Deduction cannot have expiry"); 0 means none (see below). */
function expiryOnDeduction(fields: IDataObject): string | undefined {
	const { expiryAfter } = fields;
	return deducts(fields) && expiryAfter !== undefined && expiryAfter !== 0
		? '"Expire After (Days)" applies to additions only: remove it to deduct points'
		: undefined;
}

/** Gameball reads an expiry of 0 as none set (the account's default): a deduction is sent without it. */
function withoutZeroExpiryOnDeduction(fields: IDataObject): IDataObject {
	if (!deducts(fields) || fields.expiryAfter !== 0) return fields;
	const { expiryAfter: _none, ...rest } = fields;
	return rest;
}

export const manualAdjustment = requestOperation({
	value: 'manualAdjustment',
	name: 'Manual Adjustment',
	action: "Add or deduct a customer's points directly",
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
			description: "Days until the added points expire (0 follows the account's default). Additions only: not allowed above 0 with a negative Points or Amount.",
		},
	],
	onlyOneOf: ['points', 'amount'],
	rejectIf: expiryOnDeduction,
	shape: withoutZeroExpiryOnDeduction,
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
