// What a batch run says when some of its items failed, and how long it waits for its jobs in all.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';
import { standIn, withStandIn } from '../harness/standIn';
import { STATUS_READ_GRACE_MS } from '../../nodes/Gameball/transport/batch';

describe('a batch run where some items failed, Continue On Fail off', () => {
	let sim: Simulator;
	let credentials: GameballCredentials;

	beforeAll(async () => {
		({ sim, credentials } = await simulatorFor());
	});
	afterAll(async () => await sim.stop());

	it('says how many items were applied, that they must not be sent again, and names the jobs', async () => {
		const ids = Array.from({ length: 60 }, (_, i) => `partial-${i}`);
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { pollSeconds: 0.1 } }, ids.slice(1).map((id) => ({ id })));
		// Cashback does not create customers (events do, as Gameball's live events endpoint does): partial-0 fails.
		const params = { resource: 'transaction', operation: 'cashback', customerId: '={{ $json.id }}', transactionId: '=T-{{ $json.id }}', amount: 5, batching: { pollSeconds: 0.1, size: 40 } };
		const { error } = await runGameball(credentials, params, ids.map((id) => ({ id })));
		const jobs = [...sim.state.batches.values()].filter((job) => job.kind === 'cashback').map((job) => job.jobId);
		expect(jobs).toHaveLength(2);
		expect(error?.message).toBe("1 of 60 items failed in Gameball's batch API; the other 59 were applied and must not be sent again");
		expect(error?.description).toContain("First failure: 7000: customer not found (Customer 'partial-0' was not found · Check the Customer ID.");
		expect(error?.description).toContain(`Batch jobs ${jobs[0]} (items 0-39), ${jobs[1]} (items 40-59)`);
		expect(error?.description).toContain('Turn on "Continue On Fail" to get one result per item');
		expect(error?.context?.itemIndex).toBe(0);
	});
});

describe('the batch time limit', () => {
	it('is one limit for all the jobs of a run, not one per job', async () => {
		// The simulator works through a job 50 items at a time: here each job's 51st item waits 5 s for its turn.
		const { sim, credentials } = await simulatorFor({ batchItemDelayMs: 100 });
		try {
			const items = Array.from({ length: 153 }, (_, i) => ({ id: `slow-${i}` }));
			const { outputs } = await runGameball(
				credentials,
				{ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'always', size: 51, timeoutSeconds: 2, pollSeconds: 0.2 } },
				items,
				true,
			);
			const unfinished = outputs[0].filter((item) => String(item.json.error).includes('had not finished when the time limit passed'));
			expect(unfinished.map((item) => (item.pairedItem as { item: number }).item)).toEqual([50, 101, 152]);
			// Counted, not timed: the first job's wait uses up the 2 s (a status read every 0.2 s), and the others
			// are read once each, with nothing of it left. 2 s per job would read each of them about ten times.
			const jobIds = [...new Set(unfinished.map((item) => String(item.json.batchJobId)))];
			const reads = jobIds.map((jobId) => sim.requests.filter((request) => request.path.endsWith(`/batches/${jobId}/status`)).length);
			expect(reads[0]).toBeGreaterThan(2);
			expect(reads.slice(1)).toEqual([1, 1]);
		} finally {
			await sim.stop();
		}
	});

	it('gives failing status reads one grace for the run: jobs read after it is spent are read once, not retried', async () => {
		let jobs = 0;
		const reads = new Map<string, number>();
		await withStandIn(({ method, url }) => {
			if (method === 'POST' && url.pathname.includes('/batch/')) return { body: { jobId: ++jobs } };
			const jobId = /batches\/(\d+)\/status/.exec(url.pathname)?.[1] ?? '?';
			reads.set(jobId, (reads.get(jobId) ?? 0) + 1);
			// Retry-After makes each job's retries 1.5 s apart, not jittered: job 1 reads 5 times (6 s), job 2 until
			// the grace ends, 11 s after the last job was created. Every later job starts with less than 1.5 s left.
			return { status: 503, body: { code: 5000, message: 'status unavailable' }, headers: { 'retry-after': '1.5' } };
		}, async (stand) => {
			const started = Date.now();
			const { outputs } = await runGameball(
				stand.credentials,
				{ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'always', size: 1, timeoutSeconds: 1, pollSeconds: 0.2 } },
				Array.from({ length: 8 }, (_, i) => ({ id: `unread-${i}` })),
				true,
			);
			expect(outputs[0].map((item) => String(item.json.error))).toEqual(Array(8).fill('5000: Gameball server error'));
			// The 1 s limit and one 10 s grace for all: with a grace of its own, each job's read was tried 5 times
			// (6 s a job), so the overrun grew with the number of jobs.
			expect(Date.now() - started).toBeLessThan(1000 + STATUS_READ_GRACE_MS + 8000);
			expect(reads.get('1')).toBe(5);
			expect([3, 4, 5, 6, 7, 8].map((job) => reads.get(String(job)))).toEqual([1, 1, 1, 1, 1, 1]);
		});
	});

	it('gives a status read after the grace one short attempt: an endpoint that never answers holds no job 30 s', async () => {
		let jobs = 0;
		const server = createServer((request, response) => {
			request.resume();
			request.on('end', () => {
				if (request.method === 'POST') response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jobId: ++jobs }));
				// A status read is never answered.
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const started = Date.now();
			const { outputs } = await runGameball(
				{ gameballApi: { apiKey: 'silent-api-key', secretKey: 'silent-secret-key', apiVersion: 'v4.0', baseUrl } },
				{ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'always', size: 1, timeoutSeconds: 1, pollSeconds: 0.2 } },
				[{ id: 'a' }, { id: 'b' }, { id: 'c' }],
				true,
			);
			expect(outputs[0].map((item) => item.json.mayHaveBeenApplied)).toEqual([true, true, true]);
			// The 1 s limit, the 10 s grace (job a's read), then about 1 s for each of jobs b and c, not 30 s each.
			expect(Date.now() - started).toBeLessThan(1000 + STATUS_READ_GRACE_MS + 5000);
		} finally {
			server.closeAllConnections();
			server.close();
		}
	});
});

