import type { GameballOperation } from '../operation';
import {
	additionalFields,
	customerIdParam,
	identityOptions,
	merchantOption,
	readAdditional,
	readString,
	readTime,
	transactionIdParam,
	transactionTimeParam,
} from '../../helpers/fields';

export const redeem: GameballOperation = {
	value: 'redeem',
	name: 'Redeem',
	action: 'Redeem a customer points',
	endpoint: 'POST /transactions/redeem',
	properties: [
		customerIdParam,
		transactionIdParam,
		transactionTimeParam,
		additionalFields([
			...identityOptions,
			merchantOption,
			{ displayName: 'Points', name: 'points', type: 'number', default: 0, description: 'Points to redeem' },
			{ displayName: 'Amount', name: 'amount', type: 'number', default: 0, description: 'Monetary value to redeem, instead of points' },
			{ displayName: 'Hold Reference', name: 'holdReference', type: 'string', default: '', description: 'Redeem points held earlier with Hold Points' },
			{ displayName: 'OTP', name: 'otp', type: 'string', default: '', description: 'One-time password, when redemptions need one' },
			{ displayName: 'Ignore OTP', name: 'ignoreOTP', type: 'boolean', default: false, description: 'Whether to skip the OTP check' },
			{ displayName: 'Hash', name: 'hash', type: 'string', default: '' },
			{ displayName: 'Reason', name: 'reason', type: 'string', default: '' },
		]),
	],
	build(itemIndex) {
		return {
			body: {
				customerId: readString(this, 'customerId', itemIndex),
				transactionId: readString(this, 'transactionId', itemIndex),
				transactionTime: readTime(this, 'transactionTime', itemIndex),
				...readAdditional(this, itemIndex, ['merchant']),
			},
		};
	},
	idempotencyKey: 'transactionId',
	movesMoney: true,
	batch: {
		kind: 'redeem',
		toItem: ({ body = {} }) => {
			const { customerId, email, mobile, transactionId, transactionTime, amount, points, holdReference } = body;
			return Object.fromEntries(
				Object.entries({ customerId, email, mobile, transactionId, transactionTime, amount, points, holdReference }).filter(
					([, value]) => value !== undefined,
				),
			);
		},
	},
};
