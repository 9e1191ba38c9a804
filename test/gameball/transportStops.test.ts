// When the transport stops trying, and what it says then: a duplicate that is not "already applied", an answer that
// may be about an earlier attempt, a stopped execution, and a 429 without Retry-After.
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import { Pacer, pacerFor, RATE_LIMITS } from '../../nodes/Gameball/transport/pacing';
import { mayHaveBeenApplied, sendToGameball } from '../../nodes/Gameball/transport/request';
import { waitForBatch } from '../../nodes/Gameball/transport/batch';
import { RATE_LIMITED_BASE_DELAY_MS, retryDelay, DEFAULT_RETRY_POLICY } from '../../nodes/Gameball/transport/retry';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor, withFirstCallAppliedThenLost } from '../harness/gameball';
import { runNode } from '../harness/run';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'payer' });
});
afterEach(() => sim.setFaults(undefined));
afterAll(async () => await sim.stop());

/** Just enough of an execute context for `sendToGameball`: credentials, a cancel signal and the HTTP helper. */
function transportContext(credential: { apiKey: string; baseUrl: string }, send: jest.Mock, signal?: AbortSignal): IExecuteFunctions {
	return {
		getCredentials: async () => ({ ...credential, secretKey: 's', apiVersion: 'v4.0' }),
		getExecutionCancelSignal: () => signal,
		getNode: () => ({ id: 'n', name: 'Gameball', type: 'gameball', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers: { httpRequestWithAuthentication: send },
	} as unknown as IExecuteFunctions;
}

const cashback = { resource: 'transaction', operation: 'cashback', customerId: 'payer', transactionId: '={{ $json.id }}', amount: '={{ $json.amount }}' };

describe('a duplicate transaction ID', () => {
	it('after a 429 is a real duplicate: the item fails, it is not reported as already applied', async () => {
		sim.setFaults({ burst429: { every: 1, length: 1 } }); // every second request is refused with 429
		const { outputs } = await runGameball(credentials, cashback, [{ id: 'dup-429', amount: 10 }, { id: 'dup-429', amount: 99 }], true);
		expect(outputs[0][0].json).not.toHaveProperty('error');
		expect(outputs[0][1].json).not.toHaveProperty('alreadyApplied');
		expect(outputs[0][1].json.error).toMatch(/^9004: /);
		expect(sim.ledger().filter((entry) => entry.transactionId === 'dup-429').map((entry) => entry.amount)).toEqual([10]);
	});

	/** Runs with the first attempt applied and answered 5xx; Gameball answers again before the retry (150 ms on). */
	async function appliedThen5xx(parameters: INodeParameters, items: IDataObject[]) {
		return await withFirstCallAppliedThenLost(sim, 'error5xx', async () => await runGameball(credentials, parameters, items, true));
	}

	it('after an attempt that may have been applied means that attempt went through', async () => {
		const { outputs } = await appliedThen5xx(cashback, [{ id: 'applied-then-5xx', amount: 10 }]);
		expect(outputs[0][0].json).toMatchObject({ alreadyApplied: true, transactionId: 'applied-then-5xx' });
		expect(sim.ledger().filter((entry) => entry.transactionId === 'applied-then-5xx')).toHaveLength(1);
	});

	// A duplicate check Gameball documents for transaction IDs only.
	it.each([
		['an order', { resource: 'order', operation: 'track', customerId: 'payer', orderId: 'order-then-5xx', totalPaid: 10 }, 'orderId'],
		['a payment', { resource: 'payment', operation: 'track', customerId: 'payer', paymentId: 'payment-then-5xx', totalPaid: 10 }, 'paymentId'],
	])('is not relied on for %s (none is documented): it is not sent again after an attempt that may have been applied', async (_label, parameters, key) => {
		const id = parameters[key as keyof typeof parameters];
		const before = sim.requests.length;
		const { outputs } = await appliedThen5xx({ ...parameters, batching: { mode: 'never' } }, [{}]);
		expect(outputs[0][0].json).not.toHaveProperty('alreadyApplied');
		expect(outputs[0][0].json.error).toMatch(/^5\d{3}: Gameball server error \(the change may have been applied\)$/);
		expect(String(outputs[0][0].json.description)).toContain('may or may not have been applied');
		const sent = sim.requests.slice(before).filter((request) => request.method === 'POST' && (request.body as IDataObject)[key] === id);
		expect(sent).toHaveLength(1);
		expect(sim.ledger().filter((entry) => entry.orderId === id && entry.type === 'PaymentReward')).toHaveLength(1);
	});

	it('after a 5xx, then a 429, still means the 5xx attempt went through', async () => {
		const answers = [
			{ statusCode: 500, headers: {}, body: { code: 5000, message: 'Internal error' } },
			{ statusCode: 429, headers: { 'retry-after': '1' }, body: { code: 429, message: 'Too many requests' } },
			{ statusCode: 400, headers: {}, body: { code: 9004, message: 'Transaction ID already used' } },
		];
		const send = jest.fn(async () => answers.shift());
		const context = transportContext({ apiKey: 'k-5xx-429', baseUrl: 'http://k-5xx-429.invalid' }, send);
		const response = await sendToGameball.call(context, 'POST /transactions/cashback', { body: { transactionId: 't' } }, { movesMoney: true, idempotencyValue: 't' });
		expect(send).toHaveBeenCalledTimes(3);
		expect(response.alreadyApplied).toEqual({ code: 9004, message: 'Transaction ID already used' });
	});
});

describe("a request n8n refuses to send (its SSRF protection)", () => {
	const blocked = () => Object.assign(new Error('The connection cannot be established'), { cause: Object.assign(new Error('Access to 10.0.0.7 is blocked'), { name: 'SsrfBlockedIpError' }) });

	it('is not retried, and a keyless cashback refused so is not said to be maybe applied: nothing left the machine', async () => {
		const read = jest.fn(async () => { throw blocked(); });
		const readContext = transportContext({ apiKey: 'k-ssrf-read', baseUrl: 'http://10.0.0.7' }, read);
		await expect(sendToGameball.call(readContext, 'GET /customers/{customerId}', { pathParams: { customerId: 'c' } })).rejects.toThrow('Could not reach Gameball after 1 attempt(s): Access to 10.0.0.7 is blocked');
		expect(read).toHaveBeenCalledTimes(1);

		const pay = jest.fn(async () => { throw blocked(); });
		const payContext = transportContext({ apiKey: 'k-ssrf-pay', baseUrl: 'http://10.0.0.7' }, pay);
		const error = await sendToGameball.call(payContext, 'POST /transactions/cashback', { body: {} }, { movesMoney: true }).then(() => undefined, (failure: unknown) => failure);
		expect(pay).toHaveBeenCalledTimes(1);
		expect(mayHaveBeenApplied(error)).toBe(false);
		expect((error as Error).message).not.toContain('may have been applied');
	});
});

describe('a server error that outlasts the retries', () => {
	it('is one by its Gameball code (5xxx) under a 4xx status too: a read is retried, a keyless cashback is sent once and may have been applied', async () => {
		const serverErrorAs400 = { statusCode: 400, headers: {}, body: { code: 5003, message: 'Database timeout' } };
		const read = jest.fn().mockResolvedValueOnce(serverErrorAs400).mockResolvedValueOnce({ statusCode: 200, headers: {}, body: { customerId: 'c' } });
		const readContext = transportContext({ apiKey: 'k-5xxx-400-read', baseUrl: 'http://k-5xxx-400.invalid' }, read);
		const response = await sendToGameball.call(readContext, 'GET /customers/{customerId}', { pathParams: { customerId: 'c' } }, { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 } });
		expect(read).toHaveBeenCalledTimes(2);
		expect(response).toMatchObject({ status: 200, attempts: 2 });

		const pay = jest.fn(async () => serverErrorAs400);
		const payContext = transportContext({ apiKey: 'k-5xxx-400-pay', baseUrl: 'http://k-5xxx-400.invalid' }, pay);
		const paying = sendToGameball.call(payContext, 'POST /transactions/cashback', { body: {} }, { movesMoney: true });
		const error = await paying.then(() => undefined, (failure: unknown) => failure);
		expect(pay).toHaveBeenCalledTimes(1);
		expect(mayHaveBeenApplied(error)).toBe(true);
		expect((error as Error).message).toBe('5003: Gameball server error (the change may have been applied)');
	});

	it('says after how many attempts the node gave up, as a rate limit does', async () => {
		const send = jest.fn(async () => ({ statusCode: 503, headers: { 'content-type': 'text/html' }, body: '<html>Service Unavailable</html>' }));
		const context = transportContext({ apiKey: 'k-503', baseUrl: 'http://k-503.invalid' }, send);
		const error = await sendToGameball.call(context, 'GET /customers/{customerId}', { pathParams: { customerId: 'c' } }, { retry: { baseDelayMs: 1, maxDelayMs: 5 } }).then(
			() => undefined,
			(failure: { message: string; description?: string }) => failure,
		);
		expect(send).toHaveBeenCalledTimes(5);
		expect(error?.message).toBe('Gameball answered 503: HTTP 503');
		expect(error?.description).toBe('The node gave up after 5 attempts.');
	});
});

describe('a rate limit at the time limit', () => {
	it('says it was rate limited after 1 attempt when the wait would pass the deadline', async () => {
		const send = jest.fn(async () => ({ statusCode: 429, headers: { 'retry-after': '5' }, body: { code: 2005, message: 'Too many requests' } }));
		const context = transportContext({ apiKey: 'k-429-once', baseUrl: 'http://k-429-once.invalid' }, send);
		const sending = sendToGameball.call(context, 'GET /customers/{customerId}', { pathParams: { customerId: 'c' } }, { deadline: Date.now() + 1000 });
		const error = await sending.then(() => undefined, (failure: { message: string }) => failure);
		expect(send).toHaveBeenCalledTimes(1);
		expect(error?.message).toBe('2005: rate limited after 1 attempt');
	});

	it.each([
		['past the time limit', () => ({ deadline: Date.now() + 1000 })],
		['on the last attempt', () => ({ retry: { maxAttempts: 1 } })],
	])('a 429 not retried (%s) still holds the group: the next request, with 5 s of the 20 Gameball asked for, is not sent', async (name, optionsNow) => {
		const send = jest.fn(async () => ({ statusCode: 429, headers: { 'retry-after': '20' }, body: { code: 2005, message: 'Too many requests' } }));
		const baseUrl = `http://k-429-hold-${name.split(' ').join('-')}.invalid`;
		const context = transportContext({ apiKey: 'k-429-hold', baseUrl }, send);
		await expect(sendToGameball.call(context, 'GET /customers/{customerId}', { pathParams: { customerId: 'c' } }, optionsNow())).rejects.toThrow(
			'2005: rate limited after 1 attempt',
		);
		// The next request of the group, with 5 s to go: it waits for the hold, so it gives up unsent.
		const next = sendToGameball.call(context, 'GET /customers/{customerId}/balance', { pathParams: { customerId: 'c' } }, { deadline: Date.now() + 5000 });
		await expect(next).rejects.toThrow('Rate limited: the time limit ran out before the request could be sent');
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('a Retry-After longer than the node waits (30 s) gives up at once: sending before then would only be refused again', async () => {
		const send = jest.fn(async () => ({ statusCode: 429, headers: { 'retry-after': '120' }, body: { code: 2005, message: 'Too many requests' } }));
		const context = transportContext({ apiKey: 'k-429-long', baseUrl: 'http://k-429-long.invalid' }, send);
		const error = await sendToGameball.call(context, 'GET /customers/{customerId}', { pathParams: { customerId: 'c' } }).then(
			() => undefined,
			(failure: { message: string; description?: string }) => failure,
		);
		expect(send).toHaveBeenCalledTimes(1);
		expect(error?.message).toBe('2005: rate limited after 1 attempt');
		expect(error?.description).toContain('Gameball asked to wait 120 s before sending again (Retry-After), longer than the node waits (30 s): run it again after that.');
	});

	it('a last 429 without Retry-After holds nothing: the back-off of an attempt never made is no wait Gameball asked for', async () => {
		let answered = 0;
		const send = jest.fn(async () => (answered++ === 0 ? { statusCode: 429, headers: {}, body: { code: 2005, message: 'Too many requests' } } : { statusCode: 200, headers: {}, body: { ok: true } }));
		const context = transportContext({ apiKey: 'k-429-no-wait', baseUrl: 'http://k-429-no-wait.invalid' }, send);
		await expect(sendToGameball.call(context, 'GET /customers/{customerId}', { pathParams: { customerId: 'c' } }, { retry: { maxAttempts: 1 } })).rejects.toThrow(
			'2005: rate limited after 1 attempt',
		);
		await sendToGameball.call(context, 'GET /customers/{customerId}/balance', { pathParams: { customerId: 'c' } }, { deadline: Date.now() + 1000 });
		expect(send).toHaveBeenCalledTimes(2);
	});
});

describe("a gateway's plain-text 504 after Gameball applied the call", () => {
	let proxy: Server;
	let proxyCredentials: GameballCredentials;
	/** The next DELETE is forwarded, and once Gameball applied it, answered with a gateway's plain-text 504. */
	let failNextDelete = false;
	beforeAll(async () => {
		proxy = createServer((incoming, outgoing) => {
			const target = new URL(incoming.url ?? '/', sim.url);
			const forwarded = httpRequest(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
				if (incoming.method === 'DELETE' && failNextDelete) {
					failNextDelete = false;
					answer.resume();
					outgoing.writeHead(504).end('Gateway Timeout');
					return;
				}
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			});
			incoming.pipe(forwarded);
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		const { port } = proxy.address() as AddressInfo;
		proxyCredentials = { gameballApi: { ...credentials.gameballApi, baseUrl: `http://127.0.0.1:${port}` } };
	});
	afterAll(async () => await new Promise((resolve) => proxy.close(resolve)));

	it('a delete answered "not found" on its retry is reported as done by the earlier attempt', async () => {
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'gone' });
		failNextDelete = true;
		const { outputs, error } = await runGameball(proxyCredentials, { resource: 'customer', operation: 'delete', customerId: 'gone' });
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toMatchObject({ alreadyApplied: true, gameballCode: 7000 });
		expect((await runGameball(credentials, { resource: 'customer', operation: 'get', customerId: 'gone' })).error?.message).toMatch(/^7000: /);
	});
});

describe('a stopped execution', () => {
	it('ends with the in-flight money item\'s own error, even with Continue On Fail', async () => {
		sim.setFaults({ latencyMs: 1500 });
		const parameters = { ...cashback, batching: { mode: 'never' } };
		const result = await runNode({ type: 'gameball', parameters, credentials, continueOnFail: true, stopAfterMs: 700 }, [{ id: 'stop-a', amount: 1 }, { id: 'stop-b', amount: 1 }]);
		expect(result.error?.message).toBe('The execution was stopped before Gameball answered (the change may have been applied)');
		expect(result.error?.description).toContain('may or may not have been applied');
		// n8n passes the input on when a node with Continue On Fail throws; none of it reads as a failed item.
		expect(result.outputs.flat().some((item) => 'error' in item.json)).toBe(false);
		expect(sim.requests.filter((request) => request.path.endsWith('/transactions/cashback') && (request.body as { transactionId?: string })?.transactionId === 'stop-b')).toEqual([]);
	}, 30_000);

	it('in batch mode names the jobs Gameball already runs, instead of error items that read as not applied', async () => {
		const { sim: slow, credentials: slowCredentials } = await simulatorFor({ batchItemDelayMs: 50 });
		try {
			await runGameball(slowCredentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'payer' });
			const items = Array.from({ length: 60 }, (_, i) => ({ id: `stop-job-${i}`, amount: 1 }));
			const parameters = { ...cashback, batching: { mode: 'always', pollSeconds: 0.2 } };
			const result = await runNode({ type: 'gameball', parameters, credentials: slowCredentials, continueOnFail: true, stopAfterMs: 1000 }, items);
			expect(result.outputs.flat().some((item) => 'error' in item.json)).toBe(false);
			expect(result.error?.description).toMatch(/Gameball already has the batch job \S+ \(items 0-59\) from this run/);
		} finally {
			await slow.stop();
		}
	}, 30_000);

	it('sends nothing more: no further retries and no further items', async () => {
		sim.setFaults({ resetRate: 1 }); // every read is retried with back-off: about 4 s per item
		const before = sim.requests.length;
		const items = Array.from({ length: 10 }, () => ({}));
		const result = await runNode(
			{ type: 'gameball', parameters: { resource: 'customer', operation: 'getBalance', customerId: 'payer', batching: { mode: 'never' } }, credentials, continueOnFail: true, stopAfterMs: 300 },
			items,
		);
		const sent = sim.requests.length - before;
		// The first item's first attempts, before and while the stop lands; not 10 items x 5 attempts.
		expect(sent).toBeGreaterThan(0);
		expect(sent).toBeLessThanOrEqual(3);
		const errors = [result.error?.message, ...(result.outputs[0] ?? []).map((item) => item.json.error)].filter(Boolean);
		expect(errors.some((message) => /The execution was stopped/.test(String(message)))).toBe(true);
	}, 30_000);
});

describe('a 429 without Retry-After', () => {
	it('backs off past Gameball\'s 30 s window (stretched 5 % by the pacer) whatever the jitter, not on the 5xx schedule', () => {
		const total = (random: () => number) =>
			[1, 2, 3, 4].map((attempt) => retryDelay(attempt, { kind: 'rateLimited' }, DEFAULT_RETRY_POLICY, random)).reduce((sum, wait) => sum + wait, 0);
		expect(total(() => 0)).toBeGreaterThanOrEqual(31_500);
		expect(total(() => 1)).toBeLessThanOrEqual(40_000);
		expect(retryDelay(1, { kind: 'rateLimited' }, DEFAULT_RETRY_POLICY, () => 0)).toBe(RATE_LIMITED_BASE_DELAY_MS);
		expect(retryDelay(1, { kind: 'serverError' }, DEFAULT_RETRY_POLICY, () => 1)).toBe(DEFAULT_RETRY_POLICY.baseDelayMs);
	});

	it('holds the whole group in this process for as long as Gameball asked', async () => {
		sim.setFaults({ burst429: { every: 1, length: 1 } }); // the second request is refused, with Retry-After: 1
		const hold = jest.spyOn(Pacer.prototype, 'holdUntil');
		try {
			const before = sim.requests.length;
			const started = Date.now();
			const { outputs } = await runGameball(credentials, { resource: 'customer', operation: 'get', customerId: 'payer' }, [{}, {}]);
			expect(outputs[0]).toHaveLength(2);
			// One hold per refusal: one when the run is on time; a loaded machine's timeout and retry can add a refusal.
			const refusals = sim.requests.slice(before).filter((request) => request.fault === 'burst429').length;
			expect(refusals).toBeGreaterThanOrEqual(1);
			expect(hold).toHaveBeenCalledTimes(refusals);
			for (const [until] of hold.mock.calls) expect(until).toBeGreaterThanOrEqual(started + 1000);
		} finally {
			hold.mockRestore();
		}
	});

	it('says it was rate limited, and after how many attempts', async () => {
		sim.setFaults({ burst429: { every: 1, length: 100 } }); // the first request passes, then every one is refused
		const { outputs } = await runGameball(credentials, { resource: 'customer', operation: 'get', customerId: 'payer' }, [{}, {}], true);
		expect(outputs[0][0].json).not.toHaveProperty('error');
		// In the message, which is all an error output item or an AI agent gets.
		expect(outputs[0][1].json).toMatchObject({ httpCode: '429', error: expect.stringMatching(/^(\d+: |Gameball answered 429: )rate limited after 5 attempts$/) });
		expect(outputs[0][1].json.description).toContain('Rate limited: Gameball still answered 429 after 5 attempts');
	}, 30_000);
});

describe('a stop while the pacer waits', () => {
	it('sends nothing, and does not say the change may have been applied', async () => {
		const baseUrl = 'http://pacer-stop.invalid';
		const apiKey = 'pacer-stop-key';
		const account = `${baseUrl}|${createHash('sha256').update(apiKey).digest('hex').slice(0, 12)}`;
		const pacer = pacerFor(account, 'transactions');
		for (let i = 0; i < RATE_LIMITS.transactions[0]; i++) await pacer.acquire(); // this second's allowance is used up
		const stop = new AbortController();
		const send = jest.fn();
		const context = transportContext({ apiKey, baseUrl }, send, stop.signal);
		setTimeout(() => stop.abort(), 100);
		const sending = sendToGameball.call(context, 'POST /transactions/cashback', { body: { transactionId: 't' } }, { movesMoney: true, idempotencyValue: 't' });
		await expect(sending).rejects.toThrow('The execution was stopped before Gameball answered');
		await expect(sending.catch((error: { description?: string }) => error.description ?? '')).resolves.not.toContain('may or may not');
		expect(send).not.toHaveBeenCalled();
	});
});

describe('a stop during a long wait (a 429 hold, a back-off) ends the node at once, not when the wait is over', () => {
	const accountOf = (baseUrl: string, apiKey: string) => `${baseUrl}|${createHash('sha256').update(apiKey).digest('hex').slice(0, 12)}`;

	it('while the pacer holds the group after a 429', async () => {
		const baseUrl = 'http://pacer-hold-stop.invalid';
		pacerFor(accountOf(baseUrl, 'hold-stop-key'), 'transactions').holdUntil(Date.now() + 20_000);
		const stop = new AbortController();
		const send = jest.fn();
		const context = transportContext({ apiKey: 'hold-stop-key', baseUrl }, send, stop.signal);
		setTimeout(() => stop.abort(), 100);
		const started = Date.now();
		const sending = sendToGameball.call(context, 'GET /transactions', {});
		await expect(sending).rejects.toThrow('The execution was stopped before Gameball answered');
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(send).not.toHaveBeenCalled();
	});

	it('while it backs off after a 429 without Retry-After (2.1 s or more)', async () => {
		const stop = new AbortController();
		const send = jest.fn(async () => ({ statusCode: 429, headers: {}, body: {} }));
		const context = transportContext({ apiKey: 'backoff-stop-key', baseUrl: 'http://backoff-stop.invalid' }, send, stop.signal);
		setTimeout(() => stop.abort(), 100);
		const started = Date.now();
		const sending = sendToGameball.call(context, 'GET /leaderboard', {});
		await expect(sending).rejects.toThrow('The execution was stopped before Gameball answered');
		expect(Date.now() - started).toBeLessThan(1_500);
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('while Wait Until Finished waits between two status reads (the interval doubles up to Poll Interval)', async () => {
		const stop = new AbortController();
		let stoppedAt = 0;
		// Reads at 0, 0.25, 0.75 and 1.75 s; the stop comes 0.2 s into the 2 s wait after the 4th (counted, not timed).
		const send = jest.fn(async () => {
			if (send.mock.calls.length === 4) setTimeout(() => ((stoppedAt = Date.now()), stop.abort()), 200);
			return { statusCode: 200, headers: {}, body: { status: 'processing' } };
		});
		const context = transportContext({ apiKey: 'poll-stop-key', baseUrl: 'http://poll-stop.invalid' }, send, stop.signal);
		const waiting = waitForBatch.call(context, 'job-poll', { timeoutMs: 60_000, pollIntervalMs: 20_000 });
		await expect(waiting).rejects.toThrow('The execution was stopped before Gameball answered');
		// Well before the wait's end, 1.8 s after the stop.
		expect(Date.now() - stoppedAt).toBeLessThan(1_000);
		expect(send).toHaveBeenCalledTimes(4);
	});
});

describe('time limits', () => {
	it("a request the pacer would hold past its caller's deadline is not sent, and says why", async () => {
		const baseUrl = 'http://pacer-deadline.invalid';
		const account = `${baseUrl}|${createHash('sha256').update('deadline-key').digest('hex').slice(0, 12)}`;
		pacerFor(account, 'others').holdUntil(Date.now() + 20_000);
		const send = jest.fn();
		const context = transportContext({ apiKey: 'deadline-key', baseUrl }, send);
		const started = Date.now();
		const sending = sendToGameball.call(context, 'GET /batches/{batchId}/status', { pathParams: { batchId: '1' } }, { deadline: Date.now() + 1_000 });
		await expect(sending).rejects.toThrow('Rate limited: the time limit ran out before the request could be sent');
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(send).not.toHaveBeenCalled();
	});

	it("waits out the documented limits' own window past its deadline, as for any request: only a 429 hold gives up", async () => {
		const baseUrl = 'http://pacer-window.invalid';
		const account = `${baseUrl}|${createHash('sha256').update('window-key').digest('hex').slice(0, 12)}`;
		const pacer = pacerFor(account, 'others');
		for (let i = 0; i < RATE_LIMITS.others[0]; i++) await pacer.acquire(); // this second's allowance is used up
		const send = jest.fn(async () => ({ statusCode: 200, headers: {}, body: { status: 'completed' } }));
		const context = transportContext({ apiKey: 'window-key', baseUrl }, send);
		const sending = sendToGameball.call(context, 'GET /batches/{batchId}/status', { pathParams: { batchId: '1' } }, { deadline: Date.now() + 300 });
		await expect(sending).resolves.toMatchObject({ body: { status: 'completed' } });
		expect(send).toHaveBeenCalledTimes(1);
	});

	it("does not wait out the 30 s window past its deadline: it gives up at once and says the process used the limit", async () => {
		const baseUrl = 'http://pacer-window-30s.invalid';
		const account = `${baseUrl}|${createHash('sha256').update('window-30s-key').digest('hex').slice(0, 12)}`;
		const pacer = pacerFor(account, 'others');
		// The 30 s allowance used up as fast as the 1 s window lets it: the next slot is about 19 s away.
		const [perSecond, perWindow] = RATE_LIMITS.others;
		const start = Date.now() - (perWindow / perSecond - 1) * 1150;
		for (let i = 0; i < perWindow; i++) await pacer.acquire(() => start + Math.floor(i / perSecond) * 1150);
		const send = jest.fn();
		const context = transportContext({ apiKey: 'window-30s-key', baseUrl }, send);
		const started = Date.now();
		const sending = sendToGameball.call(context, 'GET /batches/{batchId}/status', { pathParams: { batchId: '1' } }, { deadline: Date.now() + 2_000 });
		const error = await sending.then(
			() => undefined,
			(failure: { message: string; description: string }) => failure,
		);
		expect(error?.message).toBe('Rate limited: the time limit ran out before the request could be sent');
		expect(error?.description).toMatch(/^This n8n process has sent as many requests of this kind as Gameball's documented limit allows in 30 seconds;/);
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(send).not.toHaveBeenCalled();
	});

	const never = () => jest.fn(async () => await new Promise(() => undefined));

	it('an answer that never completes (headers sent, body trickling) ends the attempt at its time limit, and is retried', async () => {
		const send = never();
		const context = transportContext({ apiKey: 'k-never', baseUrl: 'http://k-never.invalid' }, send);
		const started = Date.now();
		const sending = sendToGameball.call(context, 'GET /customers/{customerId}', { pathParams: { customerId: 'c' } }, { timeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 } });
		await expect(sending).rejects.toThrow('Could not reach Gameball after 2 attempt(s): ETIMEDOUT');
		expect(send).toHaveBeenCalledTimes(2);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it("a failing request retries only within its caller's deadline", async () => {
		const send = jest.fn(async () => ({ statusCode: 500, headers: {}, body: { code: 5000, message: 'Internal error' } }));
		const context = transportContext({ apiKey: 'k-deadline', baseUrl: 'http://k-deadline.invalid' }, send);
		const sending = sendToGameball.call(context, 'GET /customers/{customerId}', { pathParams: { customerId: 'c' } }, { deadline: Date.now() + 100 });
		await expect(sending).rejects.toThrow(/^5000: /);
		// The first back-off is 150–300 ms and the second 300–600 ms: at most one retry starts before the deadline.
		expect(send.mock.calls.length).toBeLessThanOrEqual(2);
	});

	it('a batch status read that never answers ends soon after the wait\'s time limit, not after five 30 s attempts', async () => {
		const send = never();
		const context = transportContext({ apiKey: 'k-status', baseUrl: 'http://k-status.invalid' }, send);
		const started = Date.now();
		const waiting = waitForBatch.call(context, 'job-1', { timeoutMs: 0, pollIntervalMs: 100, readGraceMs: 300 });
		await expect(waiting).rejects.toThrow(/ETIMEDOUT/);
		expect(send).toHaveBeenCalledTimes(1);
		expect(Date.now() - started).toBeLessThan(3000);
	});
});

describe('a keyed points-moving request whose retry gets an error answer', () => {
	// 7001 ("customer already exists") says nothing of the transaction: only 9004 means the earlier attempt went through.
	it.each([
		[3002, 'invalid payload'],
		[7001, 'customer already exists'],
	])('says in its message, which an error output item keeps alone, that the earlier attempt may have been applied (%p)', async (code, hint) => {
		const answers = [
			{ statusCode: 500, headers: {}, body: { code: 5000, message: 'Internal error' } },
			{ statusCode: 400, headers: {}, body: { code, message: hint } },
		];
		const send = jest.fn(async () => answers.shift());
		const context = transportContext({ apiKey: `k-5xx-${code}`, baseUrl: `http://k-5xx-${code}.invalid` }, send);
		const error = await sendToGameball
			.call(context, 'POST /transactions/cashback', { body: { transactionId: 't' } }, { movesMoney: true, idempotencyValue: 't' })
			.catch((caught: Error) => caught);
		expect(send).toHaveBeenCalledTimes(2);
		expect((error as Error).message).toBe(`${code}: ${hint} (the change may have been applied)`);
		expect(mayHaveBeenApplied(error)).toBe(true);
	});
});
