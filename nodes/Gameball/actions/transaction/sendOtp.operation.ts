import { customerIdParam, identityOptions } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const sendOtp = requestOperation({
	value: 'sendOtp',
	name: 'Send OTP',
	action: 'Send a customer a one-time password for a redemption',
	endpoint: 'POST /transactions/otp',
	required: [customerIdParam],
	optional: [
		...identityOptions,
		{ displayName: 'Points', name: 'points', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Points the OTP is for. Set exactly one of Points, Amount or Rule ID.' },
		{ displayName: 'Amount', name: 'amount', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Monetary value the OTP is for. Set exactly one of Points, Amount or Rule ID.' },
		{ displayName: 'Rule ID', name: 'ruleId', type: 'number', default: 0, description: 'The redemption rule the OTP is for. Set exactly one of Points, Amount or Rule ID.' },
	],
	onlyOneOf: ['ruleId', 'points', 'amount'],
	// Each call sends a new code by SMS and only the latest one redeems: never repeated after an unclear failure.
	unsafeToRepeat: { what: 'another one-time password', applies: () => true },
	integers: ['points', 'ruleId'],
});
