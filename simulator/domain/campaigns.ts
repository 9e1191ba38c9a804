/** Events and reward campaigns: achievements, previews and per-customer progress. */
import { ERROR_CODES, GameballError } from '../errors';
import type { Customer } from '../state';
import type { Account } from './account';
import { COUPON_TYPE_NAMES, couponRewardView, documentedCampaignType, OTHER_EVENT_NAMES, type CampaignDefinition, type RedemptionRule } from './catalog';
import { issueCoupon } from './coupons';

type Json = Record<string, unknown>;

function today(account: Account): string {
	return account.now().toISOString().slice(0, 10);
}

function dayBefore(day: string): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Consecutive days, ending at the latest day, on which the event was sent. */
export function streaks(days: string[]): { current: number; highest: number; last?: string } {
	const unique = [...new Set(days)].sort();
	let highest = 0;
	let run = 0;
	let previous: string | undefined;
	for (const day of unique) {
		run = previous !== undefined && dayBefore(day) === previous ? run + 1 : 1;
		highest = Math.max(highest, run);
		previous = day;
	}
	return { current: run, highest, last: previous };
}

function timesAchieved(customer: Customer, campaign: CampaignDefinition): number {
	return customer.campaignAchievements[campaign.id] ?? 0;
}

function canAchieve(customer: Customer, campaign: CampaignDefinition): boolean {
	if (customer.tierOrder < campaign.minTierOrder) return false;
	const achieved = timesAchieved(customer, campaign);
	return campaign.isRepeatable ? achieved < campaign.maxAchievement : achieved === 0;
}

/** Percentage towards the next achievement given an event count. */
function percentageAt(campaign: CampaignDefinition, count: number, streak: number): number {
	if (campaign.type === 'DailyStreak') return Math.round(((streak % campaign.requiredCount) / campaign.requiredCount) * 100);
	if (campaign.requiredCount <= 1) return 0;
	return Math.round(((count % campaign.requiredCount) / campaign.requiredCount) * 100);
}

function achieve(account: Account, customer: Customer, campaign: CampaignDefinition): void {
	customer.campaignAchievements[campaign.id] = timesAchieved(customer, campaign) + 1;
	if (campaign.points > 0) {
		account.applyMovement({ customer, type: 'AchievementReward', points: campaign.points, reason: campaign.name, achievementName: campaign.name, achievedRewardCampaignId: campaign.id });
	} else {
		account.addActivity(customer, 'CampaignRewarded', { campaignName: campaign.name });
	}
	if (campaign.couponRuleId !== undefined) issueCoupon(account, customer, campaign.couponRuleId, false);
}

/** Whether the event's metadata satisfies the campaign's conditions (a campaign without conditions takes any). */
function matchesConditions(campaign: CampaignDefinition, metadata: unknown): boolean {
	if (!campaign.conditions || campaign.conditions.length === 0) return true;
	const sent = metadata && typeof metadata === 'object' ? (metadata as Json) : {};
	return campaign.conditions.some((condition) => Object.entries(condition).every(([key, value]) => sent[key] !== undefined && sent[key] !== null && String(sent[key]) === String(value)));
}

/** Whether the event counts towards the campaign at all. */
function counts(customer: Customer, campaign: CampaignDefinition, eventName: string, metadata: unknown): boolean {
	return campaign.eventName === eventName && canAchieve(customer, campaign) && matchesConditions(campaign, metadata);
}

/** Whether sending the event now completes the campaign (before any state change). */
function wouldAchieve(account: Account, customer: Customer, campaign: CampaignDefinition, eventName: string, metadata: unknown): boolean {
	if (!counts(customer, campaign, eventName, metadata)) return false;
	const count = (customer.eventCounts[eventName] ?? 0) + 1;
	if (campaign.type === 'DailyStreak') {
		const days = customer.eventDays[eventName] ?? [];
		if (days.includes(today(account))) return false;
		return streaks([...days, today(account)]).current % campaign.requiredCount === 0;
	}
	return count % campaign.requiredCount === 0;
}

