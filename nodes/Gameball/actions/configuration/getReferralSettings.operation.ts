import { requestOperation } from '../../helpers/requestOperation';

export const getReferralSettings = requestOperation({
	value: 'getReferralSettings',
	name: 'Get Referral Settings',
	action: 'Get the referral rewards of the program',
	endpoint: 'GET /configurations/referrals',
	sendIn: 'qs',
	langHeader: true,
});
