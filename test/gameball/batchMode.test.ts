import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

describe.each(['openapi', 'tutorial'] as const)('batch mode (%s status shape)', (batchStatusShape) => {
	let sim: Simulator;
	let credentials: GameballCredentials;

	beforeAll(async () => {
		({ sim, credentials } = await simulatorFor({ batchStatusShape }));
	});
	afterAll(async () => await sim.stop());

	const batchCreates = () => sim.requests.filter((request) => request.method === 'POST' && request.path.includes('/batch/'));

	it('upserts 2,500 customers in three jobs, with one result per input item', async () => {
		const before = batchCreates().length;
		const items = Array.from({ length: 2500 }, (_, i) => ({ id: `bulk-${i}` }));
		const { outputs, error } = await runGameball(
			credentials,
			{ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { pollSeconds: 0.1 } },
			items,
		);
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(2500);
		expect(outputs[0].every((item, i) => item.json.success === true && (item.pairedItem as { item: number }).item === i)).toBe(true);
		// Each item's place in its job (jobs of 1,000), never the job entry's `index` posing as the input item's.
		expect([0, 999, 1000, 1500, 2499].map((i) => [outputs[0][i].json.batchIndex, 'index' in outputs[0][i].json])).toEqual([[0, false], [999, false], [0, false], [500, false], [499, false]]);
		expect(batchCreates().length - before).toBe(3);
		expect(batchCreates().slice(-3).map((request) => (request.body as { body: unknown[] }).body.length)).toEqual([1000, 1000, 500]);
		expect(sim.state.customers.size).toBeGreaterThanOrEqual(2500);
	});

	it('puts a batched item\'s result where a single call puts its answer, so one expression reads both', async () => {
		const customers = Array.from({ length: 60 }, (_, i) => ({ id: `shape-${i}` }));
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'never' } }, customers);
		const balance = { resource: 'customer', operation: 'getBalance', customerId: '={{ $json.id }}', batching: { pollSeconds: 0.1 } };
		const single = await runGameball(credentials, balance, customers.slice(0, 49));
		const batched = await runGameball(credentials, balance, customers);
		expect(batched.error).toBeUndefined();
		expect(sim.requests.at(-1)?.path).toContain('/batches/');
		const answerFields = Object.keys(single.outputs[0][0].json);
		expect(answerFields).toContain('availablePointsBalance');
		expect(batched.outputs[0]).toHaveLength(customers.length);
		for (const item of batched.outputs[0]) {
			expect(item.json).toMatchObject({ success: true, batchKind: 'balance-inquiry' });
			expect(item.json.availablePointsBalance).toBe(single.outputs[0][0].json.availablePointsBalance);
		}
	});

	it('with Wait for Results off, hands the items to jobs and outputs their job and position without reading a status', async () => {
		const statusReads = () => sim.requests.filter((request) => request.method === 'GET' && request.path.includes('/batches/')).length;
		const [createsBefore, readsBefore] = [batchCreates().length, statusReads()];
		const items = Array.from({ length: 1500 }, (_, i) => ({ id: `queued-${i}` }));
		const { outputs, error } = await runGameball(
			credentials,
			{ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { waitForResults: false } },
			items,
		);
		expect(error).toBeUndefined();
		expect(batchCreates().length - createsBefore).toBe(2);
		expect(statusReads()).toBe(readsBefore);
		const queued = outputs[0].map((item) => item.json);
		expect(queued).toHaveLength(1500);
		expect(outputs[0].every((item, i) => (item.pairedItem as { item: number }).item === i)).toBe(true);
		expect(queued[0]).toEqual({ queued: true, batchJobId: expect.any(String), batchKind: 'customers', batchIndex: 0 });
		expect(queued[1499]).toMatchObject({ batchIndex: 499 });
		expect(new Set(queued.map((item) => item.batchJobId)).size).toBe(2);

		// Gameball finishes the jobs on its own; Wait Until Finished reads each item's result by its position.
		const jobId = String(queued[1000].batchJobId);
		const waited = await runGameball(credentials, { resource: 'batch', operation: 'waitUntilFinished', batchId: jobId, options: { pollSeconds: 0.1 } });
		const job = waited.outputs[0][0].json as { finished: boolean; successes: Array<{ index: number }> };
		expect(job.finished).toBe(true);
		expect(job.successes.map(({ index }) => index)).toEqual(Array.from({ length: 500 }, (_, i) => i));
		expect(sim.state.customers.has('queued-1499')).toBe(true);

		// Wired straight after the queued items, its default Batch Job ID reads their batchJobId.
		const wired = await runGameball(credentials, { resource: 'batch', operation: 'waitUntilFinished', options: { pollSeconds: 0.1 } }, [queued[1000]]);
		expect(wired.error).toBeUndefined();
		expect(wired.outputs[0][0].json).toMatchObject({ jobId, finished: true });
	});

	it('reports partial failure per item with continue on fail, and names it without', async () => {
		const items = Array.from({ length: 60 }, (_, i) => ({ id: i % 2 ? `bulk-${i}` : `ghost-${i}` }));
		const params = {
			resource: 'transaction',
			operation: 'redeem',
			customerId: '={{ $json.id }}',
			transactionId: `=redeem-${batchStatusShape}-{{ $json.id }}`,
			additionalFields: { points: 1000 },
			batching: { pollSeconds: 0.1 },
		};
		const { outputs } = await runGameball(credentials, params, items, true);
		expect(outputs[0]).toHaveLength(60);
		expect(outputs[0].every((item) => item.json.success === false && typeof item.json.error === 'string')).toBe(true);
		expect(outputs[0].map((item) => (item.pairedItem as { item: number }).item)).toEqual(items.map((_, i) => i));

		const failed = await runGameball(credentials, { ...params, transactionId: `=again-${batchStatusShape}-{{ $json.id }}` }, items);
		expect(failed.error?.message).toBe("60 of 60 items failed in Gameball's batch API");
	});

	it('sends items one by one below the threshold', async () => {
		const before = batchCreates().length;
		const { outputs } = await runGameball(
			credentials,
			{ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}' },
			[{ id: 'single-1' }, { id: 'single-2' }],
		);
		expect(outputs[0]).toHaveLength(2);
		expect(batchCreates().length).toBe(before);
	});
});

describe('batch mode time limit', () => {
	it('reports items of an unfinished job as errors instead of losing them', async () => {
		const { sim, credentials } = await simulatorFor({ batchItemDelayMs: 50 });
		try {
			const items = Array.from({ length: 100 }, (_, i) => ({ id: `slow-${i}` }));
			const { outputs } = await runGameball(
				credentials,
				{ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'always', timeoutSeconds: 1, pollSeconds: 0.2 } },
				items,
				true,
			);
			expect(outputs[0]).toHaveLength(100);
			const unfinished = outputs[0].filter((item) => String(item.json.error ?? '').includes('had not finished'));
			expect(unfinished.length).toBeGreaterThan(0);
			for (const item of unfinished) expect(item.json.mayHaveBeenApplied).toBe(true);
			// Gameball runs the job on: its unfinished items are not called failed.
			const stopped = await runGameball(
				credentials,
				{ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'always', timeoutSeconds: 1, pollSeconds: 0.2 } },
				items.map(({ id }) => ({ id: `${id}-again` })),
			);
			expect(stopped.error?.message).toMatch(/^\d+ of 100 items in Gameball's batch API may or may not have been applied; the other \d+ were applied and must not be sent again$/);
		} finally {
			await sim.stop();
		}
	});
});