/**
 * A Gameball stand-in whose every batch job is job 1 and answers its status with `status`; with `refuseCreate`, it
 * refuses that create (1-based) with a 400 and numbers the others' jobs 101, 102, ...; with `createAnswer`, every
 * create gets that answer. `creates()` counts the creates sent.
 */
async function batchServer(status: Record<string, unknown>, refuseCreate?: number, createAnswer?: { code: number; body: unknown }) {
	let creates = 0;
	const stand = await standIn(({ method, url }) => {
		const create = method === 'POST' && url.pathname.includes('/batch/') ? ++creates : 0;
		if (create && createAnswer) return { status: createAnswer.code, body: createAnswer.body };
		if (create && refuseCreate === undefined) return { body: { jobId: 1 } };
		if (create === refuseCreate) return { status: 400, body: { code: 3001, message: 'invalid payload' } };
		if (create) return { body: { jobId: 100 + create } };
		if (url.pathname.includes('/batches/1/status')) return { body: status };
		return { status: 404, body: {} };
	});
	return { server: { close: stand.close }, credentials: stand.credentials, creates: () => creates };
}

describe('a finished job that lists its failed entries but none of its successes', () => {
	const items = Array.from({ length: 60 }, (_, i) => ({ id: `listed-${i}` }));
	const params = { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { pollSeconds: 0.1 } };

	it('every other item succeeded; with Continue On Fail off, the headline counts them as applied', async () => {
		const failure = { index: 3, code: 7000, message: 'Customer not found' };
		const { server, credentials } = await batchServer({ status: 'completed', totalItems: 60, processedItems: 60, failedItems: 1, results: [], errors: [failure] });
		try {
			const { outputs } = await runGameball(credentials, params, items, true);
			expect(outputs[0].filter((item) => item.json.success === false).map((item) => item.pairedItem)).toEqual([{ item: 3 }]);
			expect(outputs[0].filter((item) => item.json.success === true)).toHaveLength(59);
			const { error } = await runGameball(credentials, params, items);
			expect(error?.message).toBe("1 of 60 items failed in Gameball's batch API; the other 59 were applied and must not be sent again");
		} finally {
			server.close();
		}
	});

	it('a job that lists some successes but not this item\'s, or failures without saying which, leaves its outcome open', async () => {
		const statuses = [
			{ status: 'completed', totalItems: 60, processedItems: 60, failedItems: 0, results: [{ index: 0, customerId: 'listed-0' }], errors: [] },
			{ status: 'completed', totalItems: 60, processedItems: 60, failedItems: 2, results: [], errors: [{ code: 7000, message: 'a' }, { code: 7000, message: 'b' }] },
		];
		for (const status of statuses) {
			const { server, credentials } = await batchServer(status);
			try {
				const { outputs } = await runGameball(credentials, params, items, true);
				const open = outputs[0].filter((item) => item.json.mayHaveBeenApplied === true);
				expect(open.length).toBe(status.results.length ? 59 : 60);
				for (const item of open) expect(item.json).toMatchObject({ success: false, error: expect.stringContaining('Check with Batch > Get Status before sending it again') });
				const { error } = await runGameball(credentials, params, items);
				expect(error?.message).toBe(
					status.results.length
						? "59 of 60 items in Gameball's batch API may or may not have been applied; the other 1 were applied and must not be sent again"
						: "60 of 60 items in Gameball's batch API may or may not have been applied",
				);
				expect(error?.description).toContain('send again only the failed items that do not say `mayHaveBeenApplied`');
			} finally {
				server.close();
			}
		}
	});

	it('a points-moving job whose finished status tells neither failures nor successes leaves every outcome open', async () => {
		const cashback = { resource: 'transaction', operation: 'cashback', customerId: '={{ $json.id }}', transactionId: '=T-{{ $json.id }}', amount: 5, batching: { mode: 'always', pollSeconds: 0.1 } };
		for (const status of [{ status: 'completed' }, { status: 'completed', totalItems: 3 }]) {
			const { server, credentials } = await batchServer(status);
			try {
				const { outputs } = await runGameball(credentials, cashback, items.slice(0, 3), true);
				expect(outputs[0].map((item) => [item.json.success, item.json.mayHaveBeenApplied])).toEqual(Array(3).fill([false, true]));
			} finally {
				server.close();
			}
		}
		// A failure list, even empty, or a count of failures tells: the rest succeeded.
		const { server, credentials } = await batchServer({ status: 'completed', errors: [] });
		try {
			const { outputs } = await runGameball(credentials, cashback, items.slice(0, 3), true);
			expect(outputs[0].map((item) => item.json.success)).toEqual([true, true, true]);
		} finally {
			server.close();
		}
	});
});

