import type { INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import { RateLimiter } from '../../simulator/rateLimit';
import { Pacer, SHORT_WINDOW_MS } from '../../nodes/Gameball/transport/pacing';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor({ rateLimits: true }));
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'steady' });
});
afterEach(() => sim.setFaults(undefined));
afterAll(async () => await sim.stop());

/** Resolves once the simulator has answered a request after the first `from` with a fault: an event, not a timer. */
async function faultServed(from: number): Promise<void> {
	while (!sim.requests.slice(from).some((request) => request.fault !== undefined && request.status > 0)) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

const cashback = (transactionId: string) => ({
	resource: 'transaction',
	operation: 'cashback',
	customerId: 'steady',
	transactionId,
	amount: 10,
});

describe('pacing', () => {
	it('sends 2,000 items alone within Gameball\'s windows, without a 429 unless the machine stalled past the pacer\'s margin', async () => {
		// When the pacer let each request go: the machine's load cannot change what these say of the pacer.
		const sentAt: number[] = [];
		const acquire = Pacer.prototype.acquire;
		const spy = jest.spyOn(Pacer.prototype, 'acquire').mockImplementation(async function (this: Pacer, clock = Date.now, ...rest) {
			let now = 0;
			const waited = await acquire.call(this, () => (now = clock()), ...rest);
			if (waited !== undefined) sentAt.push(now);
			return waited;
		});
		try {
			const before = sim.stats().rateLimited;
			const from = sim.requests.length;
			const items = Array.from({ length: 2000 }, (_, i) => ({ n: i }));
			const { outputs, error } = await runGameball(
				credentials,
				{ resource: 'event', operation: 'send', customerId: 'steady', eventName: '=visit_{{ $json.n }}', metadata: '{}', batching: { mode: 'never' } },
				items,
			);
			expect(error).toBeUndefined();
			expect(outputs[0]).toHaveLength(2000);
			// One at a time, so the pacer's times and the simulator's requests line up one to one.
			const arrived = sim.requests.slice(from);
			expect(arrived).toHaveLength(sentAt.length);
			// Gameball's sliding windows (the simulator's own limiter) refuse none of the pacer's send times.
			let replayedNow = 0;
			const limiter = new RateLimiter(() => replayedNow);
			expect(sentAt.filter((at) => ((replayedNow = at), !limiter.take('events').allowed))).toEqual([]);
			// The pacer leaves 150 ms for a request to lag behind a later one on its way (1 s window: +5 %, +100 ms).
			// Within that, which this machine almost always keeps, Gameball answers no 429.
			const lags = arrived.map((request, i) => request.at - sentAt[i]);
			if (Math.max(...lags) - Math.min(...lags) < SHORT_WINDOW_MS - 1000) expect(sim.stats().rateLimited - before).toBe(0);
		} finally {
			spy.mockRestore();
		}
	}, 120_000);
});

describe('retries', () => {
	it('retries 5xx answers and connection resets until the request goes through', async () => {
		sim.setFaults({ errorRate5xx: 0.3, resetRate: 0.2, applyBeforeFault: false, seed: 7 });
		const before = sim.requests.length;
		const { outputs, error } = await runGameball(
			credentials,
			{ resource: 'customer', operation: 'getBalance', customerId: 'steady', batching: { mode: 'never' } },
			Array.from({ length: 20 }, () => ({})),
		);
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(20);
		expect(outputs[0].every((item) => item.json.availablePointsBalance !== undefined)).toBe(true);
		// Both kinds of fault were served, and each faulted request was sent again.
		const sent = sim.requests.slice(before);
		const faulted = sent.filter((request) => request.fault !== undefined);
		expect(faulted.filter((request) => request.fault === 'reset' && request.status === 0).length).toBeGreaterThan(0);
		expect(faulted.filter((request) => request.fault === 'error5xx' && request.status >= 500).length).toBeGreaterThan(0);
		expect(faulted.every((request) => request.fault === 'reset' || request.fault === 'error5xx')).toBe(true);
		expect(sent.filter((request) => request.fault === undefined && request.status === 200)).toHaveLength(20);
		expect(sent).toHaveLength(20 + faulted.length);
	});

	it('marks a keyed money-moving retry answered "duplicate" as already applied, and applies it once', async () => {
		sim.setFaults({ errorRate5xx: 1, applyBeforeFault: true, applyBeforeFaultRate: 1 });
		const from = sim.requests.length;
		const run = runGameball(credentials, cashback('retry-1'));
		// Let the first attempt be applied and fail, then heal the service for the retry (it backs off 150 ms or more).
		await faultServed(from);
		sim.setFaults(undefined);
		const { outputs, error } = await run;
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(1);
		const [result] = outputs[0];
		expect(result.json).toMatchObject({ alreadyApplied: true, transactionId: 'retry-1', gameballCode: 9004 });
		// Applied-then-failed, then the retry answered 9004.
		const attempts = sim.requests.filter((request) => request.path.endsWith('/transactions/cashback') && (request.body as { transactionId?: string })?.transactionId === 'retry-1');
		expect(attempts.length).toBeGreaterThan(1);
		expect(attempts[0].fault).toBe('error5xx after applying');
		expect(attempts.at(-1)).toMatchObject({ status: 400, errorCode: 9004 });
		expect(attempts.at(-1)?.fault).toBeUndefined();
		expect(sim.ledger().filter((entry) => entry.transactionId === 'retry-1')).toHaveLength(1);
	});

	it('does not repeat a hold after an ambiguous failure', async () => {
		sim.setFaults({ errorRate5xx: 1, applyBeforeFault: false });
		const before = sim.requests.length;
		const { error } = await runGameball(credentials, {
			resource: 'transaction',
			operation: 'hold',
			customerId: 'steady',
			additionalFields: { pointsToHold: 1 },
		});
		expect(error?.message).toMatch(/^5\d{3}: Gameball server error|Gameball answered 5/);
		expect(error?.description).toContain('may or may not have been applied');
		expect(sim.requests.length - before).toBe(1);
	});

	it('does not repeat a refund after an ambiguous failure: Gameball documents no duplicate check for its refund ID', async () => {
		expect((await runGameball(credentials, cashback('to-refund-1'))).error).toBeUndefined();
		sim.setFaults({ errorRate5xx: 1, applyBeforeFault: true, applyBeforeFaultRate: 1 });
		const before = sim.requests.length;
		const { error } = await runGameball(credentials, {
			resource: 'transaction',
			operation: 'refund',
			customerId: 'steady',
			refundTransactionId: 'refund-1',
			reverseTransactionId: 'to-refund-1',
			transactionTime: '2026-12-01T10:00:00Z',
			additionalFields: { refundAmount: 10 },
		});
		sim.setFaults(undefined);
		expect(error?.description).toContain('may or may not have been applied');
		expect(sim.requests.slice(before).filter((request) => request.path.endsWith('/transactions/refund'))).toHaveLength(1);
	});

	it('does not send another OTP after an ambiguous failure: each one replaces the last, so the customer may hold a dead code', async () => {
		sim.setFaults({ errorRate5xx: 1, applyBeforeFault: true, applyBeforeFaultRate: 1 });
		const before = sim.requests.length;
		const { error } = await runGameball(credentials, { resource: 'transaction', operation: 'sendOtp', customerId: 'steady', additionalFields: { points: 5 } });
		sim.setFaults(undefined);
		expect(error?.description).toContain('may or may not have been applied');
		expect(sim.requests.slice(before).filter((request) => request.path.endsWith('/transactions/otp'))).toHaveLength(1);
	});

	it('does not repeat a coupon validation that takes a new lock after an ambiguous failure; with a Lock Reference, or no lock, it does', async () => {
		const validate = (additionalFields: INodeParameters) => ({ resource: 'coupon', operation: 'validate', code: 'SAVE10', customerId: 'steady', additionalFields });
		const attemptsOf = (from: number) => sim.requests.slice(from).filter((request) => request.path.endsWith('/coupons/SAVE10/validate'));

		sim.setFaults({ errorRate5xx: 1, applyBeforeFault: false });
		let from = sim.requests.length;
		const { error } = await runGameball(credentials, validate({ lock: true }));
		expect(error?.description).toContain('may or may not have been applied');
		expect(attemptsOf(from)).toHaveLength(1);

		for (const additionalFields of [{ lock: true, lockReference: 'my-session' }, { lock: false }]) {
			sim.setFaults({ errorRate5xx: 1, applyBeforeFault: false });
			from = sim.requests.length;
			const run = runGameball(credentials, validate(additionalFields));
			await faultServed(from);
			sim.setFaults(undefined);
			await run;
			const attempts = attemptsOf(from);
			expect(attempts.length).toBeGreaterThan(1);
			expect(attempts[0].fault).toBe('error5xx');
			expect(attempts.at(-1)?.fault).toBeUndefined();
		}
	});

	it('recovers from malformed JSON bodies on reads', async () => {
		sim.setFaults({ malformedRate: 0.5, seed: 11 });
		const before = sim.requests.length;
		const { outputs, error } = await runGameball(
			credentials,
			{ resource: 'customer', operation: 'get', customerId: 'steady', batching: { mode: 'never' } },
			Array.from({ length: 10 }, () => ({})),
		);
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(10);
		expect(outputs[0].every((item) => item.json.customerId === 'steady')).toBe(true);
		// Malformed bodies were served, and each was read again.
		const sent = sim.requests.slice(before);
		const malformed = sent.filter((request) => request.fault === 'malformed');
		expect(malformed.length).toBeGreaterThan(0);
		expect(sent.every((request) => request.fault === undefined || request.fault === 'malformed')).toBe(true);
		expect(sent).toHaveLength(10 + malformed.length);
	});
});

describe('secrets', () => {
	it('puts neither key in outputs or errors, even on auth failures', async () => {
		const wrong = { gameballApi: { ...credentials.gameballApi, secretKey: 'wrong-secret-123' } };
		const results = [
			await runGameball(wrong, cashback('s-1'), [{}], true),
			await runGameball(wrong, cashback('s-2')),
			await runGameball(credentials, { resource: 'customer', operation: 'get', customerId: 'steady' }),
		];
		const text = JSON.stringify(results.map(({ outputs, error }) => ({ outputs, error: error && { ...error, message: error.message, description: error.description } })));
		expect(results[1].error?.message).toMatch(/^1001/);
		for (const secret of [sim.apiKey, sim.secretKey, 'wrong-secret-123']) expect(text).not.toContain(secret);
	});
});
