/**
 * Text fields and dropdowns given by an expression (or an AI agent's `$fromAI`): a number for a text field is sent as
 * text, as the contract types it; a dropdown value outside its choices is refused by name before anything is sent.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;
beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'buyer' });
	await runGameball(credentials, { resource: 'transaction', operation: 'cashback', customerId: 'buyer', transactionId: 'seed', amount: 5000 });
});
afterAll(async () => await sim.stop());

const lastBody = () => sim.requests[sim.requests.length - 1].body as IDataObject;
const valueAt = (body: IDataObject, path: string) => path.split('.').reduce<unknown>((object, key) => (object as IDataObject | undefined)?.[key], body);

describe('a text field whose expression gives a number', () => {
	const cases: Array<[string, INodeParameters, string, string]> = [
		['Redeem > Mobile', { resource: 'transaction', operation: 'redeem', customerId: 'buyer', transactionId: 'r-m', additionalFields: { points: 1, mobile: '={{ $json.v }}' } }, 'mobile', '201001234567'],
		['Redeem > Hold Reference', { resource: 'transaction', operation: 'redeem', customerId: 'buyer', transactionId: 'r-h', additionalFields: { holdReference: '={{ $json.v }}' } }, 'holdReference', '201001234567'],
		['Hold > Rule ID', { resource: 'transaction', operation: 'hold', customerId: 'buyer', additionalFields: { ruleId: '={{ $json.v }}' } }, 'ruleId', '201001234567'],
		['Order > Track > Cart ID', { resource: 'order', operation: 'track', customerId: 'buyer', orderId: 'o-2', totalPaid: 10, additionalFields: { cartId: '={{ $json.v }}' } }, 'cartId', '201001234567'],
		['Coupon > Burn > Transaction ID', { resource: 'coupon', operation: 'burn', customerId: 'buyer', additionalFields: { coupons: 'X1', transactionId: '={{ $json.v }}' } }, 'transactionId', '201001234567'],
		['Create or Update > Mobile', { resource: 'customer', operation: 'createOrUpdate', customerId: 'buyer', additionalFields: { mobile: '={{ $json.v }}' } }, 'mobile', '201001234567'],
		['Create or Update > Zip', { resource: 'customer', operation: 'createOrUpdate', customerId: 'buyer', additionalFields: { zip: '={{ $json.v }}' } }, 'customerAttributes.zip', '201001234567'],
		['Create or Update > Referrer Code', { resource: 'customer', operation: 'createOrUpdate', customerId: 'buyer', additionalFields: { referrerCode: '={{ $json.v }}' } }, 'referrerCode', '201001234567'],
		['Event > Preview Rewards > Email', { resource: 'event', operation: 'previewRewards', customerId: 'buyer', eventName: 'purchase', additionalFields: { email: '={{ $json.v }}' } }, 'email', '201001234567'],
	];

	it.each(cases)('%s is sent as text', async (_label, parameters, field, expected) => {
		const sent = sim.requests.length;
		await runGameball(credentials, parameters, [{ v: 201001234567 }]);
		expect(sim.requests.length).toBe(sent + 1);
		expect(valueAt(lastBody(), field)).toBe(expected);
		// Gameball checked the types (a number here is a 400): a hold, rule or coupon the simulator lacks is a 404.
		expect(sim.requests[sim.requests.length - 1].status).not.toBe(400);
	});

	it('a date (a JavaScript Date from an expression) is sent as its ISO text, as before', async () => {
		const parameters = { resource: 'customer', operation: 'createOrUpdate', customerId: 'buyer', additionalFields: { dateOfBirth: '={{ new Date("1990-01-02T00:00:00Z") }}' } };
		const result = await runGameball(credentials, parameters, [{}]);
		expect(result.error).toBeUndefined();
		expect(valueAt(lastBody(), 'customerAttributes.dateOfBirth')).toBe('1990-01-02T00:00:00.000Z');
	});

	it('an object is refused by the field\'s name, before anything is sent', async () => {
		const sent = sim.requests.length;
		const parameters = { resource: 'transaction', operation: 'redeem', customerId: 'buyer', transactionId: 'r-o', additionalFields: { points: 1, mobile: '={{ $json.v }}' } };
		const result = await runGameball(credentials, parameters, [{ v: { number: 1 } }]);
		expect(result.error?.message).toBe('"Mobile" must be text (got object)');
		expect(sim.requests.length).toBe(sent);
	});
});

describe('a required or path text field whose expression gives a list, an object or a date', () => {
	// An agent or an expression that passes `$json.customer` instead of `$json.customer.id`.
	const cases: Array<[string, INodeParameters, IDataObject | string[] | number[], string]> = [
		['Create or Update > Customer ID (body)', { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.v }}' }, { id: 'c-42' }, '"Customer ID" must be text (got object)'],
		['Delete > Customer ID (path)', { resource: 'customer', operation: 'delete', customerId: '={{ $json.v }}' }, { id: 'c-42' }, '"Customer ID" must be text (got object)'],
		['Redeem > Customer ID', { resource: 'transaction', operation: 'redeem', customerId: '={{ $json.v }}', transactionId: 'r-l', additionalFields: { points: 1 } }, ['a', 'b'], '"Customer ID" must be text (got a list)'],
		['Event > Send > Event Name', { resource: 'event', operation: 'send', customerId: 'buyer', eventName: '={{ $json.v }}', batching: { mode: 'never' } }, { name: 'visit' }, '"Event Name" must be text (got object)'],
		['Batch > Get Status > Batch Job ID', { resource: 'batch', operation: 'getStatus', batchId: '={{ $json.v }}' }, [1], '"Batch Job ID" must be text (got a list)'],
	];

	it.each(cases)('%s: refused by name, before anything is sent', async (_label, parameters, value, message) => {
		const sent = sim.requests.length;
		const result = await runGameball(credentials, parameters, [{ v: value }]);
		expect(result.error?.message).toBe(message);
		expect(sim.requests.length).toBe(sent);
	});

	it('a date is sent as its ISO text, whatever the server time zone (not "Thu Jan 01 2026 ... GMT")', async () => {
		const parameters = { resource: 'transaction', operation: 'redeem', customerId: 'buyer', transactionId: '={{ new Date("2026-01-01T00:00:00Z") }}', additionalFields: { points: 1 } };
		const result = await runGameball(credentials, parameters, [{}]);
		expect(result.error).toBeUndefined();
		expect(lastBody().transactionId).toBe('2026-01-01T00:00:00.000Z');
	});
});

describe("n8n's $now (a Luxon DateTime) in a text or date field", () => {
	it('is read as its ISO text: a Transaction ID, an optional Order Date and a required Transaction Time', async () => {
		const track = { resource: 'order', operation: 'track', customerId: 'buyer', orderId: 'o-now', totalPaid: 10, orderDate: '={{ $now.minus({ hours: 1 }) }}' };
		expect((await runGameball(credentials, track, [{}])).error).toBeUndefined();
		expect(Math.abs(Date.parse(String(lastBody().orderDate)) - (Date.now() - 3_600_000))).toBeLessThan(60_000);
		const parameters = { resource: 'transaction', operation: 'redeem', customerId: 'buyer', transactionId: '={{ $now }}', transactionTime: '={{ $now }}', additionalFields: { points: 1 } };
		expect((await runGameball(credentials, parameters, [{}])).error).toBeUndefined();
		expect(String(lastBody().transactionId)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
		expect(String(lastBody().transactionTime)).toMatch(/Z$/);
	});
});

describe('an ID the OpenAPI document types as an integer, in the path', () => {
	it.each([
		['getStampsProgress', 'challengeId', 'Challenge Name or ID', 'Summer stamps'],
		['getStreakProgress', 'campaignId', 'Campaign Name or ID', '1.5'],
	])('%s: %s must be a whole number (a name or a fraction is refused by name before anything is sent)', async (operation, field, displayName, value) => {
		const sent = sim.requests.length;
		const result = await runGameball(credentials, { resource: 'customer', operation, customerId: 'buyer', [field]: value });
		expect(result.error?.message).toMatch(new RegExp(`^"${displayName}" must be a (whole )?number`));
		expect(sim.requests.length).toBe(sent);
	});

	it('a whole number given as text is sent', async () => {
		await runGameball(credentials, { resource: 'customer', operation: 'getStreakProgress', customerId: 'buyer', campaignId: ' 7 ' });
		expect(sim.requests[sim.requests.length - 1].path).toMatch(/\/customers\/buyer\/streaks\/7$/);
	});
});

describe('a dropdown whose expression gives a value it does not offer', () => {
	const cases: Array<[string, INodeParameters, string]> = [
		['Order > Track > Channel', { resource: 'order', operation: 'track', customerId: 'buyer', orderId: 'o-ch', totalPaid: 10, additionalFields: { channel: '={{ $json.v }}' } }, 'Channel'],
		['Payment > Track > Channel', { resource: 'payment', operation: 'track', customerId: 'buyer', paymentId: 'p-ch', totalPaid: 10, additionalFields: { channel: '={{ $json.v }}' } }, 'Channel'],
		['Create or Update > Channel', { resource: 'customer', operation: 'createOrUpdate', customerId: 'buyer', additionalFields: { channel: '={{ $json.v }}' } }, 'Channel'],
		['Transaction > Count > Status', { resource: 'transaction', operation: 'count', filters: { status: '={{ $json.v }}' } }, 'Status'],
	];

	it.each(cases)('%s is refused by name, listing the choices, before anything is sent', async (_label, parameters, displayName) => {
		const sent = sim.requests.length;
		const result = await runGameball(credentials, parameters, [{ v: 'Web' }]);
		expect(result.error?.message).toMatch(new RegExp(`^"${displayName}" must be one of .* \\(got "Web"\\)$`));
		expect(sim.requests.length).toBe(sent);
	});

	it.each([
		['empty text', { v: '' }],
		['null', { v: null }],
		['nothing', {}],
	])('an optional one whose expression gives %s is left out of a body, as before; as a filter it is refused (the count would be of every status)', async (_label, item) => {
		const sent = sim.requests.length;
		const order = await runGameball(credentials, { resource: 'order', operation: 'track', customerId: 'buyer', orderId: `o-none-${_label}`, totalPaid: 10, additionalFields: { channel: '={{ $json.v }}' } }, [item]);
		expect(order.error).toBeUndefined();
		expect(lastBody()).not.toHaveProperty('channel');
		const count = await runGameball(credentials, { resource: 'transaction', operation: 'count', filters: { status: '={{ $json.v }}' } }, [item]);
		expect(count.error?.message).toBe('"Status" is empty: to read without it, remove it from "Filters"');
		expect(sim.requests.length).toBe(sent + 1);
	});

	it('Create or Update leaves out a Channel whose expression gives blank text, as the other operations do', async () => {
		const sent = sim.requests.length;
		const result = await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'buyer', additionalFields: { city: 'Cairo', channel: '={{ $json.v }}' } }, [{ v: '  ' }]);
		expect(result.error).toBeUndefined();
		expect(sim.requests.length).toBe(sent + 1);
		expect(lastBody().customerAttributes).toEqual({ city: 'Cairo' });
	});

	it('a value it offers is sent', async () => {
		const result = await runGameball(credentials, { resource: 'order', operation: 'track', customerId: 'buyer', orderId: 'o-web', totalPaid: 10, additionalFields: { channel: '={{ $json.v }}' } }, [{ v: 'web' }]);
		expect(result.error).toBeUndefined();
		expect(lastBody().channel).toBe('web');
	});
});
