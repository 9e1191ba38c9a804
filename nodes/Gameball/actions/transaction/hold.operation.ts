import { customerIdParam, identityOptions, transactionTimeParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const hold = requestOperation({
	value: 'hold',
	name: 'Hold Points',
	action: "Hold a customer's points before redeeming them",
	endpoint: 'POST /transactions/hold',
	required: [customerIdParam, transactionTimeParam],
	optional: [
		...identityOptions,
		{ displayName: 'Points to Hold', name: 'pointsToHold', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Points to hold. Set exactly one of Points to Hold, Amount to Hold or Rule ID.' },
		{ displayName: 'Amount to Hold', name: 'amountToHold', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Monetary value to hold, instead of points. Set exactly one of Points to Hold, Amount to Hold or Rule ID.' },
		{ displayName: 'Rule ID', name: 'ruleId', type: 'string', default: '', description: 'The redemption rule to hold for. Set exactly one of Points to Hold, Amount to Hold or Rule ID.' },
		{ displayName: 'OTP', name: 'otp', type: 'string', default: '', description: 'One-time password, when redemptions need one' },
		{ displayName: 'Ignore OTP', name: 'ignoreOTP', type: 'boolean', default: false, description: 'Whether to skip the OTP check' },
		{ displayName: 'Hash', name: 'hash', type: 'string', default: '', description: "The customer's current hash (Customer > Get Hash), when the account verifies redemptions with it" },
	],
	onlyOneOf: ['ruleId', 'amountToHold', 'pointsToHold'],
	integers: ['pointsToHold'],
	// No ID makes a hold idempotent, so it is never repeated after an ambiguous failure.
	movesMoney: true,
});
