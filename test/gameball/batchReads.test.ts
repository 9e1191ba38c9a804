// Reads in batch mode (Get Balance, Order > Get Transactions): the OpenAPI document gives batch results no schema, so
// a job that answers without the balance or the transactions has each such item read with a single call.
import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';
import { withStandIn, type StandInRequest } from '../harness/standIn';

const customers = Array.from({ length: 60 }, (_, i) => ({ id: `reader-${i}` }));
const getBalance = { resource: 'customer', operation: 'getBalance', customerId: '={{ $json.id }}', batching: { pollSeconds: 0.1 } };
const paired = (items: Array<{ pairedItem?: unknown }>) => items.map((item) => (item.pairedItem as { item: number }).item);

describe.each([
	['identity', 'openapi'],
	['none', 'openapi'],
	['identity', 'tutorial'],
	['none', 'tutorial'],
] as const)('a job whose results carry %s of the answer (%s status shape)', (batchResultData, batchStatusShape) => {
	let sim: Simulator;
	let credentials: GameballCredentials;
	const count = (method: string, fragment: string) => sim.requests.filter((request) => request.method === method && request.path.includes(fragment)).length;

	beforeAll(async () => {
		({ sim, credentials } = await simulatorFor({ batchResultData, batchStatusShape }));
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'never' } }, customers);
		const fund = { resource: 'transaction', operation: 'manualAdjustment', customerId: 'reader-7', transactionId: 'fund-7', username: 'ops', reason: 'fund', additionalFields: { points: 70 } };
		expect((await runGameball(credentials, fund)).error).toBeUndefined();
	});
	afterAll(async () => await sim.stop());

	it('Get Balance reads each balance with a single call after the job, paired and tagged with the job', async () => {
		const [jobs, singles] = [count('POST', '/batch/balance-inquiry'), count('GET', '/balance')];
		const { outputs, error } = await runGameball(credentials, getBalance, customers);
		expect(error).toBeUndefined();
		expect([count('POST', '/batch/balance-inquiry') - jobs, count('GET', '/balance') - singles]).toEqual([1, 60]);
		expect(paired(outputs[0])).toEqual(customers.map((_, i) => i));
		expect(outputs[0].map((item) => item.json.availablePointsBalance)).toEqual(customers.map((_, i) => (i === 7 ? 70 : 0)));
		expect(outputs[0][59].json).toMatchObject({ success: true, batchKind: 'balance-inquiry', batchIndex: 59, batchJobId: expect.any(String) });
	});
});

describe('a job whose results carry the whole answer', () => {
	it('is read from the job alone, with no single call', async () => {
		const { sim, credentials } = await simulatorFor();
		try {
			await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'never' } }, customers);
			const singles = sim.requests.filter((request) => request.path.endsWith('/balance')).length;
			const { outputs, error } = await runGameball(credentials, getBalance, customers);
			expect(error).toBeUndefined();
			expect(sim.requests.filter((request) => request.path.endsWith('/balance')).length).toBe(singles);
			expect(outputs[0].map((item) => item.json.availablePointsBalance)).toEqual(customers.map(() => 0));
		} finally {
			await sim.stop();
		}
	});
});

describe('Order > Get Transactions whose job answers without the transactions', () => {
	it('reads each order with a single call: one item per transaction, tagged with its order', async () => {
		const { sim, credentials } = await simulatorFor({ batchResultData: 'identity' });
		try {
			const orders = Array.from({ length: 50 }, (_, i) => ({ id: `buyer-${i}`, orderId: `bought-${i}` }));
			const create = { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'never' } };
			expect((await runGameball(credentials, create, orders)).error).toBeUndefined();
			const track = { resource: 'order', operation: 'track', customerId: '={{ $json.id }}', orderId: '={{ $json.orderId }}', totalPaid: 10, batching: { mode: 'never' } };
			expect((await runGameball(credentials, track, orders)).error).toBeUndefined();
			const read = { resource: 'order', operation: 'getTransactions', orderId: '={{ $json.orderId }}', batching: { mode: 'always', pollSeconds: 0.1 } };
			const { outputs, error } = await runGameball(credentials, read, orders);
			expect(error).toBeUndefined();
			expect(sim.requests.filter((request) => request.method === 'GET' && /\/orders\/bought-\d+\/transactions$/.test(request.path))).toHaveLength(50);
			expect(outputs[0].length).toBeGreaterThanOrEqual(50);
			for (const item of outputs[0]) {
				const itemIndex = (item.pairedItem as { item: number }).item;
				expect(item.json).toMatchObject({ orderId: `bought-${itemIndex}`, success: true, batchKind: 'orders/transactions', batchIndex: itemIndex });
			}
			expect(new Set(paired(outputs[0]))).toEqual(new Set(orders.map((_, i) => i)));
		} finally {
			await sim.stop();
		}
	});
});

