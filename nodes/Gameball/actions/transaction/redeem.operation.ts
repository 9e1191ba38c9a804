import { customerIdParam, identityOptions, merchantOption, transactionIdParam, transactionTimeParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

const BATCH_FIELDS = ['customerId', 'email', 'mobile', 'transactionId', 'transactionTime', 'amount', 'points', 'holdReference'];

export const redeem = requestOperation({
	value: 'redeem',
	name: 'Redeem',
	action: "Redeem a customer's points",
	endpoint: 'POST /transactions/redeem',
	required: [customerIdParam, transactionIdParam, transactionTimeParam],
	optional: [
		...identityOptions,
		merchantOption,
		{ displayName: 'Points', name: 'points', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Points to redeem. Set exactly one of Points, Amount or Hold Reference.' },
		{ displayName: 'Amount', name: 'amount', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Monetary value to redeem, instead of points. Set exactly one of Points, Amount or Hold Reference.' },
		{ displayName: 'Hold Reference', name: 'holdReference', type: 'string', default: '', description: 'Redeem points held earlier with Hold Points. Set exactly one of Points, Amount or Hold Reference.' },
		{ displayName: 'OTP', name: 'otp', type: 'string', default: '', description: 'One-time password, when redemptions need one' },
		{ displayName: 'Ignore OTP', name: 'ignoreOTP', type: 'boolean', default: false, description: 'Whether to skip the OTP check' },
		{ displayName: 'Hash', name: 'hash', type: 'string', default: '', description: "The customer's current hash (Customer > Get Hash), when the account verifies redemptions with it" },
		{ displayName: 'Reason', name: 'reason', type: 'string', default: '', description: 'Why the points are redeemed, for the audit trail (Gameball takes up to 255 characters)' },
	],
	onlyOneOf: ['points', 'amount', 'holdReference'],
	integers: ['points'],
	idempotencyKey: 'transactionId',
	movesMoney: true,
	batch: {
		kind: 'redeem',
		drops: ['otp', 'ignoreOTP', 'hash', 'merchant', 'reason'],
		toItem: ({ body = {} }) =>
			Object.fromEntries(BATCH_FIELDS.filter((field) => body[field] !== undefined).map((field) => [field, body[field]])),
	},
});
