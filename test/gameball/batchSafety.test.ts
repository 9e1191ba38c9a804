// Batch mode and points: what the batch forms cannot carry, jobs that move points, and Continue On Fail.
import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
});
afterAll(async () => await sim.stop());
afterEach(() => sim.setFaults(undefined));

const sent = (method: string, fragment: string) =>
	sim.requests.filter((request) => request.method === method && request.path.includes(fragment)).length;
const paired = (outputs: Array<Array<{ pairedItem?: unknown }>>) => outputs[0].map((item) => (item.pairedItem as { item: number }).item);

describe('fields the batch form cannot carry', () => {
	const orders = Array.from({ length: 50 }, (_, i) => ({ id: `held-${i}` }));
	const track = (mode: string) => ({
		resource: 'order',
		operation: 'track',
		customerId: '={{ $json.id }}',
		orderId: `=order-${mode}-{{ $json.id }}`,
		totalPaid: 10,
		additionalFields: { redemption: '{"pointsHoldReference": "h1"}' },
		batching: { mode, pollSeconds: 0.1 },
	});

	it('Above Threshold sends every item one by one when one of them sets such a field', async () => {
		const [batches, singles] = [sent('POST', '/batch/'), sent('POST', '/integrations/orders')];
		const { outputs, run } = await runGameball(credentials, track('auto'), orders, true);
		expect(sent('POST', '/batch/')).toBe(batches);
		expect(sent('POST', '/integrations/orders') - singles).toBe(50);
		expect(paired(outputs)).toEqual(orders.map((_, i) => i));
		// The run says why it was slower than a job.
		const hints = (run.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);
		expect(hints).toEqual([expect.stringMatching(/^Item 0 sets ".+", which Gameball's batch API cannot send: the 50 items were sent one by one\.$/)]);
	});

	it('an order total other than Total Paid is such a field too; without one, orders go in a job', async () => {
		const [batches, singles] = [sent('POST', '/batch/orders'), sent('POST', '/integrations/orders')];
		const withTotal = { ...track('auto'), orderId: '=total-{{ $json.id }}', additionalFields: { totalPrice: 12 } };
		await runGameball(credentials, withTotal, orders, true);
		expect([sent('POST', '/batch/orders') - batches, sent('POST', '/integrations/orders') - singles]).toEqual([0, 50]);
		const plain = { ...track('auto'), orderId: '=plain-{{ $json.id }}', additionalFields: {} };
		await runGameball(credentials, plain, orders, true);
		expect([sent('POST', '/batch/orders') - batches, sent('POST', '/integrations/orders') - singles]).toEqual([1, 50]);
	});

	it('Always refuses such an item by name, before any job is sent', async () => {
		const batches = sent('POST', '/batch/');
		const refused = await runGameball(credentials, track('always'), orders);
		expect(refused.error?.message).toBe('Gameball\'s batch API cannot send "Redemption (JSON)"');
		expect(refused.error?.description).toBe('Set Batching > Send in Batches to "Above Threshold" or "Never" to send such items one by one.');
		const each = await runGameball(credentials, track('always'), orders, true);
		expect(each.outputs[0].every((item) => item.json.error === 'Gameball\'s batch API cannot send "Redemption (JSON)"')).toBe(true);
		expect(paired(each.outputs)).toEqual(orders.map((_, i) => i));
		expect(sent('POST', '/batch/')).toBe(batches);
	});

	it('Get Balance with Expand (a query option the batch form lacks) goes one by one', async () => {
		const people = Array.from({ length: 50 }, (_, i) => ({ id: `expand-${i}` }));
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'never' } }, people);
		const balance = (mode: string) => ({ resource: 'customer', operation: 'getBalance', customerId: '={{ $json.id }}', filters: { expand: 'tier' }, batching: { mode } });
		const [batches, singles] = [sent('POST', '/batch/balance-inquiry'), sent('GET', '/balance')];
		const { outputs } = await runGameball(credentials, balance('auto'), people, true);
		expect(outputs[0].filter((item) => item.json.error !== undefined)).toEqual([]);
		expect([sent('POST', '/batch/balance-inquiry') - batches, sent('GET', '/balance') - singles]).toEqual([0, 50]);
		expect(sim.requests.at(-1)?.query).toMatchObject({ expand: 'tier' });
		expect((await runGameball(credentials, balance('always'), people)).error?.message).toBe('Gameball\'s batch API cannot send "Expand"');
	});

	it('tags on Create or Update (a second call after the upsert) send every customer one by one', async () => {
		const people = Array.from({ length: 50 }, (_, i) => ({ id: `tagged-${i}` }));
		const upsert = (mode: string) => ({ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', additionalFields: { tags: 'vip' }, batching: { mode } });
		const [batches, tagCalls] = [sent('POST', '/batch/customers'), sent('POST', '/tags')];
		const { outputs } = await runGameball(credentials, upsert('auto'), people, true);
		expect(outputs[0].filter((item) => item.json.error !== undefined)).toEqual([]);
		expect([sent('POST', '/batch/customers') - batches, sent('POST', '/tags') - tagCalls]).toEqual([0, 50]);
		const refused = await runGameball(credentials, upsert('always'), people);
		expect(refused.error?.message).toBe('Gameball\'s batch API cannot send "Tags"');
	});

	it('Manual Adjustment goes in a job only with Always (no transaction ID there), and then points only', async () => {
		const people = Array.from({ length: 50 }, (_, i) => ({ id: `adjust-${i}` }));
		const adjust = (mode: string, additionalFields: Record<string, number>) => ({
			resource: 'transaction',
			operation: 'manualAdjustment',
			customerId: '={{ $json.id }}',
			transactionId: `=adjust-{{ $json.id }}-${mode}-` + Object.keys(additionalFields).join(''),
			username: 'ops',
			reason: 'goodwill',
			additionalFields,
			batching: { mode, pollSeconds: 0.1 },
		});
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'never' } }, people);
		const [batches, singles] = [sent('POST', '/batch/balance-adjustment'), sent('POST', '/transactions/manual')];
		// Above Threshold: one by one, each with its transaction ID, so running the same items again adjusts nothing.
		const first = await runGameball(credentials, adjust('auto', { points: 5 }), people, true);
		expect(first.outputs[0].filter((item) => item.json.error !== undefined)).toEqual([]);
		expect([sent('POST', '/batch/balance-adjustment') - batches, sent('POST', '/transactions/manual') - singles]).toEqual([0, 50]);
		const again = await runGameball(credentials, adjust('auto', { points: 5 }), people, true);
		// Every item refused as a duplicate (9004), one result per person.
		expect(again.outputs[0].map((item) => String(item.json.error).split(':')[0])).toEqual(people.map(() => '9004'));
		const adjusted = (id: string) => sim.ledger().filter((entry) => entry.customerId === id && entry.transactionId?.endsWith('-auto-points'));
		expect(people.map(({ id }) => adjusted(id).length)).toEqual(people.map(() => 1));
		// Always: an amount (money, not points) cannot go in the job, points can.
		const refused = await runGameball(credentials, adjust('always', { amount: 5 }), people, true);
		expect(refused.outputs[0][0].json.error).toBe('Gameball\'s batch API cannot send "Amount"');
		await runGameball(credentials, adjust('always', { points: 5 }), people, true);
		expect(sent('POST', '/batch/balance-adjustment')).toBe(batches + 1);
		const entry = (sim.requests.filter((request) => request.path.includes('/batch/balance-adjustment')).at(-1)?.body as { body: object[] }).body[0];
		expect(entry).toEqual({ customerId: 'adjust-0', amount: 5, reason: 'goodwill' });
	});
});

