import { streaks } from '../../simulator/domain/campaigns';
import { nowIso, useSimulator } from './client';

const { sim, call } = useSimulator();

beforeAll(async () => {
	for (const [customerId, amount] of [['lead-a', 300], ['lead-b', 900], ['lead-c', 50]] as const) {
		await call('POST', '/customers', { customerId, customerAttributes: { displayName: customerId.toUpperCase() } });
		await call('POST', '/transactions/cashback', { customerId, transactionId: `C-${customerId}`, transactionTime: nowIso(), amount });
	}
	await call('POST', '/customers/lead-c/tags', { tags: 'vip, early' });
});

describe('leaderboard', () => {
	it('ranks customers by points earned, with the asked customer rank', async () => {
		const answer = await call('GET', '/leaderboard?customerId=lead-a');
		expect(answer.json.customersCount).toBe(3);
		expect(answer.json.customerRank).toBe(2);
		expect(answer.json.leaderboard.map((row: { customerId: string; progress: number; rank: number }) => [row.rank, row.customerId, row.progress])).toEqual([
			[1, 'lead-b', 900],
			[2, 'lead-a', 300],
			[3, 'lead-c', 50],
		]);
		expect(answer.json.leaderboard[0]).toMatchObject({ displayName: 'LEAD-B', tierName: 'Gold' });
	});

	it('filters by tag and by period', async () => {
		const tagged = await call('GET', '/leaderboard?customerTag=vip');
		expect(tagged.json.leaderboard.map((row: { customerId: string }) => row.customerId)).toEqual(['lead-c']);
		const past = await call('GET', '/leaderboard?to=2000-01-01T00:00:00Z');
		// All three customers, none with points earned before 2000.
		expect(past.json.leaderboard.map((row: { customerId: string; progress: number }) => [row.customerId, row.progress]).sort()).toEqual([
			['lead-a', 0],
			['lead-b', 0],
			['lead-c', 0],
		]);
	});
});

describe('paging and counts', () => {
	it('pages transactions with startAfter and limit', async () => {
		for (let index = 0; index < 5; index++) {
			await call('POST', '/transactions/manual', { customerId: 'lead-a', transactionId: `PG-${index}`, username: 'test', reason: 'paging', points: 1 });
		}
		const first = await call('GET', '/transactions?customerId=lead-a&limit=4');
		expect(first.json).toMatchObject({ count: 4, hasMore: true });
		const last = first.json.transactions[3].gameballTransactionId;
		const second = await call('GET', `/transactions?customerId=lead-a&limit=4&startAfter=${last}`);
		expect(second.json).toMatchObject({ count: 2, hasMore: false });
		const view = await call('GET', '/transactions/customer-view?customerId=lead-a&limit=1');
		expect(view.json.transactions[0]).toMatchObject({ customerId: 'lead-a', customerName: 'LEAD-A', isCustomerDeleted: false });
		expect((await call('GET', '/transactions/count?customerId=lead-a&status=Active')).json.count).toBe(6);
	});

	it('filters activities by type and counts them', async () => {
		const upgrades = await call('GET', '/customers/lead-b/activities?activityType=TierUpgraded');
		// One cashback of 900 jumps from Bronze straight to Gold: one upgrade.
		expect(upgrades.json.activities.map((activity: { tierName: string }) => activity.tierName)).toEqual(['Gold']);
		expect((await call('GET', '/customers/lead-b/activities/count?activityType=TierUpgraded')).json.count).toBe(1);
		expect((await call('GET', '/customers/lead-b/activities?activityType=Nonsense')).status).toBe(400);
	});
});