/** The event's customer; the live endpoint creates an unknown one, with the identity fields the body carries. */
function eventCustomer(account: Account, body: Json): Customer {
	const customerId = String(body.customerId);
	const existing = account.findCustomer(customerId);
	if (existing) return existing;
	const customer = account.createCustomer(customerId);
	if (typeof body.email === 'string' && body.email !== '') customer.email = body.email;
	if (typeof body.mobile === 'string' && body.mobile !== '') customer.mobile = body.mobile;
	return customer;
}

export function sendEvents(account: Account, body: Json): Json {
	const events = body.events as Record<string, unknown>;
	const names = Object.keys(events);
	if (names.length === 0) throw new GameballError(400, ERROR_CODES.invalidValue, 'events must name at least one event');
	const customer = eventCustomer(account, body);
	for (const eventName of names) {
		const metadata = events[eventName];
		const achieving = account.state.config.campaigns.filter((campaign) => wouldAchieve(account, customer, campaign, eventName, metadata));
		customer.eventCounts[eventName] = (customer.eventCounts[eventName] ?? 0) + 1;
		const days = (customer.eventDays[eventName] ??= []);
		if (!days.includes(today(account))) days.push(today(account));
		account.addActivity(customer, 'SuccessfulAction', { reason: eventName });
		for (const campaign of achieving) achieve(account, customer, campaign);
	}
	return { success: true, message: 'Events processed' };
}

function couponRuleOf(account: Account, campaign: CampaignDefinition): RedemptionRule | undefined {
	return campaign.couponRuleId === undefined ? undefined : account.state.config.redemptionRules.find((rule) => rule.id === campaign.couponRuleId);
}

/** One RewardPreviewCampaign, following the schema's descriptions. */
function previewCampaign(account: Account, customer: Customer, campaign: CampaignDefinition, eventName: string, metadata: unknown): Json {
	const rule = couponRuleOf(account, campaign);
	const isCoupon = campaign.couponRuleId !== undefined;
	const eligible = matchesConditions(campaign, metadata);
	const timesAchieved = eligible && wouldAchieve(account, customer, campaign, eventName, metadata) ? 1 : 0;
	const reason = !eligible ? 'NoMatchingConditions' : timesAchieved === 0 ? 'ProgressOnly' : isCoupon ? 'NonPointsReward' : 'Rewarded';
	const count = customer.eventCounts[eventName] ?? 0;
	const days = customer.eventDays[eventName] ?? [];
	// The streak with today's event (a same-day repeat leaves it as it is; a missed day restarts it).
	const streakAfter = streaks([...days, today(account)]).current;
	return {
		campaignId: campaign.id,
		campaignName: campaign.name,
		campaignEndDate: null,
		eligible,
		reason,
		rewardType: isCoupon ? 'Coupon' : 'Points',
		rewardPoints: isCoupon ? null : campaign.points,
		couponType: rule ? COUPON_TYPE_NAMES[rule.couponType].previewCouponType : null,
		couponValue: rule ? rule.discountValue : null,
		points: isCoupon ? 0 : campaign.points * timesAchieved,
		timesAchieved,
		progress:
			reason === 'ProgressOnly'
				? {
						currentPercentage: percentageAt(campaign, count, streaks(days).current),
						wouldBePercentage: percentageAt(campaign, count + 1, streakAfter),
						completionRewardPoints: isCoupon ? null : campaign.points,
						completionRewardType: isCoupon ? 'Coupon' : 'Points',
					}
				: null,
	};
}

/** One RewardPreviewEventResult. Campaigns the customer cannot win (achieved the maximum, or below their tier) are left out. */
export function previewEvent(account: Account, customer: Customer, eventName: string, metadata: unknown = {}): Json {
	const config = account.state.config;
	const known = OTHER_EVENT_NAMES.includes(eventName) || config.campaigns.some((campaign) => campaign.eventName === eventName);
	if (!known) return { eventName, valid: false, invalidReason: 'EventNotFound', totalPoints: 0, campaigns: [] };
	const campaigns = config.campaigns
		.filter((campaign) => campaign.eventName === eventName && canAchieve(customer, campaign))
		.map((campaign) => previewCampaign(account, customer, campaign, eventName, metadata));
	const totalPoints = campaigns.reduce((total, campaign) => total + Number(campaign.points), 0);
	return { eventName, valid: true, invalidReason: null, totalPoints, campaigns };
}

