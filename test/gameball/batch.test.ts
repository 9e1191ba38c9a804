import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'member' });
	await runGameball(credentials, { resource: 'order', operation: 'track', customerId: 'member', orderId: 'seed', totalPaid: 100 });
});
afterAll(async () => await sim.stop());

const batch = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'batch', operation, ...extra });
const lastRequest = (on: Simulator = sim) => on.requests[on.requests.length - 1];
const API = '/api/v4.0/integrations';
const at = '2026-11-01T10:00:00Z';

/** Creates a job from `entries` (through the parameter's default, `{{ $json.entries }}`) and waits for it. */
async function runJob(kind: string, entries: unknown[], on = { sim, credentials }) {
	const created = await runGameball(on.credentials, batch('createJob', { kind }), [{ entries } as IDataObject]);
	expect(created.error).toBeUndefined();
	const job = created.outputs[0][0];
	const waited = await runGameball(on.credentials, batch('waitUntilFinished', { options: { pollSeconds: 0.1 } }), [job.json]);
	expect(waited.error).toBeUndefined();
	return { job: job.json, status: waited.outputs[0][0].json };
}

const jobs: Array<[string, unknown[]]> = [
	['customers', [{ customerId: 'batch-customer', email: 'b@example.com' }]],
	['orders', [{ customerId: 'member', orderId: 'batch-order', orderDate: at, totalPaid: 30 }]],
	['orders/transactions', ['batch-order']],
	['balance-inquiry', [{ customerId: 'member' }]],
	['balance-adjustment', [{ customerId: 'member', amount: 10, reason: 'Goodwill' }]],
	['cashback', [{ customerId: 'member', transactionId: 'batch-cashback', transactionTime: at, amount: 20 }]],
	['redeem', [{ customerId: 'member', transactionId: 'batch-redeem', transactionTime: at, points: 5 }]],
	['events', [{ customerId: 'member', events: { write_review: { rating: 5 } } }]],
];