describe('campaign progress', () => {
	it('filters by type and id and rejects non-positive ids with 422', async () => {
		const rewards = await call('GET', '/customers/lead-a/reward-campaigns-progress?campaignType=reward');
		expect(rewards.json.map((campaign: { rewardsCampaignId: number }) => campaign.rewardsCampaignId)).toEqual([101, 102, 104, 105, 106, 107, 108]);
		expect((await call('GET', '/customers/lead-a/reward-campaigns-progress?campaignType=game')).json).toEqual([]);
		expect((await call('GET', '/customers/lead-a/reward-campaigns-progress?campaignType=other')).status).toBe(400);
		const one = await call('GET', '/customers/lead-a/reward-campaigns-progress?campaignId=104');
		expect(one.json).toHaveLength(1);
		const locked = await call('GET', '/customers/lead-c/reward-campaigns-progress?campaignId=107');
		expect(locked.json[0]).toMatchObject({ isUnlocked: false, canAchieve: false });
		const zero = await call('GET', '/customers/lead-a/reward-campaigns-progress?campaignId=0');
		expect(zero.status).toBe(422);
		expect(zero.json.code).toBe(3003);
		expect((await call('GET', '/customers/lead-a/reward-campaigns-progress?campaignId=abc')).status).toBe(400);
	});

	it('rewards a social challenge once', async () => {
		const first = await call('POST', '/customers/social-challenges', { customerId: 'lead-c', challengeId: 104 });
		expect(first.status).toBe(202);
		expect(first.json).toEqual({ customerId: 'lead-c', challengeId: 104 });
		const again = await call('POST', '/customers/social-challenges', { customerId: 'lead-c', challengeId: 104 });
		expect([again.status, again.json.code]).toEqual([400, 3003]);
		expect((await call('GET', '/customers/lead-c/balance')).json.availablePointsBalance).toBe(65);
		expect((await call('POST', '/customers/social-challenges', { customerId: 'lead-c', challengeId: 999 })).status).toBe(404);
	});

	it('awards no social challenge while the program is switched off, and says so as the OpenAPI document does', async () => {
		const balance = async () => (await call('GET', '/customers/lead-a/balance')).json.availablePointsBalance;
		const before = await balance();
		sim().state.config.programEnabled = false;
		try {
			const answer = await call('POST', '/customers/social-challenges', { customerId: 'lead-a', challengeId: 104 });
			expect([answer.status, answer.json.customerId, answer.json.gameballStatus]).toEqual([202, 'lead-a', 'Disabled']);
			expect(await balance()).toBe(before);
		} finally {
			sim().state.config.programEnabled = true;
		}
	});

	it('tracks a daily streak across days', async () => {
		// Campaign 106: daily_check_in, 3 days in a row. The simulator clock is account.now().
		const clock = jest.spyOn(sim().internals.account, 'now');
		const checkInOn = async (day: string) => {
			clock.mockReturnValue(new Date(`${day}T12:00:00Z`));
			expect((await call('POST', '/events', { customerId: 'lead-a', events: { daily_check_in: {} } })).status).toBe(200);
			return (await call('GET', '/customers/lead-a/streaks/106')).json;
		};
		try {
			await checkInOn('2026-03-01');
			// Twice on one day counts once.
			expect(await checkInOn('2026-03-01')).toMatchObject({ currentStreakCount: 1, highestStreakCount: 1, nextMilestone: 3, totalRewardsEarned: 0 });
			expect(await checkInOn('2026-03-02')).toMatchObject({ currentStreakCount: 2, highestStreakCount: 2, lastActivityDate: '2026-03-02T00:00:00Z', totalRewardsEarned: 0 });
			// A missed day restarts the streak; the highest stays.
			expect(await checkInOn('2026-03-04')).toMatchObject({ currentStreakCount: 1, highestStreakCount: 2, nextMilestone: 3, totalRewardsEarned: 0 });
			await checkInOn('2026-03-05');
			// The third day in a row earns the reward once.
			expect(await checkInOn('2026-03-06')).toMatchObject({ currentStreakCount: 3, highestStreakCount: 3, nextMilestone: 6, totalRewardsEarned: 1 });
			// Read the next day the run still stands; read two weeks later it is broken, though the highest stays.
			const readOn = async (day: string) => {
				clock.mockReturnValue(new Date(`${day}T12:00:00Z`));
				return (await call('GET', '/customers/lead-a/streaks/106')).json;
			};
			expect(await readOn('2026-03-07')).toMatchObject({ currentStreakCount: 3, highestStreakCount: 3 });
			expect(await readOn('2026-03-20')).toMatchObject({ currentStreakCount: 0, highestStreakCount: 3, nextMilestone: 3, lastActivityDate: '2026-03-06T00:00:00Z' });
		} finally {
			clock.mockRestore();
		}
	});
});

describe('streaks', () => {
	it('counts the run ending at the latest day, and the longest run', () => {
		expect(streaks([])).toEqual({ current: 0, highest: 0, last: undefined });
		expect(streaks(['2026-01-01', '2026-01-02', '2026-01-04'])).toEqual({ current: 1, highest: 2, last: '2026-01-04' });
		expect(streaks(['2026-01-01', '2026-01-03', '2026-01-04', '2026-01-05'])).toEqual({ current: 3, highest: 3, last: '2026-01-05' });
		// Unsorted, repeated days, across a month end.
		expect(streaks(['2026-02-01', '2026-01-31', '2026-01-31', '2026-01-30'])).toEqual({ current: 3, highest: 3, last: '2026-02-01' });
		expect(streaks(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-10', '2026-01-11'])).toEqual({ current: 2, highest: 3, last: '2026-01-11' });
	});
});