/** The customer a preview is for: unknown or inactive customers are refused (the preview never creates one). */
function previewCustomer(account: Account, customerId: string): Customer {
	const customer = account.getCustomer(customerId);
	if (!customer.isActive) throw new GameballError(404, ERROR_CODES.customerInactive, `Customer '${customerId}' is deactivated`);
	return customer;
}

export function previewEvents(account: Account, body: Json): Json {
	const customer = previewCustomer(account, String(body.customerId));
	const sent = body.events as Json;
	const events = Object.keys(sent).map((eventName) => previewEvent(account, customer, eventName, sent[eventName]));
	return { customerId: customer.customerId, totalPoints: events.reduce((total, event) => total + Number(event.totalPoints), 0), events };
}

/** Fields both campaign views document. */
function campaignBase(account: Account, campaign: CampaignDefinition): Json {
	const rule = couponRuleOf(account, campaign);
	return {
		id: campaign.id,
		name: campaign.name,
		type: documentedCampaignType(campaign.type),
		description: campaign.description,
		icon: campaign.icon,
		isRepeatable: campaign.isRepeatable,
		maxAchievement: campaign.maxAchievement,
		visibility: 'AlwaysVisible',
		activation: { startDate: '2026-01-01T00:00:00Z', endDate: null },
		redirectionButtonText: null,
		redirectionButtonLink: null,
		rewards: [{ rankReward: 0, walletReward: campaign.points, walletRewardFactor: null, couponReward: rule ? couponRewardView(rule) : null }],
	};
}

/** An item of GET /configurations/reward-campaigns. */
export function campaignConfigView(account: Account, campaign: CampaignDefinition): Json {
	return { ...campaignBase(account, campaign), availability: { minTier: campaign.minTierOrder, tags: [] } };
}

/** `rewardCampaignConfiguration` of GET /customers/{customerId}/reward-campaigns-progress. */
function campaignProgressConfigView(account: Account, campaign: CampaignDefinition): Json {
	return { ...campaignBase(account, campaign), widgetDetailsParameter: `details_reward_campaign_${campaign.id}` };
}

export function campaignsProgress(account: Account, customer: Customer, query: URLSearchParams): Json[] {
	const campaignType = query.get('campaignType');
	const campaignIdRaw = query.get('campaignId');
	if (campaignIdRaw !== null && campaignIdRaw !== '' && Number(campaignIdRaw) <= 0) {
		throw new GameballError(422, ERROR_CODES.invalidValue, 'invalid campaignid value. the campaign id must be a positive integer.');
	}
	return account.state.config.campaigns
		// The account has reward campaigns only (no games such as spin-the-wheel).
		.filter(() => !campaignType || campaignType.toLowerCase() === 'reward')
		.filter((campaign) => !campaignIdRaw || campaign.id === Number(campaignIdRaw))
		.map((campaign) => {
			const eventName = campaign.eventName ?? '';
			const count = customer.eventCounts[eventName] ?? 0;
			const streak = streaks(customer.eventDays[eventName] ?? []);
			return {
				rewardsCampaignId: campaign.id,
				rewardsCampaignName: campaign.name,
				achievedCount: timesAchieved(customer, campaign),
				completionPercentage: percentageAt(campaign, count, streak.current),
				isUnlocked: customer.tierOrder >= campaign.minTierOrder,
				canAchieve: canAchieve(customer, campaign),
				currentStreak: campaign.type === 'DailyStreak' ? streak.current : null,
				highestStreak: campaign.type === 'DailyStreak' ? streak.highest : null,
				highScoreAmount: null,
				rewardCampaignConfiguration: campaignProgressConfigView(account, campaign),
			};
		});
}

function campaignOfType(account: Account, id: string, type: CampaignDefinition['type']): CampaignDefinition {
	const campaign = account.state.config.campaigns.find((candidate) => String(candidate.id) === id && candidate.type === type);
	if (!campaign) throw new GameballError(404, ERROR_CODES.configurationNotFound, `${type} campaign '${id}' was not found`);
	return campaign;
}

