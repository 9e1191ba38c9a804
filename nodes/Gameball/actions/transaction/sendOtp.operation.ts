import type { GameballOperation } from '../operation';
import { additionalFields, customerIdParam, identityOptions, readAdditional, readString } from '../../helpers/fields';

export const sendOtp: GameballOperation = {
	value: 'sendOtp',
	name: 'Send OTP',
	action: 'Send a customer a one-time password for a redemption',
	endpoint: 'POST /transactions/otp',
	properties: [
		customerIdParam,
		additionalFields([
			...identityOptions,
			{ displayName: 'Points', name: 'points', type: 'number', default: 0 },
			{ displayName: 'Amount', name: 'amount', type: 'number', default: 0 },
			{ displayName: 'Rule ID', name: 'ruleId', type: 'number', default: 0 },
		]),
	],
	build(itemIndex) {
		return { body: { customerId: readString(this, 'customerId', itemIndex), ...readAdditional(this, itemIndex) } };
	},
};
