import { stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const validateReferralCode = requestOperation({
	value: 'validateReferralCode',
	name: 'Validate Referral Code',
	action: 'Check that a referral code exists',
	endpoint: 'GET /referrals/validate',
	required: [stringParam('referrerCode', 'Referral Code', "The referral code to check: a customer's own code, which another customer signs up with")],
	optional: [stringParam('forCustomerId', 'For Customer ID', 'The customer who would use the code', false)],
	sendIn: 'qs',
});
