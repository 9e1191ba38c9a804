import type { INodeProperties } from 'n8n-workflow';

const ACTIVITY_TYPES = [
	'Automation', 'CampaignRewarded', 'Cancel', 'Expiry', 'Lifetime', 'Migration', 'PaymentReward', 'Redemption', 'Referral',
	'ReferralBonusReward', 'Referred', 'Refund', 'SuccessfulAction', 'TierDowngraded', 'TierMigration', 'TierUpgraded',
];

export const activityTypeFilter: INodeProperties = {
	displayName: 'Activity Type',
	name: 'activityType',
	type: 'options',
	default: 'TierUpgraded',
	description: 'The kind of activity to return',
	options: ACTIVITY_TYPES.map((value) => ({ name: value.replace(/([a-z])([A-Z])/g, '$1 $2'), value })),
};
