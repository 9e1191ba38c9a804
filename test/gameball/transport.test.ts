import { parseBatchStatus } from '../../nodes/Gameball/transport/batch';
import { gameballApiError, hintFor } from '../../nodes/Gameball/transport/errors';
import { Pacer, RATE_LIMITS, rateGroupOf } from '../../nodes/Gameball/transport/pacing';
import { fillPath } from '../../nodes/Gameball/transport/request';
import { parseRetryAfter, retryDelay, shouldRetry, DEFAULT_RETRY_POLICY } from '../../nodes/Gameball/transport/retry';

const node = { id: '1', name: 'Gameball', type: 'n8n-nodes-gameball.gameball', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

describe('pacing', () => {
	it('maps endpoints to the documented limit groups', () => {
		expect(rateGroupOf('GET /customers/{customerId}')).toBe('customersRead');
		expect(rateGroupOf('POST /customers')).toBe('customersWrite');
		expect(rateGroupOf('POST /events')).toBe('events');
		expect(rateGroupOf('POST /orders/cashback')).toBe('orderCashback');
		expect(rateGroupOf('POST /orders')).toBe('orderTracking');
		// Counted with order tracking, as the simulator counts them, so two budgets never add up in one.
		expect(rateGroupOf('GET /orders/{orderId}/transactions')).toBe('orderTracking');
		expect(rateGroupOf('DELETE /orders/{orderId}/transactions')).toBe('orderTracking');
		expect(rateGroupOf('POST /orders/reward-preview')).toBe('orderTracking');
		expect(rateGroupOf('POST /transactions/redeem')).toBe('transactions');
		expect(rateGroupOf('POST /coupons/burn')).toBe('coupons');
		expect(rateGroupOf('GET /leaderboard')).toBe('others');
		expect(RATE_LIMITS.customersWrite).toEqual([30, 360]);
	});

	it('holds every request of the group until the time a 429 asked for', async () => {
		let now = 1_000;
		const pacer = new Pacer([30, 360]);
		const clock = () => now;
		const advance = async (ms: number) => {
			now += ms;
		};
		expect(await pacer.acquire(clock, advance)).toBe(0);
		pacer.holdUntil(now + 2_500);
		pacer.holdUntil(now + 500); // an earlier time never shortens the hold
		expect(await pacer.acquire(clock, advance)).toBe(2_500);
		expect(now).toBe(3_500);
		expect(await pacer.acquire(clock, advance)).toBe(0);
	});

	it('tells a caller that may give up whether a 429 hold or the documented limits set the wait', async () => {
		let now = 0;
		const pacer = new Pacer([30, 360]);
		const advance = async (ms: number) => {
			now += ms;
		};
		for (let i = 0; i < 30; i++) await pacer.acquire(() => now, advance);
		const asked: Array<[number, boolean]> = [];
		const never = (delay: number, held: boolean) => (asked.push([delay, held]), false);
		await pacer.acquire(() => now, advance, never);
		expect(asked).toEqual([[1150, false]]); // the 1 s window, stretched by 5 % and 100 ms
		pacer.holdUntil(now + 20_000);
		asked.length = 0;
		expect(await pacer.acquire(() => now, advance, (delay, held) => (asked.push([delay, held]), held))).toBeUndefined();
		expect(asked).toEqual([[20_000, true]]);
	});

	it('never lets more than the limit into any window, per second and per 30 s', async () => {
		let now = 0;
		const sent: number[] = [];
		const pacer = new Pacer([30, 360]);
		for (let i = 0; i < 1000; i++) {
			await pacer.acquire(
				() => now,
				async (ms) => {
					now += ms;
				},
			);
			sent.push(now);
		}
		const maxIn = (windowMs: number) => {
			let max = 0;
			for (let start = 0, end = 0; end < sent.length; end++) {
				while (sent[end] - sent[start] >= windowMs) start++;
				max = Math.max(max, end - start + 1);
			}
			return max;
		};
		expect(maxIn(1000)).toBeLessThanOrEqual(30);
		expect(maxIn(30000)).toBeLessThanOrEqual(360);
		// With room to spare: a request that reaches Gameball up to 150 ms after one sent later still lands apart.
		expect(maxIn(1150)).toBeLessThanOrEqual(30);
		expect(maxIn(30_150)).toBeLessThanOrEqual(360);
		// Not far below the limit either: at best the 1000th request goes at 2 x 30 s + 280 / 30 s = 69.3 s.
		const fastestPossible = 60_000 + (280 / 30) * 1000;
		expect(sent[999]).toBeGreaterThanOrEqual(fastestPossible);
		expect(sent[999]).toBeLessThanOrEqual(fastestPossible * 1.1);
	});
});

describe('retry policy', () => {
	it('retries what is safe to retry', () => {
		expect(shouldRetry({ kind: 'rateLimited' }, true, false)).toBe(true);
		expect(shouldRetry({ kind: 'busy' }, true, false)).toBe(true);
		expect(shouldRetry({ kind: 'network', notSent: true }, true, false)).toBe(true);
		expect(shouldRetry({ kind: 'serverError' }, false, false)).toBe(true);
		expect(shouldRetry({ kind: 'clientError' }, false, false)).toBe(false);
	});

	it('repeats an ambiguous money-moving request only with its idempotency key', () => {
		for (const outcome of [{ kind: 'serverError' }, { kind: 'malformed' }, { kind: 'network', notSent: false }] as const) {
			expect(shouldRetry(outcome, true, false)).toBe(false);
			expect(shouldRetry(outcome, true, true)).toBe(true);
		}
	});

	it('honours Retry-After in seconds and as a date, and backs off exponentially otherwise', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter(new Date(10_000).toUTCString(), 7_000)).toBe(3000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(retryDelay(1, { kind: 'rateLimited', retryAfter: '3' }, DEFAULT_RETRY_POLICY)).toBe(3000);
		// Up to the documented 30 s window in full (retrying earlier would only be refused again), and no longer.
		expect(retryDelay(1, { kind: 'rateLimited', retryAfter: '28' }, DEFAULT_RETRY_POLICY)).toBe(28000);
		expect(retryDelay(1, { kind: 'rateLimited', retryAfter: '300' }, DEFAULT_RETRY_POLICY)).toBe(30000);
		// Under a second (`0`, or a date a fast clock sees as past) would spend every attempt at once: backs off as without it.
		expect(retryDelay(1, { kind: 'rateLimited', retryAfter: '0' }, DEFAULT_RETRY_POLICY, () => 0)).toBe(2100);
		expect(retryDelay(2, { kind: 'rateLimited', retryAfter: '0.5' }, DEFAULT_RETRY_POLICY, () => 0)).toBe(4200);
		expect(retryDelay(1, { kind: 'rateLimited', retryAfter: new Date(Date.now() - 1000).toUTCString() }, DEFAULT_RETRY_POLICY, () => 0)).toBe(2100);
		expect(retryDelay(1, { kind: 'rateLimited', retryAfter: '1' }, DEFAULT_RETRY_POLICY, () => 0)).toBe(1000);
		const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
		// A 503's Retry-After is followed as a 429's; under a second it is not.
		expect(retryDelay(1, { kind: 'serverError', retryAfter: '4' }, DEFAULT_RETRY_POLICY, () => 1)).toBe(4000);
		expect(retryDelay(1, { kind: 'serverError', retryAfter: '0' }, policy, () => 1)).toBe(100);
		expect(retryDelay(1, { kind: 'serverError' }, policy, () => 1)).toBe(100);
		expect(retryDelay(3, { kind: 'serverError' }, policy, () => 1)).toBe(400);
		expect(retryDelay(3, { kind: 'serverError' }, policy, () => 0)).toBe(200);
		expect(retryDelay(10, { kind: 'serverError' }, policy, () => 1)).toBe(1000);
	});
});

