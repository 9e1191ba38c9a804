/** Events and their reward preview, as the OpenAPI document describes them. */
import { useSimulator, waitFor } from './client';

const { sim, call } = useSimulator();

async function preview(customerId: string, events: Record<string, unknown>) {
	const answer = await call('POST', '/events/reward-preview', { customerId, events });
	expect(answer.status).toBe(200);
	return answer.json;
}

describe('POST /events', () => {
	it('creates an unknown customer and rewards the event ("unlike the live events endpoint, the preview never creates the customer")', async () => {
		const sent = await call('POST', '/events', { customerId: 'ev-new', events: { write_review: {} } });
		expect(sent.json).toEqual({ success: true, message: 'Events processed' });
		expect((await call('GET', '/customers/ev-new')).status).toBe(200);
		expect((await call('GET', '/customers/ev-new/balance')).json.availablePointsBalance).toBe(25);
	});

	it('takes event names such as __proto__ and constructor as names: no TypeError', async () => {
		const events = JSON.parse('{"__proto__": {}, "constructor": {}, "toString": {}}') as Record<string, unknown>;
		for (let day = 0; day < 2; day++) {
			const sent = await call('POST', '/events', { customerId: 'ev-proto', events });
			expect(sent.json).toEqual({ success: true, message: 'Events processed' });
		}
		expect(sim().state.customers.get('ev-proto')?.eventCounts).toEqual(Object.assign(Object.create(null), { ['__proto__']: 2, constructor: 2, toString: 2 }));
	});

	it('creates unknown customers in a batch events job too', async () => {
		const job = await call('POST', '/batch/events', { body: [{ customerId: 'ev-batch', events: { subscribe_newsletter: {} } }] });
		let status: any;
		await waitFor(async () => (status = (await call('GET', `/batches/${job.json.jobId}/status`)).json).status === 'completed');
		expect(status).toMatchObject({ failedItems: 0, errors: [] });
		expect((await call('GET', '/customers/ev-batch/balance')).json.availablePointsBalance).toBe(10);
	});

	it('counts an event only when its metadata meets one of the campaign conditions', async () => {
		await call('POST', '/events', { customerId: 'ev-rate', events: { rate_app: { rating: 3 } } });
		expect((await call('GET', '/customers/ev-rate/balance')).json.availablePointsBalance).toBe(0);
		await call('POST', '/events', { customerId: 'ev-rate', events: { rate_app: { rating: 5 } } });
		expect((await call('GET', '/customers/ev-rate/balance')).json.availablePointsBalance).toBe(15);
	});
});