describe('a single read that fails after its job', () => {
	// Every job completes with no results; single balance reads of `missing-*` answer 404 with Gameball's 7000.
	function answer({ method, url }: StandInRequest) {
		if (method === 'POST' && url.pathname.includes('/batch/')) return { body: { jobId: 1 } };
		if (url.pathname.includes('/batches/1/status')) return { body: { status: 'completed', totalItems: 3, processedItems: 3, failedItems: 0, results: [], errors: [] } };
		if (url.pathname.includes('/customers/missing-')) return { status: 404, body: { code: 7000, message: 'Customer not found' } };
		return { body: { availablePointsBalance: 5, totalPointsBalance: 5 } };
	}
	const items = [{ id: 'found-0' }, { id: 'missing-1' }, { id: 'found-2' }];
	const always = { ...getBalance, batching: { mode: 'always', pollSeconds: 0.1 } };

	it('Continue On Fail: that item is an error item with its job, the others keep their balances', async () => {
		await withStandIn(answer, async (stand) => {
			const { outputs } = await runGameball(stand.credentials, always, items, true);
			expect(paired(outputs[0])).toEqual([0, 1, 2]);
			expect(outputs[0].map((item) => item.json.availablePointsBalance)).toEqual([5, undefined, 5]);
			expect(outputs[0][1].json).toMatchObject({ success: false, batchJobId: '1', batchIndex: 1, error: expect.stringMatching(/^7000/) });
			expect(JSON.stringify(outputs)).not.toContain('s'.repeat(20));
		});
	});

	it('Continue On Fail off: the run stops at that item', async () => {
		await withStandIn(answer, async (stand) => {
			const { error } = await runGameball(stand.credentials, always, items);
			expect(error?.message).toMatch(/^7000/);
			expect(error?.context?.itemIndex).toBe(1);
		});
	});
});

describe('a read applies nothing: what its job leaves unclear is read with single calls, and it fails as a single call does', () => {
	const people = [{ id: 'p-0' }, { id: 'ghost' }, { id: 'p-1' }];
	const seeded = async (options: Parameters<typeof simulatorFor>[0]) => {
		const setUp = await simulatorFor(options);
		await runGameball(setUp.credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'never' } }, [{ id: 'p-0' }, { id: 'p-1' }]);
		return setUp;
	};
	const always = (batching: Record<string, unknown> = {}) => ({ ...getBalance, batching: { mode: 'always', pollSeconds: 0.1, ...batching } });

	it("a job whose failures Gameball does not place: the good items get their balances, the unknown customer Gameball's error", async () => {
		const { sim: unplaced, credentials: keys } = await seeded({ batchResultIndexes: false });
		try {
			const { outputs, error } = await runGameball(keys, always(), people, true);
			expect(error).toBeUndefined();
			expect(outputs[0].map((item) => [item.json.success, item.json.error ?? null, item.json.mayHaveBeenApplied ?? null])).toEqual([
				[true, null, null],
				[false, '7000: customer not found', null],
				[true, null, null],
			]);
			expect(paired(outputs[0])).toEqual([0, 1, 2]);
		} finally {
			await unplaced.stop();
		}
	});

	it('a job still running at the time limit: the items it has no result for yet are read with single calls', async () => {
		// The simulator runs a job 50 entries at a time: the first 50 answer at once, the other 10 only after 50 s.
		const { sim: slow, credentials: keys } = await seeded({ batchItemDelayMs: 1000 });
		try {
			const sixty = Array.from({ length: 60 }, (_, i) => ({ id: `p-${i % 2}` }));
			const singles = slow.requests.filter((request) => request.method === 'GET' && request.path.includes('/balance')).length;
			const { outputs, error } = await runGameball(keys, always({ timeoutSeconds: 1 }), sixty, true);
			expect(error).toBeUndefined();
			expect(outputs[0].every((item) => item.json.success === true && item.json.mayHaveBeenApplied === undefined)).toBe(true);
			expect(paired(outputs[0])).toEqual(sixty.map((_, i) => i));
			expect(slow.requests.filter((request) => request.method === 'GET' && request.path.includes('/balance')).length - singles).toBe(10);
		} finally {
			await slow.stop();
		}
	});

	it('without Continue On Fail, the first failed read stops the node with its own error, not "applied, must not be sent again"', async () => {
		const { sim: plain, credentials: keys } = await seeded({});
		try {
			const { error } = await runGameball(keys, always(), people);
			expect(error?.message).toBe('7000: customer not found');
			expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
			// Gameball's words, then the advice a single call gives.
			expect(error?.description).toMatch(/Check the Customer ID\. Operations that only read or reward a customer do not create one/);
		} finally {
			await plain.stop();
		}
	});

	it('without Continue On Fail, a read that already failed in its job stops the node before the single calls the others would need', async () => {
		const { sim: slow, credentials: keys } = await seeded({ batchItemDelayMs: 1000 });
		try {
			const sixty = [{ id: 'ghost' }, ...Array.from({ length: 59 }, (_, i) => ({ id: `p-${i % 2}` }))];
			const singles = () => slow.requests.filter((request) => request.method === 'GET' && request.path.includes('/balance')).length;
			const before = singles();
			const { error } = await runGameball(keys, always({ timeoutSeconds: 1 }), sixty);
			expect(error?.message).toBe('7000: customer not found');
			expect(singles() - before).toBe(0);
		} finally {
			await slow.stop();
		}
	});
});