describe('a job whose results carry no index', () => {
	const params = { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'always', pollSeconds: 0.1 } };
	const items = ['a', 'b', 'c'].map((id) => ({ id }));
	const results = (ids: string[]) => ({ status: 'completed', totalItems: 3, processedItems: 3, failedItems: 0, results: ids.map((customerId) => ({ customerId, gameballId: `gb-${customerId}` })), errors: [] });

	it('places results by position when each names the item sent there', async () => {
		const { server, credentials } = await batchServer(results(['a', 'b', 'c']));
		try {
			const { outputs, error } = await runGameball(credentials, params, items);
			expect(error).toBeUndefined();
			expect(outputs[0].map((item) => [item.json.customerId, item.json.gameballId, item.pairedItem])).toEqual([
				['a', 'gb-a', { item: 0 }],
				['b', 'gb-b', { item: 1 }],
				['c', 'gb-c', { item: 2 }],
			]);
		} finally {
			server.close();
		}
	});

	it("never gives an item another customer's result: one that names another customer leaves the item's outcome open", async () => {
		const { server, credentials } = await batchServer(results(['c', 'b', 'a']));
		try {
			const { outputs } = await runGameball(credentials, params, items, true);
			expect(outputs[0].map((item) => item.json.success)).toEqual([false, true, false]);
			expect(outputs[0][1].json).toMatchObject({ customerId: 'b', gameballId: 'gb-b' });
			expect(outputs[0][0].json).toMatchObject({
				mayHaveBeenApplied: true,
				error: expect.stringContaining('gave this item\'s place a result for customerId "c", not "a"'),
			});
			const { error } = await runGameball(credentials, params, items);
			expect(error?.message).toBe("2 of 3 items in Gameball's batch API may or may not have been applied; the other 1 were applied and must not be sent again");
		} finally {
			server.close();
		}
	});
});

