import { nowIso, request, useSimulator } from './client';

describe('fault injection', () => {
	const { sim, call } = useSimulator();

	beforeAll(async () => {
		await call('POST', '/customers', { customerId: 'f-1' });
	});
	afterEach(() => sim().setFaults(undefined));

	it('adds latency', async () => {
		sim().setFaults({ latencyMs: 120, latencyJitterMs: 30 });
		const started = Date.now();
		expect((await call('GET', '/customers/f-1')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(115);
	});

	it('answers 5xx with a Gameball 5xxx body', async () => {
		sim().setFaults({ errorRate5xx: 1 });
		const answers = await Promise.all(Array.from({ length: 12 }, () => call('GET', '/configurations/widget')));
		for (const answer of answers) {
			expect([500, 502, 503]).toContain(answer.status);
			expect(answer.json).toMatchObject({ code: expect.any(Number), type: 'SERVER_ERROR', requestId: expect.any(String) });
			expect(Math.floor(answer.json.code / 1000)).toBe(5);
		}
	});

	it('resets the connection without answering', async () => {
		sim().setFaults({ resetRate: 1 });
		await expect(call('GET', '/customers/f-1')).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect(sim().requests[sim().requests.length - 1]).toMatchObject({ status: 0, fault: 'reset' });
	});

	it('answers 200 with a body that is not valid JSON', async () => {
		sim().setFaults({ malformedRate: 1 });
		const answer = await call('GET', '/configurations/widget');
		expect(answer.status).toBe(200);
		expect(answer.text.length).toBeGreaterThan(0);
		expect(() => JSON.parse(answer.text)).toThrow();
	});

	it('answers bursts of 429 with Retry-After', async () => {
		sim().setFaults({ burst429: { every: 3, length: 2 } });
		const statuses: number[] = [];
		for (let index = 0; index < 10; index++) {
			const answer = await call('GET', '/configurations/widget');
			statuses.push(answer.status);
			if (answer.status === 429) expect(answer.headers['retry-after']).toBe('1');
		}
		expect(statuses).toEqual([200, 200, 200, 429, 429, 200, 200, 200, 429, 429]);
	});

	it('sometimes applies a money-moving POST and then fails: a retry is answered 9004, never applied twice', async () => {
		sim().setFaults({ errorRate5xx: 1, applyBeforeFault: true });
		const ids = Array.from({ length: 24 }, (_, index) => `AF-${index}`);
		for (const transactionId of ids) {
			const answer = await call('POST', '/transactions/cashback', { customerId: 'f-1', transactionId, transactionTime: nowIso(), amount: 1 });
			expect(answer.status).toBeGreaterThanOrEqual(500);
		}
		const appliedDuringFaults = sim().ledger().filter((entry) => entry.transactionId?.startsWith('AF-')).length;
		expect(appliedDuringFaults).toBeGreaterThan(0);
		expect(appliedDuringFaults).toBeLessThan(ids.length);
		sim().setFaults(undefined);
		const retries = await Promise.all(ids.map((transactionId) => call('POST', '/transactions/cashback', { customerId: 'f-1', transactionId, transactionTime: nowIso(), amount: 1 })));
		expect(retries.filter((answer) => answer.status === 400 && answer.json.code === 9004)).toHaveLength(appliedDuringFaults);
		expect(retries.filter((answer) => answer.status === 200)).toHaveLength(ids.length - appliedDuringFaults);
		const perId = new Map<string, number>();
		for (const entry of sim().ledger()) if (entry.transactionId?.startsWith('AF-')) perId.set(entry.transactionId, (perId.get(entry.transactionId) ?? 0) + 1);
		expect([...perId.values()].every((count) => count === 1)).toBe(true);
		expect(perId.size).toBe(ids.length);
	});

	it('applies events and social challenges, which award points, before failing too', async () => {
		sim().setFaults({ errorRate5xx: 1, applyBeforeFault: true, applyBeforeFaultRate: 1 });
		expect((await call('POST', '/events', { customerId: 'f-1', events: { write_review: {} } })).status).toBeGreaterThanOrEqual(500);
		expect((await call('POST', '/customers/social-challenges', { customerId: 'f-1', challengeId: 104 })).status).toBeGreaterThanOrEqual(500);
		expect(sim().requests.slice(-2).map((record) => record.fault)).toEqual(['error5xx after applying', 'error5xx after applying']);
		expect(sim().ledger().filter((entry) => entry.customerId === 'f-1' && entry.type === 'AchievementReward').map((entry) => entry.achievedRewardCampaignId)).toEqual([101, 104]);
	});

	it('never applies before failing when applyBeforeFault is false', async () => {
		sim().setFaults({ errorRate5xx: 1, applyBeforeFault: false });
		for (let index = 0; index < 10; index++) {
			await call('POST', '/transactions/cashback', { customerId: 'f-1', transactionId: `NF-${index}`, transactionTime: nowIso(), amount: 1 });
		}
		expect(sim().ledger().filter((entry) => entry.transactionId?.startsWith('NF-'))).toHaveLength(0);
	});

	it('answers 400 with error 2001 (a concurrent request) and applies nothing, even where other faults apply first', async () => {
		sim().setFaults({ concurrentRequestRate: 1, applyBeforeFault: true, applyBeforeFaultRate: 1 });
		const rewardsBefore = sim().ledger().filter((entry) => entry.customerId === 'f-1' && entry.type === 'AchievementReward').length;
		const cashback = { customerId: 'f-1', transactionId: 'CC-1', transactionTime: nowIso(), amount: 5 };
		const answers = [await call('POST', '/transactions/cashback', cashback), await call('POST', '/events', { customerId: 'f-1', events: { write_review: {} } }), await call('GET', '/customers/f-1')];
		for (const answer of answers) {
			expect(answer.status).toBe(400);
			expect(answer.json).toEqual({ code: 2001, type: 'REQUEST_ERROR', message: expect.stringContaining('concurrent'), documentationUrl: expect.stringContaining('2001'), requestId: expect.any(String) });
		}
		expect(sim().requests.slice(-3).map((record) => [record.fault, record.errorCode])).toEqual([['concurrent', 2001], ['concurrent', 2001], ['concurrent', 2001]]);
		expect(sim().ledger().filter((entry) => entry.transactionId === 'CC-1')).toHaveLength(0);
		expect(sim().ledger().filter((entry) => entry.customerId === 'f-1' && entry.type === 'AchievementReward')).toHaveLength(rewardsBefore);
		sim().setFaults(undefined);
		// Nothing was applied, so the retry is the first time, not a 9004 duplicate.
		const retry = await call('POST', '/transactions/cashback', cashback);
		expect(retry.status).toBe(200);
		expect(sim().ledger().filter((entry) => entry.transactionId === 'CC-1')).toHaveLength(1);
	});

	it('answers 2001 to a share of requests when its rate is below 1', async () => {
		sim().setFaults({ concurrentRequestRate: 0.5, seed: 7 });
		const answers = [];
		for (let index = 0; index < 40; index++) answers.push(await call('GET', '/configurations/widget'));
		const busy = answers.filter((answer) => answer.status === 400 && answer.json.code === 2001).length;
		expect(answers.filter((answer) => answer.status === 200)).toHaveLength(40 - busy);
		expect(busy).toBeGreaterThan(5);
		expect(busy).toBeLessThan(35);
	});

	it('keeps serving after faults are cleared', async () => {
		sim().setFaults({ resetRate: 1 });
		await expect(request(sim().url, 'GET', '/api/v4.0/integrations/configurations/widget', undefined, { APIKey: sim().apiKey })).rejects.toThrow();
		sim().setFaults(undefined);
		expect((await call('GET', '/configurations/widget')).status).toBe(200);
	});
});