describe('POST /events/reward-preview', () => {
	beforeAll(async () => {
		await call('POST', '/customers', { customerId: 'pv' });
	});

	it('Rewarded: points already multiplied by timesAchieved, no progress', async () => {
		const answer = await preview('pv', { write_review: { rating: 5 } });
		expect(answer).toEqual({ customerId: 'pv', totalPoints: 25, events: [{ eventName: 'write_review', valid: true, invalidReason: null, totalPoints: 25, campaigns: [expect.any(Object)] }] });
		expect(answer.events[0].campaigns[0]).toEqual({
			campaignId: 101,
			campaignName: 'Write a review',
			campaignEndDate: null,
			eligible: true,
			reason: 'Rewarded',
			rewardType: 'Points',
			rewardPoints: 25,
			couponType: null,
			couponValue: null,
			points: 25,
			timesAchieved: 1,
			progress: null,
		});
	});

	it('ProgressOnly, then NonPointsReward, for a coupon campaign of 5 steps', async () => {
		const first = (await preview('pv', { purchase_coffee: {} })).events[0].campaigns[0];
		expect(first).toEqual({
			campaignId: 105,
			campaignName: 'Coffee stamps',
			campaignEndDate: null,
			eligible: true,
			reason: 'ProgressOnly',
			rewardType: 'Coupon',
			rewardPoints: null,
			couponType: 'FreeProduct',
			couponValue: 4,
			points: 0,
			timesAchieved: 0,
			progress: { currentPercentage: 0, wouldBePercentage: 20, completionRewardPoints: null, completionRewardType: 'Coupon' },
		});
		for (let index = 0; index < 4; index++) await call('POST', '/events', { customerId: 'pv', events: { purchase_coffee: {} } });
		const fifth = (await preview('pv', { purchase_coffee: {} })).events[0];
		expect(fifth.totalPoints).toBe(0);
		expect(fifth.campaigns[0]).toMatchObject({ eligible: true, reason: 'NonPointsReward', rewardType: 'Coupon', points: 0, timesAchieved: 1, progress: null });
	});

	it('ProgressOnly for a daily streak: a same-day repeat does not move it', async () => {
		await call('POST', '/customers', { customerId: 'pv-streak' });
		expect((await preview('pv-streak', { daily_check_in: {} })).events[0].campaigns[0]).toMatchObject({ reason: 'ProgressOnly', progress: { currentPercentage: 0, wouldBePercentage: 33, completionRewardPoints: 5, completionRewardType: 'Points' } });
		await call('POST', '/events', { customerId: 'pv-streak', events: { daily_check_in: {} } });
		expect((await preview('pv-streak', { daily_check_in: {} })).events[0].campaigns[0].progress).toMatchObject({ currentPercentage: 33, wouldBePercentage: 33 });
	});

	it('NoMatchingConditions: eligible false only when the metadata meets none of the conditions', async () => {
		const miss = (await preview('pv', { rate_app: { rating: 4 } })).events[0];
		expect(miss.campaigns).toEqual([expect.objectContaining({ campaignId: 108, eligible: false, reason: 'NoMatchingConditions', points: 0, timesAchieved: 0, progress: null })]);
		const hit = (await preview('pv', { rate_app: { rating: 5 } })).events[0];
		expect(hit.campaigns[0]).toMatchObject({ eligible: true, reason: 'Rewarded', points: 15, timesAchieved: 1 });
	});

	it('answers EventNotFound for an event the account does not know, and an empty success for one without campaigns', async () => {
		const answer = await preview('pv', { no_such_event: {}, place_order: {} });
		expect(answer.events).toEqual([
			{ eventName: 'no_such_event', valid: false, invalidReason: 'EventNotFound', totalPoints: 0, campaigns: [] },
			{ eventName: 'place_order', valid: true, invalidReason: null, totalPoints: 0, campaigns: [] },
		]);
	});

	it('leaves out campaigns the customer can no longer win or is below the tier of', async () => {
		await call('POST', '/events', { customerId: 'pv', events: { subscribe_newsletter: {} } });
		const answer = await preview('pv', { subscribe_newsletter: {}, share_wishlist: {} });
		expect(answer.events.map((event: { campaigns: unknown[] }) => event.campaigns)).toEqual([[], []]);
	});

	it('refuses unknown and inactive customers, and never creates one', async () => {
		const unknown = await call('POST', '/events/reward-preview', { customerId: 'pv-ghost', events: { write_review: {} } });
		expect(unknown).toMatchObject({ status: 404, json: { code: 7000 } });
		expect(sim().state.customers.has('pv-ghost')).toBe(false);
		await call('POST', '/customers', { customerId: 'pv-off' });
		await call('PUT', '/customers/pv-off/activate', { isActive: false });
		expect((await call('POST', '/events/reward-preview', { customerId: 'pv-off', events: { write_review: {} } })).status).toBe(404);
		const order = await call('POST', '/orders/reward-preview', { customerId: 'pv-off', totalPaid: 10 });
		expect(order.json).toMatchObject({ customerFound: false, eventRewards: null, totalPoints: 10 });
	});
});