/**
 * The OpenAPI document's 202: `{ customerId, challengeId }`, with `gameballStatus`, `message` and `learnMore` only
 * while the program is switched off (nothing awarded); a repeat past what the campaign allows is a 400.
 */
export function achieveSocialChallenge(account: Account, body: Json): Json {
	const customer = account.getCustomer(String(body.customerId));
	const campaign = campaignOfType(account, String(body.challengeId), 'SocialMedia');
	const answer = { customerId: customer.customerId, challengeId: campaign.id };
	if (!account.state.config.programEnabled) {
		return { ...answer, gameballStatus: 'Disabled', message: 'The Gameball program is disabled', learnMore: 'https://help.gameball.co' };
	}
	if (!canAchieve(customer, campaign)) {
		throw new GameballError(400, ERROR_CODES.invalidValue, `Customer '${customer.customerId}' cannot achieve social challenge ${campaign.id} again`);
	}
	achieve(account, customer, campaign);
	return answer;
}

export function stampsProgress(account: Account, customer: Customer, challengeId: string): Json {
	const campaign = campaignOfType(account, challengeId, 'Stamps');
	const count = customer.eventCounts[campaign.eventName ?? ''] ?? 0;
	const earned = timesAchieved(customer, campaign);
	const rule = account.state.config.redemptionRules.find((candidate) => candidate.id === campaign.couponRuleId);
	return {
		numberOfCompletedSteps: count % campaign.requiredCount,
		numberOfTimesEarned: earned,
		remainingTries: Math.max(0, campaign.maxAchievement - earned),
		canAchieveAgain: canAchieve(customer, campaign),
		challengeEndDate: '2027-12-31T23:59:59Z',
		rewardName: campaign.name,
		couponName: rule?.name ?? '',
	};
}

export function streakProgress(account: Account, customer: Customer, campaignId: string): Json {
	const campaign = campaignOfType(account, campaignId, 'DailyStreak');
	const streak = streaks(customer.eventDays[campaign.eventName ?? ''] ?? []);
	// A run that ended before yesterday is broken: the next check-in starts again at 1, as the reward logic counts.
	const current = streak.last === today(account) || streak.last === dayBefore(today(account)) ? streak.current : 0;
	const milestones = [campaign.requiredCount, campaign.requiredCount * 2, campaign.requiredCount * 4];
	return {
		currentStreakCount: current,
		highestStreakCount: streak.highest,
		lastActivityDate: streak.last ? `${streak.last}T00:00:00Z` : '',
		nextMilestone: milestones.find((milestone) => milestone > current) ?? null,
		totalRewardsEarned: timesAchieved(customer, campaign),
		ongoingReward: { name: campaign.name, type: 'points', value: String(campaign.points) },
		campaignEndDate: null,
		badges: milestones.map((milestoneDay) => ({
			milestoneDay,
			name: `${milestoneDay}-day streak`,
			earned: streak.highest >= milestoneDay,
			earnedDate: null,
			imageUrl: `https://cdn.gameball.co/uploads/gb-library/badges/streak-${milestoneDay}.webp`,
		})),
	};
}

export function automationCampaigns(account: Account, customer: Customer, campaignType: string | null): Json {
	if (campaignType && !['mission', 'all'].includes(campaignType.toLowerCase())) return { count: 0, campaigns: [] };
	const steps = [
		{ order: 1, type: 'SignUp', completed: true, configuration: null },
		{ order: 2, type: 'PlaceOrder', completed: Number(customer.attributes.totalOrders ?? 0) > 0, configuration: { minimumOrders: 1 } },
		{ order: 3, type: 'WriteReview', completed: (customer.eventCounts.write_review ?? 0) > 0, configuration: { event: 'write_review' } },
	];
	const done = steps.filter((step) => step.completed).length;
	const mission = { name: 'Getting started', order: 1, isUnlocked: true, completed: done === steps.length, completionPercentage: Math.round((done / steps.length) * 100), steps };
	void account;
	return { count: 1, campaigns: [{ automationCount: 1, automation: [mission] }] };
}