describe('errors', () => {
	it("keeps Gameball's code and message and adds a hint", () => {
		const error = gameballApiError(node, 404, { code: 7000, message: 'Customer abc not found', requestId: 'r-1' }, 3);
		expect(error.message).toBe('7000: customer not found');
		expect(error.description).toContain('Customer abc not found');
		expect(error.description).toContain('r-1');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(3);
		expect(gameballApiError(node, 400, { code: 9008 }).message).toBe('9008: insufficient points');
		expect(hintFor(5003)).toBe('Gameball server error');
		expect(gameballApiError(node, 502, 'Bad gateway').message).toBe('Gameball answered 502: HTTP 502');
	});

	it('names the key to check in a 1001 when whether a Secret Key is set is known, as a batch entry does (it has one)', () => {
		expect(hintFor(1001, true)).toBe('authentication failed: check the API Key and the Secret Key in the Gameball credential');
		expect(gameballApiError(node, 401, { code: 1001 }, 0, true).message).toBe(`1001: ${hintFor(1001, true)}`);
		expect(gameballApiError(node, 401, { code: 1001 }, 0, false).message).toMatch(/^1001: authentication failed: set the credential's Secret Key/);
		expect(gameballApiError(node, 401, { code: 1001 }).message).toBe(
			"1001: authentication failed: check the API key, and set the Secret Key (Gameball's API reference lists it for most operations, and v4.1 and High Security Mode need it on every call)",
		);
	});
});

describe('batch status', () => {
	it('reads the OpenAPI shape', () => {
		const status = parseBatchStatus('7', {
			batchId: '7',
			status: 'completed',
			totalItems: 3,
			processedItems: 3,
			failedItems: 1,
			results: [{ index: 0, gameballId: 1 }, { index: 2, gameballId: 3 }],
			errors: [{ index: 1, code: 9008, message: 'Insufficient points' }],
		});
		expect(status.state).toBe('completed');
		expect([status.total, status.processed, status.failed]).toEqual([3, 3, 1]);
		expect(status.successes.get(2)).toEqual({ index: 2, gameballId: 3 });
		expect(status.failures.get(1)).toEqual({ code: 9008, message: 'Insufficient points' });
	});

	it("reads the tutorial's shape", () => {
		const status = parseBatchStatus('8', {
			operation: 'redeem',
			status: 'running',
			totalCount: 2,
			finishedCount: 1,
			errorCount: 0,
			response: { successful: [{ index: 0 }], failed: [] },
		});
		expect(status.state).toBe('running');
		expect([status.total, status.processed, status.failed]).toEqual([2, 1, 0]);
		expect(status.successes.has(0)).toBe(true);
		expect(parseBatchStatus('9', { status: 'Stopped' }).state).toBe('stopped');
		expect(parseBatchStatus('9', { status: 'queued' }).state).toBe('running');
		expect(parseBatchStatus('9', { status: 'something-new' }).state).toBe('running');
	});

	it('places entries without an index by position only when one list covers the whole job', () => {
		const allDone = parseBatchStatus('10', { status: 'completed', totalItems: 2, results: [{ id: 'a' }, { id: 'b' }], errors: [] });
		expect([...allDone.successes]).toEqual([[0, { id: 'a' }], [1, { id: 'b' }]]);
		expect(allDone.unplacedSuccesses).toEqual([]);
		const allFailed = parseBatchStatus('11', { status: 'completed', totalItems: 1, response: { successful: [], failed: [{ code: 7000, message: 'x' }] } });
		expect([...allFailed.failures]).toEqual([[0, { code: 7000, message: 'x' }]]);
		// Item 0 applied, item 1 failed: without indexes, position 0 in each list says nothing about which item.
		const mixed = parseBatchStatus('12', { status: 'completed', totalItems: 2, results: [{ id: 'a' }], errors: [{ code: 9008, message: 'poor' }] });
		expect([mixed.successes.size, mixed.failures.size]).toEqual([0, 0]);
		expect(mixed.unplacedSuccesses).toEqual([{ id: 'a' }]);
		expect(mixed.unplacedFailures).toEqual([{ code: 9008, message: 'poor' }]);
		// Indexed failures beside unindexed results: the failures are placed, the results are not.
		const half = parseBatchStatus('13', { status: 'completed', totalItems: 2, results: [{ id: 'a' }], errors: [{ index: 1, message: 'poor' }] });
		expect([...half.failures.keys()]).toEqual([1]);
		expect(half.unplacedSuccesses).toEqual([{ id: 'a' }]);
	});
});

describe('paths', () => {
	const context = { getNode: () => ({ name: 'Gameball' }) } as unknown as Parameters<typeof fillPath>[0];

	it('encodes each value, and refuses a blank value or a dot segment that URL parsing would resolve', () => {
		expect(fillPath(context, '/customers/{customerId}/tags/{tag}', { customerId: 'a/b?c#d', tag: 'v1.2..' })).toBe('/customers/a%2Fb%3Fc%23d/tags/v1.2..');
		expect(() => fillPath(context, '/customers/{customerId}/tags/{tag}', { customerId: 'c1', tag: '..' })).toThrow('The parameter "tag" cannot be ".."');
		expect(() => fillPath(context, '/customers/{customerId}', { customerId: '.' })).toThrow('The parameter "customerId" cannot be "."');
		expect(() => fillPath(context, '/customers/{customerId}', { customerId: ' ' })).toThrow('The parameter "customerId" is required');
		expect(() => fillPath(context, '/customers/{customerId}', {})).toThrow('The parameter "customerId" is required');
	});
});

describe('errors without a Gameball code', () => {
	it('are headed by their own short message; a long one stays in the description', () => {
		expect(gameballApiError(node, 400, { error: 400, message: ' Deduction cannot have expiry ' }).message).toBe('Gameball answered 400: Deduction cannot have expiry');
		const long = 'x'.repeat(201);
		const error = gameballApiError(node, 400, { message: long, requestId: 'r-2' });
		expect(error.message).toBe('Gameball answered 400: HTTP 400');
		expect(error.description).toBe(`${long} · Request ID: r-2`);
		expect(gameballApiError(node, 400, { code: 12 }).message).toBe('12: HTTP 400');
	});
});