describe('POST /orders/reward-preview', () => {
	it('counts one coupon per achievement of a coupon-reward place_order campaign', async () => {
		await call('POST', '/customers', { customerId: 'op' });
		const campaigns = sim().state.config.campaigns;
		campaigns.push({ id: 190, name: 'First order gift', type: 'EventBased', description: 'A gift', eventName: 'place_order', requiredCount: 1, points: 0, maxAchievement: 1, isRepeatable: false, couponRuleId: 2, minTierOrder: 1, icon: '' });
		try {
			const answer = await call('POST', '/orders/reward-preview', { customerId: 'op', totalPaid: 20 });
			expect(answer.json).toMatchObject({ customerFound: true, totalPoints: 20, totalCoupons: 1 });
			expect(answer.json.eventRewards.campaigns).toEqual([expect.objectContaining({ reason: 'NonPointsReward', rewardType: 'Coupon', couponType: 'Percentage', couponValue: 10, timesAchieved: 1 })]);
		} finally {
			campaigns.pop();
		}
	});
});

describe('documented values in views', () => {
	it('gives each campaign view its own documented fields', async () => {
		const config = (await call('GET', '/configurations/reward-campaigns')).json;
		const stamps = config.find((campaign: { id: number }) => campaign.id === 105);
		expect(stamps).toMatchObject({ type: 'EventBased', visibility: 'AlwaysVisible', availability: { minTier: 1, tags: [] } });
		expect(stamps).not.toHaveProperty('widgetDetailsParameter');
		expect(stamps.rewards[0].couponReward).toMatchObject({ couponType: 'free_product', discountValue: 4 });
		expect(config.find((campaign: { id: number }) => campaign.id === 101).rewards[0].couponReward).toBeNull();
		await call('POST', '/customers', { customerId: 'vw' });
		const progress = (await call('GET', '/customers/vw/reward-campaigns-progress?campaignId=106')).json[0].rewardCampaignConfiguration;
		expect(progress).toMatchObject({ type: 'EventBased', widgetDetailsParameter: 'details_reward_campaign_106' });
		expect(progress).not.toHaveProperty('availability');
	});

	it('uses the documented redemption, referral, coupon and transaction values', async () => {
		const rules = (await call('GET', '/configurations/redemption')).json.redemptionRules;
		expect(rules.map((rule: { ruleType: string; coupon: { couponType: string } }) => [rule.ruleType, rule.coupon.couponType])).toEqual([
			['fixed_rate_settings', 'fixed_rate_discount'],
			['percentage_discount_settings', 'percentage_discount'],
			['free_product_settings', 'free_product'],
			['free_shipping_settings', 'free_shipping'],
		]);
		expect((await call('GET', '/configurations/referrals')).json).toMatchObject({ referralMethod: 'CustomerAndFriend', customerReward: { coupon: null }, friendReward: { coupon: null } });
		await call('POST', '/customers', { customerId: 'rf-a' });
		const code = (await call('GET', '/customers/rf-a')).json.referralCode;
		await call('POST', '/customers', { customerId: 'rf-b', referrerCode: code });
		const referral = (await call('GET', '/transactions?customerId=rf-a')).json.transactions;
		expect(referral).toEqual([expect.objectContaining({ type: 'AchievementReward', points: 50, achievementName: 'Referral' })]);
		const activities = (await call('GET', '/customers/rf-a/activities?activityType=ReferralBonusReward')).json.activities;
		expect(activities).toHaveLength(1);
		await call('POST', '/transactions/manual', { customerId: 'rf-a', transactionId: 'RF-SEED', username: 'test', reason: 'seed', points: 100 });
		const coupon = (await call('POST', '/coupons/predefined', { customerId: 'rf-a', ruleId: 4 })).json.code;
		const listed = (await call('GET', '/customers/rf-a/coupons')).json.coupons;
		expect(listed).toEqual([expect.objectContaining({ code: coupon, type: 'Free Shipping', target: 'Reward' })]);
		const redemption = (await call('GET', '/transactions?customerId=rf-a')).json.transactions.find((entry: { type: string }) => entry.type === 'DiscountCode');
		expect(redemption).toMatchObject({ couponCode: coupon, couponType: 'free_shipping' });
	});
});
