/** Configuration endpoints (tiers reflect the tier table) and the leaderboard. */
import { isEarning } from '../domain/account';
import { campaignConfigView } from '../domain/campaigns';
import { COUPON_TYPE_NAMES, couponRewardView, tierIcon } from '../domain/catalog';
import { referralRewards } from '../domain/customers';
import { badRequest, ERROR_CODES } from '../errors';
import type { Customer } from '../state';
import { API, ok, type RouteContext, type RouteTable } from './types';

/** How Gameball may call the merchant's coupon endpoint: "Allowed values are POST, PUT or GET." */
const COUPON_ENDPOINT_METHODS = ['POST', 'PUT', 'GET'];

function cashbackRule(context: RouteContext, tierName?: string) {
	return {
		...(tierName ? { tierName } : {}),
		rewardFactor: context.state.config.pointsPerCurrencyUnit,
		amountRewardThreshold: 1,
		rewardRankFactor: context.state.config.pointsPerCurrencyUnit,
		rewardWalletFactor: context.state.config.pointsPerCurrencyUnit,
	};
}

function leaderboard(context: RouteContext) {
	const from = context.query.get('from');
	const to = context.query.get('to');
	const fromTime = from ? Date.parse(from) : -Infinity;
	const toTime = to ? Date.parse(to) : Infinity;
	const campaignId = context.query.get('rewardCampaignId');
	const tag = context.query.get('customerTag');
	const progress = new Map<string, number>();
	for (const entry of context.state.ledgerEntries) {
		const at = Date.parse(entry.at);
		if (at < fromTime || at > toTime || !isEarning(entry.type)) continue;
		if (campaignId && String(entry.achievedRewardCampaignId) !== campaignId) continue;
		progress.set(entry.customerId, (progress.get(entry.customerId) ?? 0) + entry.points);
	}
	const customers = [...context.state.customers.values()].filter((customer: Customer) => !tag || customer.tags.includes(tag));
	const ranked = customers
		.map((customer) => ({ customer, progress: progress.get(customer.customerId) ?? 0 }))
		.sort((a, b) => b.progress - a.progress || a.customer.gameballId - b.customer.gameballId);
	const rows = ranked.map(({ customer, progress: points }, index) => {
		const tier = context.account.tierByOrder(customer.tierOrder);
		return { rank: index + 1, customerId: customer.customerId, displayName: customer.displayName ?? customer.customerId, progress: points, tierName: tier.name, tierIcon: tierIcon(tier.order) };
	});
	const wanted = context.query.get('customerId');
	const customerRank = wanted ? (rows.find((row) => row.customerId === wanted)?.rank ?? 0) : 0;
	return { leaderboard: rows.slice(0, 100), customerRank, customersCount: rows.length };
}

export const configurationRoutes: RouteTable = {
	[`GET ${API}/configurations/tiers`]: (context) =>
		ok(
			context.state.config.tiers.map((tier) => ({
				name: tier.name,
				order: tier.order,
				minProgress: tier.minPoints,
				icon: tierIcon(tier.order),
				benefits:
					tier.order > 1
						? [{ type: 'Loyalty Points Earning Custom Configuration', description: `${tier.name} earning`, hyperLink: null, rankReward: 0, walletReward: 0, walletRewardFactor: context.state.config.pointsPerCurrencyUnit, couponReward: null }]
						: [],
			})),
		),
	[`GET ${API}/configurations/reward-campaigns`]: (context) => {
		const customerId = context.query.get('customerId');
		const customer = customerId ? context.state.customers.get(customerId) : undefined;
		const campaigns = context.state.config.campaigns.filter((campaign) => !customer || campaign.minTierOrder <= customer.tierOrder);
		return ok(campaigns.map((campaign) => campaignConfigView(context.account, campaign)));
	},
	[`GET ${API}/configurations/referrals`]: () => {
		const rewards = referralRewards();
		return ok({
			// Both the referrer and the friend are rewarded.
			referralMethod: 'CustomerAndFriend',
			eventName: 'signup',
			eventMetaData: { name: null, operator: null, value: null },
			customerReward: { point: rewards.referrerPoints, score: rewards.referrerPoints, coupon: null, extraReward: { forEvery: 5, point: 100, score: 100, coupon: null } },
			friendReward: { point: rewards.friendPoints, score: rewards.friendPoints, coupon: null },
		});
	},
	[`GET ${API}/configurations/cashback`]: (context) =>
		ok({ defaultCashbackRule: cashbackRule(context), tierCashbackRules: context.state.config.tiers.map((tier) => cashbackRule(context, tier.name)) }),
	[`GET ${API}/configurations/redemption`]: (context) =>
		ok({
			redemptionFactor: context.state.config.redemptionFactor,
			redemptionRules: context.state.config.redemptionRules.map((rule) => ({
				id: rule.id,
				ruleType: COUPON_TYPE_NAMES[rule.couponType].ruleType,
				pointsToRedeem: rule.pointsToRedeem,
				valueOfPoint: context.state.config.redemptionFactor,
				isActive: rule.isActive,
				image: `https://cdn.gameball.co/uploads/gb-library/coupons/${rule.couponType}.webp`,
				creationDate: '2026-01-01T00:00:00Z',
				coupon: couponRewardView(rule),
			})),
		}),
	[`GET ${API}/configurations/rewards/cashback`]: (context) =>
		ok({ enabled: true, rate: context.state.config.pointsPerCurrencyUnit, minimumOrderValue: 0, maximumCashback: 0, categories: [] }),
	[`GET ${API}/configurations/rewards/redemption`]: (context) =>
		ok({ enabled: true, minimumPoints: 1, pointValue: context.state.config.redemptionFactor, maximumRedemption: 0, redemptionMethods: ['points', 'coupons'] }),
	[`GET ${API}/configurations/rewards/coupons`]: (context) => ok(context.state.config.rewardsCoupons),
	[`PUT ${API}/configurations/rewards/coupons`]: (context) => {
		context.state.config.rewardsCoupons = { ...context.state.config.rewardsCoupons, ...context.body };
		return ok({ success: true, message: 'Coupon reward configuration updated' });
	},
	[`GET ${API}/configurations/coupon`]: (context) => ok(context.state.config.couponIntegration),
	[`PUT ${API}/configurations/coupon`]: (context) => {
		if (!COUPON_ENDPOINT_METHODS.includes(String(context.body.method))) throw badRequest(ERROR_CODES.invalidValue, `method must be one of: ${COUPON_ENDPOINT_METHODS.join(', ')}`);
		context.state.config.couponIntegration = { ...context.state.config.couponIntegration, ...context.body };
		return ok({ success: true, message: 'Coupon configuration updated' });
	},
	[`GET ${API}/configurations/widget`]: () =>
		ok({
			colors: { primary: '#5E3BE1', secondary: '#FFB800', accent: '#00C2A8', background: '#FFFFFF', text: '#1B1B1F' },
			layout: { position: 'bottom-right', size: 'medium', showOnMobile: true },
			features: { showBalance: true, showPoints: true, showTier: true, showNotifications: true },
		}),
	[`GET ${API}/leaderboard`]: (context) => ok(leaderboard(context)),
};
