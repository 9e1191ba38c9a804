import { RATE_LIMITS, startSimulator, type Simulator } from '../../simulator';
import { rateGroupOf, RateLimiter } from '../../simulator/rateLimit';
import { clientFor } from './client';

describe('rate limit groups', () => {
	it('maps paths to the documented groups', () => {
		expect(rateGroupOf('GET', '/api/v4.0/integrations/customers/{customerId}/balance')).toBe('customersRead');
		expect(rateGroupOf('POST', '/api/v4.0/integrations/customers')).toBe('customersWrite');
		expect(rateGroupOf('POST', '/api/v4.0/integrations/events')).toBe('events');
		expect(rateGroupOf('POST', '/api/v4.0/integrations/orders/cashback')).toBe('orderCashback');
		expect(rateGroupOf('POST', '/api/v4.0/integrations/orders')).toBe('orderTracking');
		expect(rateGroupOf('POST', '/api/v4.0/integrations/transactions/redeem')).toBe('transactions');
		expect(rateGroupOf('POST', '/api/v4.0/integrations/coupons/burn')).toBe('coupons');
		expect(rateGroupOf('GET', '/api/v4.0/integrations/leaderboard')).toBe('others');
		expect(RATE_LIMITS.customersRead).toEqual({ perSecond: 100, per30Seconds: 1200 });
		expect(RATE_LIMITS.orderCashback).toEqual({ perSecond: 1000, per30Seconds: 15000 });
	});

	it('enforces the 30-second window and tells how long to wait', () => {
		let now = 30_000 * 33_333_334; // a 30 s window boundary
		const limiter = new RateLimiter(() => now);
		for (let second = 0; second < 12; second++) {
			for (let index = 0; index < 30; index++) expect(limiter.take('transactions').allowed).toBe(true);
			now += 1000;
		}
		const refused = limiter.take('transactions');
		expect(refused).toEqual({ allowed: false, retryAfterSeconds: 18 });
		now += 18_000;
		expect(limiter.take('transactions').allowed).toBe(true);
	});
});

describe('sliding windows', () => {
	it('lets no second hold more than the limit, however it lines up with the clock', () => {
		let now = 30_000 * 33_333_334 + 999;
		const limiter = new RateLimiter(() => now);
		for (let index = 0; index < 30; index++) expect(limiter.take('transactions').allowed).toBe(true);
		now += 1; // the next clock second, 1 ms later: fixed windows would let 30 more through
		expect(limiter.take('transactions')).toEqual({ allowed: false, retryAfterSeconds: 1 });
		now += 998;
		expect(limiter.take('transactions').allowed).toBe(false);
		now += 1; // a full second after the first 30
		expect(limiter.take('transactions').allowed).toBe(true);
	});

	it('lets no 30 seconds hold more than the limit, and tells when the oldest request leaves the window', () => {
		let now = 30_000 * 33_333_334 + 18_000;
		const limiter = new RateLimiter(() => now);
		for (let second = 0; second < 12; second++) {
			for (let index = 0; index < 30; index++) expect(limiter.take('transactions').allowed).toBe(true);
			now += 1000;
		}
		// 30 s windows fixed to the clock would start a new one 12 s from here.
		now += 12_000;
		expect(limiter.take('transactions')).toEqual({ allowed: false, retryAfterSeconds: 6 });
		now += 6000;
		expect(limiter.take('transactions').allowed).toBe(true);
	});
});

it('a request given back (refused by a simulated 429) leaves room for another', () => {
	const now = 30_000 * 33_333_334;
	const limiter = new RateLimiter(() => now);
	const taken = Array.from({ length: 30 }, () => limiter.take('transactions'));
	expect(limiter.take('transactions').allowed).toBe(false);
	const last = taken[29];
	if (!last.allowed) throw new Error('the 30th request was refused');
	limiter.giveBack('transactions', last.at);
	expect(limiter.take('transactions').allowed).toBe(true);
	expect(limiter.take('transactions').allowed).toBe(false);
});

describe('rate limiting over HTTP', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(() => sim.stop());

	it('answers 429 with Retry-After and a Gameball body past 30 requests per second, and counts it', async () => {
		const call = clientFor(sim);
		// 100 concurrent requests span at most a few 1 s windows of 30 each.
		const answers = await Promise.all(Array.from({ length: 100 }, () => call('GET', '/configurations/widget')));
		const limited = answers.filter((answer) => answer.status === 429);
		const passed = answers.filter((answer) => answer.status === 200);
		expect(passed.length).toBeLessThanOrEqual(90);
		expect(passed.length + limited.length).toBe(100);
		expect(limited.length).toBeGreaterThanOrEqual(10);
		expect(Number(limited[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(limited[0].json).toMatchObject({ code: expect.any(Number), type: 'REQUEST_ERROR', message: expect.stringMatching(/rate limit/i) });
		expect(sim.stats().rateLimited).toBe(limited.length);
		expect(sim.stats().byStatus[429]).toBe(limited.length);
	});

	it('does not count requests its burst429 faults refused', async () => {
		const faulty = await startSimulator({ faults: { burst429: { every: 1, length: 1000 } } });
		try {
			const call = clientFor(faulty);
			const refused = await Promise.all(Array.from({ length: 30 }, (_, index) => call('POST', '/customers', { customerId: `r-${index}` })));
			expect(refused.map((answer) => answer.status).sort()).toEqual([200, ...Array(29).fill(429)]);
			faulty.setFaults(undefined);
			// One served so far: 29 more fit the second's 30.
			const served = await Promise.all(Array.from({ length: 29 }, (_, index) => call('POST', '/customers', { customerId: `s-${index}` })));
			expect(served.map((answer) => answer.status)).toEqual(Array(29).fill(200));
		} finally {
			await faulty.stop();
		}
	});

	it('keeps groups separate and can be switched off', async () => {
		const call = clientFor(sim);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const reads = await Promise.all(Array.from({ length: 100 }, () => call('GET', '/configurations/tiers')));
		const events = await Promise.all(Array.from({ length: 60 }, () => call('POST', '/events', { customerId: 'nobody', events: { x: {} } })));
		// Events have their own limit: none is refused (the first creates the customer, as Gameball's live endpoint does).
		expect(events.every((answer) => answer.status === 200)).toBe(true);
		expect(reads.some((answer) => answer.status === 429)).toBe(true);
		const unlimited = await startSimulator({ rateLimits: false });
		try {
			const answers = await Promise.all(Array.from({ length: 80 }, () => clientFor(unlimited)('GET', '/configurations/widget')));
			expect(answers.every((answer) => answer.status === 200)).toBe(true);
		} finally {
			await unlimited.stop();
		}
	});
});
