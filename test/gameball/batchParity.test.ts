// Batch mode gives each input item what per-item mode gives it: the same operations on the same inputs, both ways.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runGameball, simulatorFor } from '../harness/gameball';
import { resources } from '../../nodes/Gameball/actions/resources';

const at = '2026-11-01T10:00:00Z';
// The simulator's default Secret Key: a customer ID equal to it comes back in Gameball's "not found" message.
const SECRET = 'sim-secret-key';
const item = (fields: IDataObject) => fields;

interface Case {
	name: string;
	parameters: INodeParameters;
	items: IDataObject[];
}

// Every batchable operation, with items that succeed, fail at Gameball, are refused before sending, repeat, and
// come in no particular order of customer.
const cases: Case[] = [
	{
		name: 'customer createOrUpdate',
		parameters: { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', additionalFields: { guest: '={{ $json.guest }}' } },
		items: [item({ id: 'new-b', guest: 'false' }), item({ id: 'new-a', guest: 'maybe' }), item({ id: '', guest: 'true' }), item({ id: 'new-b', guest: 'true' })],
	},
	{
		name: 'customer getBalance',
		parameters: { resource: 'customer', operation: 'getBalance', customerId: '={{ $json.id }}' },
		items: [item({ id: 'p-2' }), item({ id: 'ghost' }), item({ id: SECRET }), item({ id: ' ' }), item({ id: 'p-0' }), item({ id: 'p-2' })],
	},
	{
		name: 'event send',
		parameters: { resource: 'event', operation: 'send', customerId: '={{ $json.id }}', eventName: '={{ $json.event }}' },
		items: [item({ id: 'p-1', event: 'visit' }), item({ id: 'p-0', event: '' }), item({ id: 'p-1', event: 'visit' }), item({ id: '', event: 'visit' })],
	},
	{
		name: 'order getTransactions',
		parameters: { resource: 'order', operation: 'getTransactions', orderId: '={{ $json.order }}' },
		items: [item({ order: 'o-1' }), item({ order: 'no-such-order' }), item({ order: '' }), item({ order: 'o-0' }), item({ order: 'o-1' })],
	},
	{
		name: 'order track',
		parameters: { resource: 'order', operation: 'track', customerId: '={{ $json.id }}', orderId: '={{ $json.order }}', orderDate: at, totalPaid: '={{ $json.paid }}' },
		items: [
			item({ id: 'p-1', order: 't-1', paid: 20 }),
			item({ id: 'ghost', order: 't-2', paid: 20 }),
			item({ id: 'p-0', order: 't-3', paid: -5 }),
			item({ id: 'p-1', order: 't-1', paid: 20 }),
		],
	},
	{
		name: 'transaction cashback',
		parameters: { resource: 'transaction', operation: 'cashback', customerId: '={{ $json.id }}', transactionId: '={{ $json.tx }}', amount: '={{ $json.amount }}', transactionTime: at },
		items: [
			item({ id: 'p-2', tx: 'c-1', amount: 30 }),
			item({ id: 'ghost', tx: 'c-2', amount: 30 }),
			item({ id: 'p-0', tx: 'c-3', amount: -1 }),
			item({ id: 'p-2', tx: 'c-1', amount: 30 }),
			item({ id: 'p-0', tx: 'c-4', amount: 10 }),
		],
	},
	{
		name: 'transaction redeem',
		parameters: { resource: 'transaction', operation: 'redeem', customerId: '={{ $json.id }}', transactionId: '={{ $json.tx }}', transactionTime: at, additionalFields: { points: '={{ $json.points }}' } },
		items: [
			item({ id: 'p-1', tx: 'r-1', points: 10 }),
			item({ id: 'p-0', tx: 'r-2', points: 1000000 }),
			item({ id: 'p-2', tx: 'r-3', points: 1.5 }),
			item({ id: 'p-1', tx: 'r-1', points: 10 }),
			item({ id: 'ghost', tx: 'r-4', points: 10 }),
		],
	},
	{
		name: 'transaction manualAdjustment',
		parameters: {
			resource: 'transaction',
			operation: 'manualAdjustment',
			customerId: '={{ $json.id }}',
			transactionId: '={{ $json.tx }}',
			username: 'ops',
			reason: '={{ $json.reason }}',
			transactionTime: at,
			additionalFields: { points: '={{ $json.points }}' },
		},
		items: [
			item({ id: 'p-2', tx: 'm-1', reason: 'Goodwill', points: 5 }),
			item({ id: 'ghost', tx: 'm-2', reason: 'Goodwill', points: 5 }),
			item({ id: 'p-0', tx: 'm-3', reason: '', points: 5 }),
			item({ id: 'p-1', tx: 'm-4', reason: 'Oops', points: -100000 }),
		],
	},
];

/** A simulator with the same customers, points and orders for each mode. */
async function seeded() {
	const { sim, credentials } = await simulatorFor();
	const people = ['p-0', 'p-1', 'p-2'].map((id) => ({ id }));
	const never = { mode: 'never' };
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: never }, people);
	await runGameball(
		credentials,
		{ resource: 'transaction', operation: 'manualAdjustment', customerId: '={{ $json.id }}', transactionId: '=seed-{{ $json.id }}', username: 'ops', reason: 'Seed', transactionTime: at, additionalFields: { points: 500 }, batching: never },
		people,
	);
	await runGameball(
		credentials,
		{ resource: 'order', operation: 'track', customerId: '={{ $json.id }}', orderId: '=o-{{ $json.n }}', orderDate: at, totalPaid: 100, batching: never },
		[{ id: 'p-0', n: 0 }, { id: 'p-1', n: 1 }],
	);
	return { sim, credentials };
}