describe('Batch', () => {
	it.each(jobs)('creates a %s job and waits until it has finished', async (kind, entries) => {
		const { job, status } = await runJob(kind, entries);
		const created = sim.requests.find((request) => request.method === 'POST' && request.path === `${API}/batch/${kind}`);
		expect(created?.body).toEqual({ body: entries });
		expect(job).toMatchObject({ jobId: expect.any(Number), kind, entries: 1 });
		expect(lastRequest().path).toBe(`${API}/batches/${String(job.jobId)}/status`);
		expect(status).toMatchObject({ jobId: String(job.jobId), state: 'completed', finished: true, total: 1, processed: 1, failed: 0, failures: [] });
		expect(status.successes).toEqual([{ index: 0, result: expect.objectContaining({ index: 0 }) }]);
	});

	it('reports per-entry failures of a finished job', async () => {
		const { status } = await runJob('balance-inquiry', [{ customerId: 'member' }, { customerId: 'nobody' }]);
		expect(status).toMatchObject({ state: 'completed', total: 2, failed: 1 });
		expect(status.successes).toEqual([{ index: 0, result: expect.objectContaining({ customerId: 'member' }) }]);
		expect(status.failures).toEqual([{ index: 1, code: 7000, message: expect.stringContaining('nobody') }]);
	});

	it('checks the entries of each item before sending anything', async () => {
		const before = sim.requests.length;
		const { outputs } = await runGameball(
			credentials,
			batch('createJob', { kind: 'cashback' }),
			[
				{ entries: { customerId: 'member' } },
				{ entries: [] },
				{ entries: Array.from({ length: 1001 }, (_, index) => ({ customerId: `c${index}` })) },
				{ entries: [{ customerId: 'member', transactionId: 't', transactionTime: at, amount: 1 }, { customerId: 'member' }] },
				{ entries: '[not json' },
			],
			true,
		);
		expect(outputs[0].map((item) => item.json.error)).toEqual([
			'"Entries" must be a JSON array, not object',
			'"Entries" is an empty array: a batch job needs at least one entry',
			'"Entries" has 1001 entries; Gameball takes at most 1000 per job',
			'Entry 1 of "Entries" lacks "transactionId", "transactionTime", "amount"',
			expect.stringMatching(/^"Entries" is not valid JSON/),
		]);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(sim.requests.length).toBe(before);

		const objects = await runGameball(credentials, batch('createJob', { kind: 'orders/transactions' }), [{ entries: [{ orderId: 'o' }] }]);
		expect(objects.error?.message).toBe('Entry 0 of "Entries" must be an order ID (a string), not object');
		const oddKind = await runGameball(credentials, batch('createJob', { kind: '={{ { a: 1 } }}' }), [{ entries: [{ customerId: 'c' }] }]);
		expect(oddKind.error?.message).toBe('"Kind" must be one of balance-adjustment, balance-inquiry, cashback, customers, events, orders/transactions, orders, redeem (got {"a":1})');
	});

	it("checks each entry's fields against the types Gameball documents, typing numbers and IDs written the other way", async () => {
		const before = sim.requests.length;
		const cashback = (entry: Record<string, unknown>) => ({ entries: [{ customerId: 'member', transactionId: 't', transactionTime: at, amount: 1, ...entry }] });
		const { outputs } = await runGameball(
			credentials,
			batch('createJob', { kind: 'cashback' }),
			[cashback({ amount: 'ten' }), cashback({ transactionTime: '2026-01-31' }), cashback({ transactionTime: '2026-01-31T10:00:00' }), cashback({ transactionId: { id: 1 } }), cashback({ customerId: null, amount: ' ' })],
			true,
		);
		expect(outputs[0].map((item) => item.json.error)).toEqual([
			'Entry 0 of "Entries" has "amount" "ten": it must be a number',
			'Entry 0 of "Entries" has "transactionTime" "2026-01-31": it must be a date and time with its zone, e.g. "2026-01-31T10:00:00Z"',
			'Entry 0 of "Entries" has "transactionTime" "2026-01-31T10:00:00": it must be a date and time with its zone, e.g. "2026-01-31T10:00:00Z"',
			// A list or an object is shown by its kind only: it could hold a device token.
			'Entry 0 of "Entries" has "transactionId" an object: it must be text',
			'Entry 0 of "Entries" lacks "customerId", "amount"',
		]);
		const customers = await runGameball(
			credentials,
			batch('createJob', { kind: 'customers' }),
			[
				{ entries: [{ customerId: 'c', deviceToken: ['device-token-secret-123'] }] },
				{ entries: [{ customerId: 'c', guest: 'yes' }] },
				{ entries: [{ customerId: 'c', constructor: 'x' }] },
			],
			true,
		);
		expect(customers.outputs[0].map((item) => item.json.error)).toEqual([
			'Entry 0 of "Entries" has "deviceToken" an array: it must be text',
			'Entry 0 of "Entries" has "guest" "yes": it must be true or false',
			'Entry 0 of "Entries" has "constructor": Customers entries take only "customerId", "email", "mobile", "guest", "referrerCode", "deviceToken", "osType", "customerAttributes"',
		]);
		// As the single operations: no seconds is no RFC 3339 time; a refund of money below 0, a redeem of 0 points, an
		// adjustment of nothing, or a redeem of points and an amount at once, are refused before the job is made.
		const redeem = (entry: Record<string, unknown>) => ({ entries: [{ customerId: 'member', transactionId: 'r', transactionTime: at, ...entry }] });
		const refused = async (kind: string, input: IDataObject) => (await runGameball(credentials, batch('createJob', { kind }), [input])).error?.message;
		expect(await refused('cashback', cashback({ transactionTime: '2026-11-01T10:00Z' }))).toBe('Entry 0 of "Entries" has "transactionTime" "2026-11-01T10:00Z": it must be a date and time with its zone, e.g. "2026-01-31T10:00:00Z"');
		expect(await refused('cashback', cashback({ amount: -5 }))).toBe('Entry 0 of "Entries" has "amount" -5: it must be more than 0');
		expect(await refused('cashback', cashback({ amount: 0 }))).toBe('Entry 0 of "Entries" has "amount" 0: it must be more than 0');
		expect(await refused('orders', { entries: [{ customerId: 'member', orderId: 'o', orderDate: at, totalPaid: -5 }] })).toBe('Entry 0 of "Entries" has "totalPaid" -5: it must be 0 or more');
		expect(await refused('redeem', redeem({ points: 0 }))).toBe('Entry 0 of "Entries" has "points" 0: it must be more than 0');
		expect(await refused('redeem', redeem({ points: 5, amount: 2 }))).toBe('Entry 0 of "Entries" has "points" and "amount": it needs exactly one of them');
		expect(await refused('redeem', redeem({ points: null }))).toBe('Entry 0 of "Entries" has none of "points", "amount" and "holdReference": it needs exactly one of them');
		expect(await refused('balance-adjustment', { entries: [{ customerId: 'member', amount: 0 }] })).toBe('Entry 0 of "Entries" has "amount" 0: it must add or take away points');
		expect(await refused('orders/transactions', { entries: [' '] })).toBe('Entry 0 of "Entries" is blank: it must be an order ID');
		const nan = await runGameball(credentials, batch('createJob', { kind: 'orders/transactions', entries: '={{ [NaN] }}' }), [{}]);
		expect(nan.error?.message).toBe('Entry 0 of "Entries" must be an order ID (a string), not NaN');
		const impossible = await runGameball(credentials, batch('createJob', { kind: 'cashback' }), [cashback({ transactionTime: '2026-02-30T10:00:00Z' })]);
		expect(impossible.error?.message).toBe('Entry 0 of "Entries" has "transactionTime" "2026-02-30T10:00:00Z": it must be a date and time with its zone, e.g. "2026-01-31T10:00:00Z"');
		const events = await runGameball(credentials, batch('createJob', { kind: 'events' }), [{ entries: [{ customerId: 'member', events: { login: 5 } }] }]);
		expect(events.error?.message).toBe('Entry 0 of "Entries" has "events › login" 5: an event\'s metadata must be a JSON object ({} for none)');
		const noEvents = await runGameball(credentials, batch('createJob', { kind: 'events' }), [{ entries: [{ customerId: 'member', events: {} }] }]);
		expect(noEvents.error?.message).toBe('Entry 0 of "Entries" has "events" {}: it needs at least one event, e.g. {"review_posted": {}}');
		// Event names trimmed as Send Event's: a blank one, or one given twice once trimmed, is refused.
		const eventsOf = async (events: IDataObject) => (await runGameball(credentials, batch('createJob', { kind: 'events' }), [{ entries: [{ customerId: 'member', events }] }])).error?.message;
		expect(await eventsOf({ ' ': {} })).toBe('Entry 0 of "Entries" has "events" with a blank event name');
		expect(await eventsOf({ purchase: {}, 'purchase ': {} })).toBe('Entry 0 of "Entries" has "events" with the event "purchase" twice');
		// Past 2^53 a whole number is not sent exactly.
		expect(await refused('redeem', redeem({ points: '99999999999999999999' }))).toBe('Entry 0 of "Entries" has "points" "99999999999999999999": it must be a whole number JavaScript holds exactly (under 2^53)');
		// As single Redeem: a blank hold reference is none, and an amount of 0 is refused.
		expect(await refused('redeem', redeem({ holdReference: '   ' }))).toBe('Entry 0 of "Entries" has none of "points", "amount" and "holdReference": it needs exactly one of them');
		expect(await refused('redeem', redeem({ amount: 0 }))).toBe('Entry 0 of "Entries" has "amount" 0: it must be more than 0');
		const nanId = await runGameball(credentials, batch('createJob', { kind: 'cashback', entries: '={{ [{ customerId: "member", transactionId: NaN, transactionTime: "2026-11-01T10:00:00Z", amount: 1 }] }}' }), [{}]);
		expect(nanId.error?.message).toBe('Entry 0 of "Entries" has "transactionId" NaN: it must be text');
		expect(sim.requests.length).toBe(before);

		const input = { entries: [{ customerId: 42, transactionId: 't-typed', transactionTime: at, amount: '12.5' }] };
		const typed = await runGameball(credentials, batch('createJob', { kind: 'cashback' }), [input]);
		expect(typed.error).toBeUndefined();
		expect(lastRequest().body).toEqual({ body: [{ customerId: '42', transactionId: 't-typed', transactionTime: at, amount: 12.5 }] });
		// The input item keeps its own values.
		expect(input.entries[0]).toEqual({ customerId: 42, transactionId: 't-typed', transactionTime: at, amount: '12.5' });
		// An optional field given as null is not sent; a time is sent without end spaces, a switch written as text as one.
		await runGameball(credentials, batch('createJob', { kind: 'customers' }), [{ entries: [{ customerId: 'c-null', email: null, guest: 'true' }] }]);
		expect(lastRequest().body).toEqual({ body: [{ customerId: 'c-null', guest: true }] });
		await runGameball(credentials, batch('createJob', { kind: 'cashback' }), [cashback({ transactionId: 't-spaced', transactionTime: ` ${at} ` })]);
		expect(lastRequest().body).toMatchObject({ body: [{ transactionTime: at }] });
		await runGameball(credentials, batch('createJob', { kind: 'events' }), [{ entries: [{ customerId: 'member', events: { ' review ': { rating: 4 } } }] }]);
		expect(lastRequest().body).toEqual({ body: [{ customerId: 'member', events: { review: { rating: 4 } } }] });
	});

	it('refuses a field the kind does not take (Gameball would ignore it), and types the attributes of a Customers entry', async () => {
		const before = sim.requests.length;
		const refused = async (kind: string, entry: unknown) => (await runGameball(credentials, batch('createJob', { kind }), [{ entries: [entry] }])).error?.message;
		// Line items belong to Track Order; an Orders job takes only these four.
		expect(await refused('orders', { customerId: 'member', orderId: 'o', orderDate: at, totalPaid: 5, lineItems: [] })).toBe(
			'Entry 0 of "Entries" has "lineItems": Orders entries take only "customerId", "orderId", "orderDate", "totalPaid"',
		);
		// A misspelt optional field would be lost unseen.
		expect(await refused('balance-adjustment', { customerId: 'member', amount: 5, reson: 'Goodwill' })).toBe(
			'Entry 0 of "Entries" has "reson": Balance Adjustment entries take only "customerId", "amount", "reason"',
		);
		expect(await refused('customers', { customerId: 'c', customerAttributes: { displayname: 'Ann' } })).toMatch(
			/^Entry 0 of "Entries" has "customerAttributes › displayname": customer attributes take only "displayName", /,
		);
		expect(await refused('customers', { customerId: 'c', customerAttributes: { totalOrders: 2.5 } })).toBe(
			'Entry 0 of "Entries" has "customerAttributes › totalOrders" 2.5: it must be a whole number',
		);
		expect(await refused('customers', { customerId: 'c', customerAttributes: { utms: 'summer' } })).toBe(
			'Entry 0 of "Entries" has "customerAttributes › utms" "summer": it must be a JSON array',
		);
		expect(await refused('customers', { customerId: 'c', customerAttributes: { channel: 'email' } })).toBe(
			'Entry 0 of "Entries" has "customerAttributes › channel" "email": it must be one of "callcenter", "mobile", "pos", "web"',
		);
		expect(sim.requests.length).toBe(before);

		const attributes = { displayName: 'Ann', totalSpent: '120.5', zip: 12345, city: null, channel: 'web', custom: { vip: true } };
		const input = { entries: [{ customerId: 'c-attributes', customerAttributes: attributes }] };
		const typed = await runGameball(credentials, batch('createJob', { kind: 'customers' }), [input]);
		expect(typed.error).toBeUndefined();
		expect(lastRequest().body).toEqual({
			body: [{ customerId: 'c-attributes', customerAttributes: { displayName: 'Ann', totalSpent: 120.5, zip: '12345', channel: 'web', custom: { vip: true } } }],
		});
		// Typed on a copy: the input item keeps its own attributes.
		expect(input.entries[0].customerAttributes).toEqual({ displayName: 'Ann', totalSpent: '120.5', zip: 12345, city: null, channel: 'web', custom: { vip: true } });

		// Text is trimmed and blank text left out, as the single operations read it; attributes left empty are none.
		await runGameball(credentials, batch('createJob', { kind: 'customers' }), [
			{ entries: [{ customerId: ' c-blank ', email: '  ', customerAttributes: { displayName: '  ', city: null } }] },
		]);
		expect(lastRequest().body).toEqual({ body: [{ customerId: 'c-blank' }] });
		await runGameball(credentials, batch('createJob', { kind: 'redeem' }), [
			{ entries: [{ customerId: 'member', transactionId: 'r-blank-hold', transactionTime: at, points: 5, holdReference: '' }] },
		]);
		expect(lastRequest().body).toEqual({ body: [{ customerId: 'member', transactionId: 'r-blank-hold', transactionTime: at, points: 5 }] });
		// So is a blank number, time or switch, and an empty list or object among the attributes.
		await runGameball(credentials, batch('createJob', { kind: 'customers' }), [
			{ entries: [{ customerId: 'c-empty', guest: ' ', customerAttributes: { totalSpent: '', lastOrderDate: '  ', utms: [], custom: {} } }] },
		]);
		expect(lastRequest().body).toEqual({ body: [{ customerId: 'c-empty' }] });
		await runGameball(credentials, batch('createJob', { kind: 'redeem' }), [
			{ entries: [{ customerId: 'member', transactionId: 'r-blank-amount', transactionTime: at, points: 5, amount: '' }] },
		]);
		expect(lastRequest().body).toEqual({ body: [{ customerId: 'member', transactionId: 'r-blank-amount', transactionTime: at, points: 5 }] });
		const undated = await refused('customers', { customerId: 'c', customerAttributes: { lastOrderDate: 'garbage' } });
		expect(undated).toBe('Entry 0 of "Entries" has "customerAttributes › lastOrderDate" "garbage": it must be a date and time with its zone, e.g. "2026-01-31T10:00:00Z"');
	});

	it('keeps a device token out of an entry error, wherever it sits in a wrong value', async () => {
		const token = 'device-token-secret-123456';
		const refused = async (kind: string, entry: unknown) => (await runGameball(credentials, batch('createJob', { kind }), [{ entries: [entry] }], true)).outputs[0][0].json.error as string;
		const errors = [
			await refused('customers', { customerId: 'c', customerAttributes: { devices: { deviceToken: token } } }),
			await refused('customers', { customerId: 'c', customerAttributes: { displayName: { deviceToken: token } } }),
			await refused('customers', { customerId: 'c', customerAttributes: [{ deviceToken: token }] }),
			await refused('events', { customerId: 'c', events: { login: [{ deviceToken: token }] } }),
		];
		expect(errors).toEqual([
			'Entry 0 of "Entries" has "customerAttributes › devices" an object: it must be a JSON array',
			'Entry 0 of "Entries" has "customerAttributes › displayName" an object: it must be text',
			'Entry 0 of "Entries" has "customerAttributes" an array: it must be a JSON object',
			'Entry 0 of "Entries" has "events › login" an array: an event\'s metadata must be a JSON object ({} for none)',
		]);
	});

	it('gets the status of a job in one shape, and reports an unknown job', async () => {
		const { job } = await runJob('customers', [{ customerId: 'status-customer' }]);
		const { outputs, error } = await runGameball(credentials, batch('getStatus', { batchId: String(job.jobId) }));
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`${API}/batches/${String(job.jobId)}/status`);
		expect(outputs[0][0].json).toMatchObject({ state: 'completed', finished: true, total: 1, processed: 1, failed: 0 });
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });

		const unknown = await runGameball(credentials, batch('getStatus', { batchId: '424242' }));
		expect(unknown.error?.message).toMatch(/^9030: /);
	});

	it('reads the tutorial status shape the same way', async () => {
		const tutorial = await simulatorFor({ batchStatusShape: 'tutorial' });
		try {
			await runGameball(tutorial.credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'member' });
			const { status } = await runJob('balance-inquiry', [{ customerId: 'member' }, { customerId: 'nobody' }], tutorial);
			expect(status).toMatchObject({ state: 'completed', finished: true, total: 2, processed: 2, failed: 1 });
			expect(status.failures).toEqual([{ index: 1, code: 7000, message: expect.any(String) }]);
		} finally {
			await tutorial.sim.stop();
		}
	});

	it('stops when the time limit passes with the job unfinished, and stops a running job', async () => {
		const slow = await simulatorFor({ batchItemDelayMs: 20 });
		try {
			const entries = Array.from({ length: 1000 }, (_, index) => ({ customerId: `slow-${index}` }));
			const created = await runGameball(slow.credentials, batch('createJob', { kind: 'customers', entries: JSON.stringify(entries) }));
			const jobId = String(created.outputs[0][0].json.jobId);

			const waited = await runGameball(slow.credentials, batch('waitUntilFinished', { batchId: jobId, options: { timeoutSeconds: 1, pollSeconds: 0.2 } }));
			expect(waited.error).toBeUndefined();
			expect(waited.outputs[0][0].json).toMatchObject({ state: 'running', finished: false, total: 1000 });

			const stopped = await runGameball(slow.credentials, batch('stop', { batchId: jobId }));
			expect(stopped.error).toBeUndefined();
			expect(lastRequest(slow.sim).method).toBe('POST');
			expect(lastRequest(slow.sim).path).toBe(`${API}/batches/${jobId}/stop`);
			expect(stopped.outputs[0][0].json).toMatchObject({ batchId: jobId });

			const after = await runGameball(slow.credentials, batch('waitUntilFinished', { batchId: jobId, options: { pollSeconds: 0.2 } }));
			expect(after.outputs[0][0].json).toMatchObject({ finished: true });
			expect(Number(after.outputs[0][0].json.processed)).toBeLessThan(1000);

			const unknown = await runGameball(slow.credentials, batch('stop', { batchId: '424242' }));
			expect(unknown.error?.message).toMatch(/^9030: /);
		} finally {
			await slow.sim.stop();
		}
	}, 30000);
});
