// Date and time fields: the editor's date picker gives a time without a zone, meant in the workflow's time zone.
import type { INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import { simulatorFor, type GameballCredentials } from '../harness/gameball';
import { runNode } from '../harness/run';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runNode({ type: 'gameball', parameters: { resource: 'customer', operation: 'createOrUpdate', customerId: 'tz-1' }, credentials }, [{}]);
});
afterAll(async () => await sim.stop());

const runIn = async (timezone: string, parameters: INodeParameters) =>
	await runNode({ type: 'gameball', parameters, credentials, timezone }, [{}]);
const lastRequest = () => sim.requests[sim.requests.length - 1];
const lastBody = () => lastRequest().body as Record<string, unknown>;

describe('a time without a zone is read in the workflow time zone', () => {
	it.each([
		['Asia/Tokyo', '2026-12-06T10:00:00', '2026-12-06T01:00:00.000Z'],
		['America/Los_Angeles', '2026-12-06T10:00:00', '2026-12-06T18:00:00.000Z'],
		['America/New_York', '2026-07-01T09:30:00', '2026-07-01T13:30:00.000Z'],
		['UTC', '2026-12-06 10:00', '2026-12-06T10:00:00.000Z'],
		['Asia/Tokyo', '2026-12-06', '2026-12-05T15:00:00.000Z'],
	])('Leaderboard From, workflow in %s: %s is sent as %s', async (timezone, from, sent) => {
		const { error } = await runIn(timezone, { resource: 'leaderboard', operation: 'get', filters: { from } });
		expect(error).toBeUndefined();
		expect(lastRequest().query.from).toBe(sent);
	});

	it.each([
		['2026-12-06T10:00:00Z', '2026-12-06T10:00:00.000Z'],
		['2026-12-06T10:00:00+02:00', '2026-12-06T08:00:00.000Z'],
		['2026-12-06T10:00:00.000-05:00', '2026-12-06T15:00:00.000Z'],
	])('a time with a zone or offset is read as given, whatever the workflow zone: %s', async (from, sent) => {
		await runIn('Asia/Tokyo', { resource: 'leaderboard', operation: 'get', filters: { from } });
		expect(lastRequest().query.from).toBe(sent);
	});

	it('Order > Track: the Order Date, in the body', async () => {
		const parameters = { resource: 'order', operation: 'track', customerId: 'tz-1', orderId: 'tz-o-1', totalPaid: 10, orderDate: '2026-12-06T10:00:00' };
		const { error } = await runIn('Europe/Berlin', parameters);
		expect(error).toBeUndefined();
		expect(lastBody().orderDate).toBe('2026-12-06T09:00:00.000Z');
	});

	it('Customer > Create or Update: the Last Order Date, converted as the other dates are', async () => {
		const additionalFields = { lastOrderDate: '2026-12-06T10:00:00' };
		const { error } = await runIn('Asia/Kolkata', { resource: 'customer', operation: 'createOrUpdate', customerId: 'tz-1', additionalFields });
		expect(error).toBeUndefined();
		expect(lastBody().customerAttributes).toEqual({ lastOrderDate: '2026-12-06T04:30:00.000Z' });
	});

	it('Customer > Create or Update: a Last Order Date that is no date stops the item before anything is sent', async () => {
		const before = sim.requests.length;
		const additionalFields = { lastOrderDate: 'next week' };
		const { error } = await runIn('UTC', { resource: 'customer', operation: 'createOrUpdate', customerId: 'tz-1', additionalFields });
		expect(error?.message).toBe('"Last Order Date" is not a valid date: next week');
		expect(sim.requests.length).toBe(before);
	});

	it.each(['01/02/2026 10:00', 'Jan 2 2026', '2026/01/02 10:00'])(
		'other text without a zone (%s) is refused, not read in the server time zone with a guessed day and month',
		async (from) => {
			const before = sim.requests.length;
			const { error } = await runIn('America/New_York', { resource: 'leaderboard', operation: 'get', filters: { from } });
			expect(error?.message).toBe(`"From" is not a valid date: ${from}`);
			expect((error as { description?: string }).description).toContain('Use ISO 8601');
			expect(sim.requests.length).toBe(before);
		},
	);

	it('a date of numbers not year first is refused with a zone too: its day and month would still be guessed', async () => {
		const before = sim.requests.length;
		const { error } = await runIn('UTC', { resource: 'leaderboard', operation: 'get', filters: { from: '01/02/2026 10:00 GMT' } });
		expect(error?.message).toBe('"From" is not a valid date: 01/02/2026 10:00 GMT');
		expect(sim.requests.length).toBe(before);
	});

	it('a JavaScript Date keeps its milliseconds', async () => {
		await runIn('Asia/Tokyo', { resource: 'leaderboard', operation: 'get', filters: { from: '={{ new Date("2026-12-06T10:00:00.123Z") }}' } });
		expect(lastRequest().query.from).toBe('2026-12-06T10:00:00.123Z');
	});

	it('other text naming its zone is still read (an HTTP date)', async () => {
		await runIn('Asia/Tokyo', { resource: 'leaderboard', operation: 'get', filters: { from: 'Sun, 06 Dec 2026 10:00:00 GMT' } });
		expect(lastRequest().query.from).toBe('2026-12-06T10:00:00.000Z');
	});

	it('a day that does not exist is refused, not rolled over into the next month', async () => {
		const { error } = await runIn('UTC', { resource: 'leaderboard', operation: 'get', filters: { from: '2026-02-30T10:00:00' } });
		expect(error?.message).toBe('"From" is not a valid date: 2026-02-30T10:00:00');
	});

	it('nor is one given with its zone (Date.parse alone reads 2026-02-30T10:00:00Z as 2 March)', async () => {
		const before = sim.requests.length;
		const { error } = await runIn('UTC', { resource: 'transaction', operation: 'cashback', customerId: 'tz-1', transactionId: 'feb-30', amount: 5, transactionTime: '2026-02-30T10:00:00Z' });
		expect(error?.message).toBe('"Transaction Time" is not a valid date: 2026-02-30T10:00:00Z');
		const offset = await runIn('UTC', { resource: 'leaderboard', operation: 'get', filters: { from: '2026-04-31T10:00:00+02:00' } });
		expect(offset.error?.message).toBe('"From" is not a valid date: 2026-04-31T10:00:00+02:00');
		expect(sim.requests.length).toBe(before);
	});
});

describe('a time an expression gives as NaN or null', () => {
	it('NaN is refused as no date before sending (it was sent as null or "NaN"), optional or not', async () => {
		const before = sim.requests.length;
		const cashback = await runIn('UTC', { resource: 'transaction', operation: 'cashback', customerId: 'tz-1', transactionId: 'nan-1', amount: 5, transactionTime: '={{ NaN }}' });
		expect(cashback.error?.message).toBe('"Transaction Time" is not a valid date: NaN');
		const from = await runIn('UTC', { resource: 'leaderboard', operation: 'get', filters: { from: '={{ NaN }}' } });
		expect(from.error?.message).toBe('"From" is not a valid date: NaN');
		expect(sim.requests.length).toBe(before);
	});

	it("null for Refund's required Transaction Time is refused as required (it was left out of the body)", async () => {
		const before = sim.requests.length;
		const refund = await runIn('UTC', {
			resource: 'transaction',
			operation: 'refund',
			customerId: 'tz-1',
			refundTransactionId: 'rf-null',
			reverseTransactionId: 't-null',
			transactionTime: '={{ null }}',
		});
		expect(refund.error?.message).toBe('"Transaction Time" is required');
		expect(sim.requests.length).toBe(before);
	});
});
