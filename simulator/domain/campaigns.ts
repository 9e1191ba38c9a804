/** Events and reward campaigns: achievements, previews and per-customer progress. */
import { ERROR_CODES, GameballError } from '../errors';
import type { Customer } from '../state';
import type { Account } from './account';
import type { CampaignDefinition } from './catalog';
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

/** Whether sending the event now completes the campaign (before any state change). */
function wouldAchieve(account: Account, customer: Customer, campaign: CampaignDefinition, eventName: string): boolean {
	if (campaign.eventName !== eventName || !canAchieve(customer, campaign)) return false;
	const count = (customer.eventCounts[eventName] ?? 0) + 1;
	if (campaign.type === 'DailyStreak') {
		const days = customer.eventDays[eventName] ?? [];
		if (days.includes(today(account))) return false;
		return streaks([...days, today(account)]).current % campaign.requiredCount === 0;
	}
	return count % campaign.requiredCount === 0;
}

export function sendEvents(account: Account, body: Json): Json {
	const customer = account.getCustomer(String(body.customerId));
	const events = body.events as Record<string, unknown>;
	const names = Object.keys(events);
	if (names.length === 0) throw new GameballError(400, ERROR_CODES.invalidValue, 'events must name at least one event');
	for (const eventName of names) {
		const achieving = account.state.config.campaigns.filter((campaign) => wouldAchieve(account, customer, campaign, eventName));
		customer.eventCounts[eventName] = (customer.eventCounts[eventName] ?? 0) + 1;
		const days = (customer.eventDays[eventName] ??= []);
		if (!days.includes(today(account))) days.push(today(account));
		account.addActivity(customer, 'SuccessfulAction', { reason: eventName });
		for (const campaign of achieving) achieve(account, customer, campaign);
	}
	return { success: true, message: 'Events processed' };
}

function previewCampaign(account: Account, customer: Customer, campaign: CampaignDefinition, eventName: string): Json {
	const eligible = canAchieve(customer, campaign);
	const achieving = wouldAchieve(account, customer, campaign, eventName);
	const count = customer.eventCounts[eventName] ?? 0;
	const streak = streaks(customer.eventDays[eventName] ?? []).current;
	const reason = !eligible
		? customer.tierOrder < campaign.minTierOrder
			? 'Customer tier is below the campaign minimum'
			: 'Maximum achievements reached'
		: achieving
			? 'Completes the campaign'
			: 'Progresses the campaign';
	return {
		campaignId: campaign.id,
		campaignName: campaign.name,
		campaignEndDate: null,
		eligible,
		rewardType: campaign.couponRuleId !== undefined ? 'coupon' : 'points',
		points: achieving ? campaign.points : 0,
		rewardPoints: campaign.points,
		couponType: campaign.couponRuleId !== undefined ? 'product' : null,
		couponValue: null,
		reason,
		timesAchieved: timesAchieved(customer, campaign),
		progress: {
			currentPercentage: percentageAt(campaign, count, streak),
			wouldBePercentage: achieving ? 100 : percentageAt(campaign, count + 1, streak + 1),
			completionRewardType: campaign.couponRuleId !== undefined ? 'coupon' : 'points',
			completionRewardPoints: campaign.points,
		},
	};
}

export function previewEvent(account: Account, customer: Customer, eventName: string): Json {
	const campaigns = account.state.config.campaigns.filter((campaign) => campaign.eventName === eventName).map((campaign) => previewCampaign(account, customer, campaign, eventName));
	const totalPoints = campaigns.reduce((total, campaign) => total + Number(campaign.points), 0);
	return { eventName, valid: true, invalidReason: null, totalPoints, campaigns };
}

export function previewEvents(account: Account, body: Json): Json {
	const customer = account.getCustomer(String(body.customerId));
	const events = Object.keys(body.events as Json).map((eventName) => previewEvent(account, customer, eventName));
	return { customerId: customer.customerId, totalPoints: events.reduce((total, event) => total + Number(event.totalPoints), 0), events };
}

export function campaignConfigView(campaign: CampaignDefinition, tierOrder: number): Json {
	return {
		id: campaign.id,
		name: campaign.name,
		type: campaign.type,
		description: campaign.description,
		icon: campaign.icon,
		isRepeatable: campaign.isRepeatable,
		maxAchievement: campaign.maxAchievement,
		visibility: 'Visible',
		activation: { startDate: '2026-01-01T00:00:00Z', endDate: null },
		availability: { minTier: tierOrder, tags: [] },
		redirectionButtonText: null,
		redirectionButtonLink: null,
		widgetDetailsParameter: null,
		rewards: [{ rankReward: 0, walletReward: campaign.points, walletRewardFactor: null, couponReward: campaign.couponRuleId !== undefined ? { couponType: 'product', discountValue: null } : {} }],
	};
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
				rewardCampaignConfiguration: campaignConfigView(campaign, campaign.minTierOrder),
			};
		});
}

function campaignOfType(account: Account, id: string, type: CampaignDefinition['type']): CampaignDefinition {
	const campaign = account.state.config.campaigns.find((candidate) => String(candidate.id) === id && candidate.type === type);
	if (!campaign) throw new GameballError(404, ERROR_CODES.configurationNotFound, `${type} campaign '${id}' was not found`);
	return campaign;
}

export function achieveSocialChallenge(account: Account, body: Json): Json {
	const customer = account.getCustomer(String(body.customerId));
	const campaign = campaignOfType(account, String(body.challengeId), 'SocialMedia');
	const rewarded = canAchieve(customer, campaign);
	if (rewarded) achieve(account, customer, campaign);
	return {
		customerId: customer.customerId,
		challengeId: campaign.id,
		gameballStatus: rewarded ? 'Accepted' : 'AlreadyAchieved',
		message: rewarded ? 'The social challenge was accepted and will be rewarded' : 'The customer already achieved this challenge',
		learnMore: 'https://docs.gameball.co',
	};
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
