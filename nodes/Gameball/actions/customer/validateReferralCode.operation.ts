import type { GameballOperation } from '../operation';
import { readString, stringParam } from '../../helpers/fields';

export const validateReferralCode: GameballOperation = {
	value: 'validateReferralCode',
	name: 'Validate Referral Code',
	action: 'Check that a referral code exists',
	endpoint: 'GET /referrals/validate',
	properties: [
		stringParam('referrerCode', 'Referral Code'),
		stringParam('forCustomerId', 'For Customer ID', 'The customer who would use the code (optional)', false),
	],
	build(itemIndex) {
		const forCustomerId = readString(this, 'forCustomerId', itemIndex);
		return { qs: { referrerCode: readString(this, 'referrerCode', itemIndex), ...(forCustomerId ? { forCustomerId } : {}) } };
	},
};