describe('Manual Adjustment in a job (Always): no transaction ID there', () => {
	it('refuses an item that repeats an earlier item\'s Transaction ID (a single call refuses it, 9004; the job would apply both)', async () => {
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'twice', batching: { mode: 'never' } });
		const before = sim.ledger().filter((entry) => entry.customerId === 'twice').length;
		const adjust = {
			resource: 'transaction',
			operation: 'manualAdjustment',
			customerId: 'twice',
			transactionId: '={{ $json.tx }}',
			username: 'ops',
			reason: 'goodwill',
			additionalFields: { points: 5 },
			batching: { mode: 'always', pollSeconds: 0.1 },
		};
		const { outputs } = await runGameball(credentials, adjust, [{ tx: 'm-1' }, { tx: 'm-1' }, { tx: 'm-2' }], true);
		expect(outputs[0].map((item) => item.json.error ?? 'ok')).toEqual(['ok', '"Transaction ID" "m-1" is item 0\'s too', 'ok']);
		expect(paired(outputs)).toEqual([0, 1, 2]);
		expect(sim.ledger().filter((entry) => entry.customerId === 'twice').length - before).toBe(2);
	});
});

describe('batch jobs that move points, and Continue On Fail', () => {
	const cashback = {
		resource: 'transaction',
		operation: 'cashback',
		customerId: '={{ $json.id }}',
		transactionId: '=cb-{{ $json.id }}',
		amount: 10,
		batching: { mode: 'always', pollSeconds: 0.1 },
	};
	const people = Array.from({ length: 3 }, (_, i) => ({ id: `cb-${i}` }));

	it('creates a cashback job once after a 5xx (no repeat that could apply it twice), and says it may have been applied', async () => {
		sim.setFaults({ errorRate5xx: 1, applyBeforeFault: false });
		const before = sent('POST', '/batch/cashback');
		const { outputs, error } = await runGameball(credentials, cashback, people, true);
		expect(error).toBeUndefined();
		expect(sent('POST', '/batch/cashback') - before).toBe(1);
		expect(outputs[0]).toHaveLength(3);
		expect(outputs[0].every((item) => String(item.json.description).includes('may or may not have been applied'))).toBe(true);
		// In no job Gameball named, yet a failure as the others are: a Filter on `success` finds them.
		expect(outputs[0].map((item) => [item.json.success, item.json.batchKind, item.json.mayHaveBeenApplied])).toEqual(Array(3).fill([false, 'cashback', true]));
		expect(paired(outputs)).toEqual([0, 1, 2]);

		const stopped = await runGameball(credentials, cashback, people);
		expect(stopped.error?.message).toMatch(/^Gameball answered 50\d|^5\d{3}/);
	});

	it('a job created, then its status unreadable: each item names the job and says it may have been applied', async () => {
		const late = people.map(({ id }) => ({ id: `late-${id}` }));
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'never' } }, late);
		const before = sent('POST', '/batch/cashback');
		// Every request after the job's creation fails: the status is never read, the job runs all the same.
		const watch = setInterval(() => {
			if (sent('POST', '/batch/cashback') > before) sim.setFaults({ errorRate5xx: 1, applyBeforeFault: false });
		}, 2);
		const { outputs, error } = await runGameball(credentials, cashback, late, true);
		clearInterval(watch);
		sim.setFaults(undefined);
		expect(error).toBeUndefined();
		expect(paired(outputs)).toEqual([0, 1, 2]);
		const jobId = outputs[0][0].json.batchJobId;
		expect(jobId).toEqual(expect.any(String));
		for (const item of outputs[0]) {
			expect(item.json).toMatchObject({ success: false, batchJobId: jobId, batchKind: 'cashback', error: expect.stringMatching(/^5\d{3}: /) });
			expect(String(item.json.description)).toContain(`Batch job ${String(jobId)} was created and Gameball runs it, so this item may have been applied`);
		}
	});

	it('still repeats a customers job after a 5xx: upserting twice is harmless', async () => {
		sim.setFaults({ errorRate5xx: 1 });
		const before = sent('POST', '/batch/customers');
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'always' } }, people, true);
		expect(sent('POST', '/batch/customers') - before).toBe(5);
	});

	it('with Continue On Fail, fails an item that cannot be built as a batch failure, and sends the others', async () => {
		const mixed = people.map(({ id }) => ({ id: `mixed-${id}` }));
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'never' } }, mixed);
		const { outputs, error } = await runGameball(credentials, { ...cashback, amount: '={{ $json.id === "mixed-cb-1" ? "lots" : 10 }}' }, mixed, true);
		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => [item.json.success, item.json.batchKind, item.pairedItem])).toEqual([
			[true, 'cashback', { item: 0 }],
			[false, 'cashback', { item: 1 }],
			[true, 'cashback', { item: 2 }],
		]);
		expect(outputs[0][1].json.error).toBe('"Amount" must be a number (got "lots")');
	});

	it('stops on an item that cannot be built before sending any job, without Continue On Fail', async () => {
		const before = sent('POST', '/batch/');
		const { error } = await runGameball(credentials, { ...cashback, amount: '={{ $json.id === "cb-2" ? "lots" : 10 }}' }, people);
		expect(error?.message).toBe('"Amount" must be a number (got "lots")');
		expect(error?.context?.itemIndex).toBe(2);
		expect(sent('POST', '/batch/')).toBe(before);
	});
});