describe('Batch > Create Job over several items, stopped by one that fails', () => {
	it('names the jobs Gameball already has from the items before it', async () => {
		const { server, credentials } = await batchServer({}, 3);
		try {
			const entries = [{ customerId: 'c1', events: { visit: {} } }];
			const { error, outputs } = await runGameball(
				credentials,
				{ resource: 'batch', operation: 'createJob', kind: 'events', entries: '={{ $json.entries }}' },
				[{ entries }, { entries }, { entries }],
			);
			expect(outputs).toEqual([]);
			expect(error?.message).toMatch(/^3001: /);
			expect(error?.context?.itemIndex).toBe(2);
			expect(error?.description).toContain('Gameball already has the batch jobs 101 (item 0), 102 (item 1) from the items before it, and runs them');
		} finally {
			server.close();
		}
	});
});

describe('Batch > Create Job answered without a job ID', () => {
	const params = { resource: 'batch', operation: 'createJob', kind: 'events', entries: '={{ $json.entries }}' };
	const entries = [{ customerId: 'c1', events: { visit: {} } }];

	it('is an error that says the job may run, not an item without a job ID', async () => {
		const { server, credentials } = await batchServer({}, undefined, { code: 200, body: {} });
		try {
			const stopped = await runGameball(credentials, params, [{ entries }]);
			expect(stopped.error?.message).toBe('Gameball created the batch job but sent no job ID (the change may have been applied)');
			const continued = await runGameball(credentials, params, [{ entries }], true);
			expect(continued.outputs[0].map((item) => [item.json.error, item.json.mayHaveBeenApplied, item.pairedItem])).toEqual([
				['Gameball created the batch job but sent no job ID (the change may have been applied)', true, { item: 0 }],
			]);
		} finally {
			server.close();
		}
	});

	it('takes `batchId` as the job ID, under `jobId` as the Batch Job ID default reads it', async () => {
		const { server, credentials } = await batchServer({}, undefined, { code: 200, body: { batchId: 'b-9' } });
		try {
			const { outputs, error } = await runGameball(credentials, params, [{ entries }]);
			expect(error).toBeUndefined();
			expect(outputs[0][0].json).toEqual({ batchId: 'b-9', jobId: 'b-9', kind: 'events', entries: 1 });
		} finally {
			server.close();
		}
		// A blank jobId beside a batchId: the batchId.
		const blank = await batchServer({}, undefined, { code: 200, body: { jobId: ' ', batchId: 'b-10' } });
		try {
			expect((await runGameball(blank.credentials, params, [{ entries }])).outputs[0][0].json.jobId).toBe('b-10');
		} finally {
			blank.server.close();
		}
	});
});

