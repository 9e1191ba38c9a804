import type { GameballOperation } from '../operation';
import {
	additionalFields,
	customerIdParam,
	identityOptions,
	readAdditional,
	readString,
	readTime,
	transactionTimeParam,
} from '../../helpers/fields';

export const hold: GameballOperation = {
	value: 'hold',
	name: 'Hold Points',
	action: 'Hold a customer points before redeeming them',
	endpoint: 'POST /transactions/hold',
	properties: [
		customerIdParam,
		transactionTimeParam,
		additionalFields([
			...identityOptions,
			{ displayName: 'Points to Hold', name: 'pointsToHold', type: 'number', default: 0 },
			{ displayName: 'Amount to Hold', name: 'amountToHold', type: 'number', default: 0, description: 'Monetary value to hold, instead of points' },
			{ displayName: 'Rule ID', name: 'ruleId', type: 'string', default: '', description: 'The redemption rule to hold for' },
			{ displayName: 'OTP', name: 'otp', type: 'string', default: '' },
			{ displayName: 'Ignore OTP', name: 'ignoreOTP', type: 'boolean', default: false, description: 'Whether to skip the OTP check' },
			{ displayName: 'Hash', name: 'hash', type: 'string', default: '' },
		]),
	],
	build(itemIndex) {
		return {
			body: {
				customerId: readString(this, 'customerId', itemIndex),
				transactionTime: readTime(this, 'transactionTime', itemIndex),
				...readAdditional(this, itemIndex),
			},
		};
	},
	// No ID makes a hold idempotent, so it is never repeated after an ambiguous failure.
	movesMoney: true,
};