describe('single calls that cost or earn points are not repeated blindly', () => {
	it.each([
		['coupon', { resource: 'coupon', operation: 'createPredefined', customerId: 'c-once', ruleId: 1 }, '/coupons/predefined'],
		['event', { resource: 'event', operation: 'send', customerId: 'c-once', eventName: 'review_posted' }, '/integrations/events'],
		['social challenge', { resource: 'customer', operation: 'achieveSocialChallenge', customerId: 'c-once', challengeId: 104 }, '/customers/social-challenges'],
		['coupon burn', { resource: 'coupon', operation: 'burn', customerId: 'c-once', additionalFields: { coupons: 'ONCE-1' } }, '/coupons/burn'],
		['order reversal', { resource: 'order', operation: 'reverseTransactions', orderId: 'o-once' }, '/orders/o-once/transactions', 'DELETE'],
	])('%s: one attempt after a 5xx', async (_label, parameters, path, method = 'POST') => {
		sim.setFaults({ errorRate5xx: 1, applyBeforeFault: false });
		const before = sent(method, path);
		const { error } = await runGameball(credentials, parameters);
		expect(error?.description ?? '').toContain('may or may not have been applied');
		expect(sent(method, path) - before).toBe(1);
	});
});

describe('status entries that do not say which item they are for', () => {
	let bare: Simulator;
	let bareCredentials: GameballCredentials;

	beforeAll(async () => {
		({ sim: bare, credentials: bareCredentials } = await simulatorFor({ batchResultIndexes: false }));
		const people = [{ id: 'rich' }, { id: 'poor' }];
		await runGameball(bareCredentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'never' } }, people);
		const fund = { resource: 'transaction', operation: 'manualAdjustment', customerId: 'rich', transactionId: 'fund-rich', username: 'ops', reason: 'fund', additionalFields: { points: 100 } };
		expect((await runGameball(bareCredentials, fund)).error).toBeUndefined();
	});
	afterAll(async () => await bare.stop());

	const redeem = (prefix: string) => ({
		resource: 'transaction',
		operation: 'redeem',
		customerId: '={{ $json.id }}',
		transactionId: `=${prefix}-{{ $json.id }}`,
		additionalFields: { points: 50 },
		batching: { mode: 'always', pollSeconds: 0.1 },
	});

	it('a job where one applied and one failed: both say they may have been applied, neither is guessed', async () => {
		const { outputs } = await runGameball(bareCredentials, redeem('mixed'), [{ id: 'rich' }, { id: 'poor' }], true);
		expect(outputs[0].map((item) => item.json.success)).toEqual([false, false]);
		for (const item of outputs[0]) expect(item.json.error).toMatch(/reported 1 failed entries without saying which; this item may have failed or been applied/);
		expect(outputs[0].map((item) => item.json.mayHaveBeenApplied)).toEqual([true, true]);
		expect(bare.ledger().filter((entry) => entry.transactionId === 'mixed-rich')).toHaveLength(1);
	});

	it('a job where every item applied: each gets its result by position', async () => {
		const { outputs, error } = await runGameball(bareCredentials, redeem('all'), [{ id: 'rich' }]);
		expect(error).toBeUndefined();
		const { success, batchJobId, batchKind, ...entry } = outputs[0][0].json;
		expect({ success, batchKind, batchJobId: typeof batchJobId }).toEqual({ success: true, batchKind: 'redeem', batchJobId: 'string' });
		expect(Object.keys(entry).length).toBeGreaterThan(0);
	});
});
