import { sameTierName } from '../tiers';
import type { CrmRuleCondition, CrmStep, LoyaltyEvent, LoyaltyEventKind } from '../types';

export interface RuleSettings {
	/** N in "points >= N" and "points crossed N" (on the available balance). */
	pointsThreshold: number;
}

/** Each condition, in the order the editor lists them and task titles prefer them. */
export const CONDITIONS: Array<{ value: CrmRuleCondition; name: string; description: string }> = [
	{ value: 'tierUp', name: 'Tier Up', description: 'The member moved to a higher tier' },
	{ value: 'tierDown', name: 'Tier Down', description: 'The member moved to a lower tier' },
	{
		value: 'tierChanged',
		name: 'Tier Changed',
		description: 'The tier moved, up or down, or a tier event whose direction is unknown',
	},
	{ value: 'pointsCrossed', name: 'Points Crossed N', description: 'Available points went from below N to N or more' },
	{ value: 'pointsAtLeast', name: 'Points >= N', description: 'Available points are N or more' },
	{
		value: 'pointsChanged',
		name: 'Points Changed',
		description: 'A points event (any move of available, pending or total points), or another event that changed the available points',
	},
	{ value: 'referralCodeAssigned', name: 'Referral Code Assigned', description: 'The member got a new referral code' },
	{
		value: 'contactChanged',
		name: 'Contact Changed',
		description: 'Profile, tier or points data changed (a profile update, tier or points event, or a registration)',
	},
	{ value: 'notification', name: 'Notification', description: 'A notification to deliver to the member' },
	{ value: 'memberRegistered', name: 'Member Registered', description: 'A new member joined' },
	{ value: 'memberDeactivated', name: 'Member Deactivated', description: 'A member was deactivated' },
	{ value: 'transactionRegistered', name: 'Transaction Registered', description: 'A purchase was registered' },
	{ value: 'rewardRedeemed', name: 'Reward Redeemed', description: 'The member got or bought a reward' },
	{ value: 'pointsWillExpire', name: 'Points Will Expire', description: 'Points are about to expire' },
	{ value: 'anyEvent', name: 'Any Event', description: 'Every recognised event' },
];

/** What fires each step unless the user changes it. */
export const DEFAULT_RULES: Record<CrmStep, CrmRuleCondition[]> = {
	upsertContact: ['contactChanged', 'tierUp', 'tierDown', 'pointsChanged', 'referralCodeAssigned', 'memberRegistered', 'memberDeactivated'],
	addTag: ['tierChanged'],
	createTask: ['tierUp', 'tierDown', 'pointsCrossed'],
	logNote: [
		'tierChanged',
		'pointsCrossed',
		'referralCodeAssigned',
		'memberRegistered',
		'memberDeactivated',
		'transactionRegistered',
		'rewardRedeemed',
		'pointsWillExpire',
	],
	sendMessage: ['notification'],
};

const KIND_CONDITIONS: Partial<Record<LoyaltyEventKind, CrmRuleCondition>> = {
	notification: 'notification',
	member_registered: 'memberRegistered',
	member_deactivated: 'memberDeactivated',
	transaction_registered: 'transactionRegistered',
	reward_redeemed: 'rewardRedeemed',
	points_will_expire: 'pointsWillExpire',
};

const CONTACT_KINDS: LoyaltyEventKind[] = ['profile_updated', 'tier_changed', 'points_changed', 'member_registered'];

/** The balance the point rules look at: available, or total when available is unknown. */
export function balanceOf(event: LoyaltyEvent): number | null {
	return event.points.available ?? event.points.total;
}

/** A tier event that names one tier before and after, at one rank (a recalculation, not a move). */
function staysInTier(tier: LoyaltyEvent['tier']): boolean {
	return sameTierName(tier.previousName, tier.name) && tier.rank === tier.previousRank;
}

/** Every condition that holds for `event`, in CONDITIONS order. */
export function holdingConditions(event: LoyaltyEvent, settings: RuleSettings): CrmRuleCondition[] {
	const { tier, points, kind } = event;
	const balance = balanceOf(event);
	const threshold = settings.pointsThreshold;
	const holds: Record<CrmRuleCondition, boolean> = {
		tierUp: tier.direction === 'up',
		tierDown: tier.direction === 'down',
		tierChanged: tier.direction !== null || (kind === 'tier_changed' && !staysInTier(tier)),
		pointsCrossed:
			points.previousAvailable !== null &&
			points.available !== null &&
			points.previousAvailable < threshold &&
			points.available >= threshold,
		pointsAtLeast: balance !== null && balance >= threshold,
		pointsChanged: kind === 'points_changed' || (points.delta !== null && points.delta !== 0),
		referralCodeAssigned: event.referral.assigned,
		// A late update holds nothing newer than the CRM has; upserting it would blank mapped fields.
		contactChanged: CONTACT_KINDS.includes(kind) && !event.outOfOrder,
		notification: false,
		memberRegistered: false,
		memberDeactivated: false,
		transactionRegistered: false,
		rewardRedeemed: false,
		pointsWillExpire: false,
		anyEvent: true,
	};
	const kindCondition = KIND_CONDITIONS[kind];
	if (kindCondition) holds[kindCondition] = true;
	return CONDITIONS.map((condition) => condition.value).filter((condition) => holds[condition]);
}

/** The chosen conditions of one step that hold; the step fires when this is not empty. */
export function reasonsToFire(chosen: CrmRuleCondition[], holding: CrmRuleCondition[]): CrmRuleCondition[] {
	return holding.filter((condition) => chosen.includes(condition));
}
