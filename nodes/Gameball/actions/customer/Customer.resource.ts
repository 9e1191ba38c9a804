import type { GameballResource } from '../operation';
import { achieveSocialChallenge } from './achieveSocialChallenge.operation';
import { addTags } from './addTags.operation';
import { countActivities } from './countActivities.operation';
import { countNotifications } from './countNotifications.operation';
import { countReferrals } from './countReferrals.operation';
import { createOrUpdate } from './createOrUpdate.operation';
import { deleteCustomer } from './delete.operation';
import { get } from './get.operation';
import { getActivities } from './getActivities.operation';
import { getAutomationCampaigns } from './getAutomationCampaigns.operation';
import { getBalance } from './getBalance.operation';
import { getCampaignsProgress } from './getCampaignsProgress.operation';
import { getCoupons } from './getCoupons.operation';
import { getDetails } from './getDetails.operation';
import { getHash } from './getHash.operation';
import { getNotifications } from './getNotifications.operation';
import { getReferrals } from './getReferrals.operation';
import { getStampsProgress } from './getStampsProgress.operation';
import { getStreakProgress } from './getStreakProgress.operation';
import { getTierProgress } from './getTierProgress.operation';
import { markNotificationsRead } from './markNotificationsRead.operation';
import { removeTag } from './removeTag.operation';
import { removeTags } from './removeTags.operation';
import { setActivation } from './setActivation.operation';
import { validateReferralCode } from './validateReferralCode.operation';

export const customer: GameballResource = {
	value: 'customer',
	name: 'Customer',
	operations: [
		createOrUpdate, get, getDetails, deleteCustomer, setActivation, getBalance, getTierProgress, getCampaignsProgress,
		getReferrals, countReferrals, getActivities, countActivities, getAutomationCampaigns, getStampsProgress,
		getStreakProgress, addTags, removeTags, removeTag, getNotifications, countNotifications, markNotificationsRead,
		getCoupons, getHash, achieveSocialChallenge, validateReferralCode,
	],
};