const never = { mode: 'never' };
const always = { mode: 'always', pollSeconds: 0.1 };
type Run = Awaited<ReturnType<typeof runGameball>>;
type Json = IDataObject & { error?: string; description?: string };

async function bothWays(parameters: INodeParameters, items: IDataObject[], continueOnFail: boolean): Promise<[Run, Run]> {
	const [perItem, batched] = await Promise.all([seeded(), seeded()]);
	try {
		return await Promise.all([
			runGameball(perItem.credentials, { ...parameters, batching: never }, items, continueOnFail),
			runGameball(batched.credentials, { ...parameters, batching: always }, items, continueOnFail),
		]);
	} finally {
		await Promise.all([perItem.sim.stop(), batched.sim.stop()]);
	}
}

const pairing = (run: Run) => run.outputs[0].map((output) => (output.pairedItem as { item: number }).item);
const typesOf = (json: IDataObject) => Object.fromEntries(Object.entries(json).map(([key, value]) => [key, Array.isArray(value) ? 'array' : typeof value]));
/** What batch mode adds to a success (README "Limits, retries and batches"): the job, and the entry's own fields. */
const BATCH_ONLY = ['success', 'batchJobId', 'batchKind', 'batchIndex', 'customerId', 'created'];

describe.each(cases)('$name, per item and in a batch job', ({ parameters, items }) => {
	let perItem: Run;
	let batched: Run;
	beforeAll(async () => {
		[perItem, batched] = await bothWays(parameters, items, true);
	});

	it('gives the same input items the same outputs, paired the same way', () => {
		expect(batched.error).toBeUndefined();
		expect(perItem.error).toBeUndefined();
		expect(pairing(batched)).toEqual(pairing(perItem));
		const failed = (run: Run) => run.outputs[0].map((output) => output.json.error !== undefined);
		expect(failed(batched)).toEqual(failed(perItem));
		expect(failed(perItem)).toContain(true);
		expect(failed(perItem)).toContain(false);
	});

	it('gives a success the same fields, with the same types', () => {
		perItem.outputs[0].forEach((single, position) => {
			if (single.json.error !== undefined) return;
			const { json } = batched.outputs[0][position];
			expect(json).toMatchObject({ success: true, batchJobId: expect.any(String), batchKind: expect.any(String) });
			const own = Object.fromEntries(Object.entries(json).filter(([key]) => !BATCH_ONLY.includes(key) || key in single.json));
			expect(typesOf(own)).toEqual(typesOf(single.json));
		});
	});

	it('gives a failure the same message, and keeps Gameball\'s own words', () => {
		perItem.outputs[0].forEach((single, position) => {
			const one = single.json as Json;
			if (one.error === undefined) return;
			const batch = batched.outputs[0][position].json as Json;
			expect(batch.error).toBe(one.error);
			// Per item, the description adds Gameball's request ID, which a batch entry has none of.
			if (one.httpCode) expect(batch.description).toBe(String(one.description).replace(/ · Request ID: [^·]+?(?= · |$)/, ''));
			else expect(batch.description).toBe(one.description);
		});
	});

	it('puts no key in any output', () => {
		for (const run of [perItem, batched]) expect(JSON.stringify(run.outputs)).not.toContain(SECRET);
	});

	it('with Continue On Fail off, fails naming a failed item, and stops at a refused item before sending anything', async () => {
		const [single, batch] = await bothWays(parameters, items, false);
		const failedAt = perItem.outputs[0].filter((output) => output.json.error !== undefined).map((output) => (output.pairedItem as { item: number }).item);
		const refusedAt = perItem.outputs[0].findIndex((output) => output.json.error !== undefined && !output.json.httpCode);
		expect(single.error?.context?.itemIndex).toBe(failedAt[0]);
		expect(batch.error?.context?.itemIndex).toBe(refusedAt >= 0 ? refusedAt : failedAt[0]);
		if (refusedAt >= 0) expect(batch.error?.message).toBe((perItem.outputs[0][refusedAt].json as Json).error);
	});
});

it('covers every operation that has a batch form, none of which offers Simplify (batch mode does not apply it)', () => {
	const batchable = resources.flatMap((resource) => resource.operations.filter((operation) => operation.batch).map((operation) => ({ resource, operation })));
	expect(batchable.map(({ resource, operation }) => `${resource.value} ${operation.value}`).sort()).toEqual(cases.map(({ name }) => name).sort());
	expect(batchable.filter(({ operation }) => operation.simplify)).toEqual([]);
});