describe('result entries that cannot be trusted to an item', () => {
	const abc = ['a', 'b', 'c'].map((id) => ({ id }));
	const upsert = { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'always', pollSeconds: 0.1 } };

	it.each([
		['a larger total', { totalItems: 4 }],
		['no total', {}],
	])('a success indexed past the job\'s end (%s) still means successes are listed by index: an item in neither list is unknown', async (_label, total) => {
		const failure = { index: 1, code: 7000, message: 'Customer not found' };
		const { server, credentials } = await batchServer({ status: 'completed', ...total, processedItems: 3, failedItems: 1, results: [{ index: 0 }, { index: 3 }], errors: [failure] });
		try {
			const { outputs } = await runGameball(credentials, upsert, abc, true);
			expect(outputs[0].map((item) => [item.json.success, item.json.mayHaveBeenApplied ?? false])).toEqual([
				[true, false],
				[false, false],
				[false, true],
			]);
		} finally {
			server.close();
		}
	});

	it.each([3, -1, 1.5])('a failure at index %p, no position of the 3-item job, leaves every item unknown, not applied', async (index) => {
		const failure = { index, code: 7000, message: 'Customer not found' };
		const { server, credentials } = await batchServer({ status: 'completed', totalItems: 3, processedItems: 3, failedItems: 1, results: [], errors: [failure] });
		try {
			const { outputs } = await runGameball(credentials, upsert, abc, true);
			expect(outputs[0].map((item) => [item.json.success, item.json.mayHaveBeenApplied])).toEqual([
				[false, true],
				[false, true],
				[false, true],
			]);
			expect(String(outputs[0][0].json.error)).toContain('reported 1 failed entries without saying which');
			const { error } = await runGameball(credentials, upsert, abc);
			expect(error?.message).toBe("3 of 3 items in Gameball's batch API may or may not have been applied");
		} finally {
			server.close();
		}
	});

	it('a failure list that covers the job but holds an index past its end: that entry is unplaced, not put in another place', async () => {
		const errors = [1, 2, 3].map((index) => ({ index, code: 7000, message: `failure ${index}` }));
		const { server, credentials } = await batchServer({ status: 'completed', totalItems: 3, processedItems: 3, results: [], errors });
		try {
			const { outputs } = await runGameball(credentials, upsert, abc, true);
			expect(outputs[0].map((item) => item.json.success)).toEqual([false, false, false]);
			expect(outputs[0][0].json).toMatchObject({ mayHaveBeenApplied: true });
			// Gameball's words, then the advice a single call gives for 7000.
			expect(outputs[0][2].json.description).toMatch(/^failure 2 · Check the Customer ID\. /);
		} finally {
			server.close();
		}
	});

	it('a success entry that carries `error: null` is a success', async () => {
		const results = ['a', 'b', 'c'].map((customerId, index) => ({ index, customerId, error: null }));
		const { server, credentials } = await batchServer({ status: 'completed', totalItems: 3, processedItems: 3, failedItems: 0, results, errors: [] });
		try {
			const { outputs, error } = await runGameball(credentials, upsert, abc);
			expect(error).toBeUndefined();
			expect(outputs[0].map((item) => [item.json.customerId, item.json.success])).toEqual([
				['a', true],
				['b', true],
				['c', true],
			]);
		} finally {
			server.close();
		}
	});

	it("Get Transactions' results in another order, without an index, are not given to the wrong orders", async () => {
		const results = ['o3', 'o2', 'o1'].map((orderId) => ({ orderId, count: 1, transactions: [{ transactionId: `tx-of-${orderId}` }] }));
		const { server, credentials } = await batchServer({ status: 'completed', totalItems: 3, processedItems: 3, failedItems: 0, results, errors: [] });
		try {
			const params = { resource: 'order', operation: 'getTransactions', orderId: '={{ $json.id }}', batching: { mode: 'always', pollSeconds: 0.1 } };
			const { outputs } = await runGameball(credentials, params, ['o1', 'o2', 'o3'].map((id) => ({ id })), true);
			// A read applies nothing: the two whose places hold another order's result are read again with single calls
			// (this stand-in answers those 404), never given the other order's transactions.
			expect(outputs[0].map((item) => [item.pairedItem, item.json.transactionId ?? null, item.json.error ?? null])).toEqual([
				[{ item: 0 }, null, 'Gameball answered 404: HTTP 404'],
				[{ item: 1 }, 'tx-of-o2', null],
				[{ item: 2 }, null, 'Gameball answered 404: HTTP 404'],
			]);
			expect(outputs[0].some((item) => item.json.mayHaveBeenApplied)).toBe(false);
		} finally {
			server.close();
		}
	});
});

describe('a points-moving job whose creation ended without a clear answer', () => {
	const abc = ['a', 'b', 'c'].map((id) => ({ id }));
	const cashback = { resource: 'transaction', operation: 'cashback', customerId: '={{ $json.id }}', transactionId: '=cb-{{ $json.id }}', amount: 10, batching: { mode: 'always', pollSeconds: 0.1 } };

	it.each([
		['a 502', { code: 502, body: { code: 5000, message: 'upstream' } }, /^5000: .*\(the change may have been applied\)$/],
		['a 200 without a job ID', { code: 200, body: { ok: true } }, /^Gameball created the batch job but sent no job ID \(the change may have been applied\)$/],
	])('after %s, each item says mayHaveBeenApplied, and the job is sent once', async (_case, createAnswer, message) => {
		const { server, credentials, creates } = await batchServer({}, undefined, createAnswer);
		try {
			const { outputs } = await runGameball(credentials, cashback, abc, true);
			expect(creates()).toBe(1);
			expect(outputs[0].map((item) => [item.pairedItem, item.json.mayHaveBeenApplied])).toEqual([
				[{ item: 0 }, true],
				[{ item: 1 }, true],
				[{ item: 2 }, true],
			]);
			expect(String(outputs[0][0].json.error)).toMatch(message);
			// Each item its own JSON: a later node that changes one changes no other.
			expect(outputs[0][0].json).not.toBe(outputs[0][1].json);
		} finally {
			server.close();
		}
	});
});
