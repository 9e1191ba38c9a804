// A required field whose expression gives nothing stops its item by name, before anything is sent: never 0, never
// an empty customer ID, event list or tag list.
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import type { GameballOperation } from '../../nodes/Gameball/actions/operation';
import { resources } from '../../nodes/Gameball/actions/resources';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'required' });
});
afterAll(async () => await sim.stop());

const callsTo = (suffix: string) => sim.requests.filter((request) => request.method !== 'GET' && request.path.endsWith(suffix)).length;

describe('required numbers', () => {
	it('refuses an amount whose expression gives null, nothing or blank text, instead of rewarding 0', async () => {
		const before = callsTo('/transactions/cashback');
		const params = { resource: 'transaction', operation: 'cashback', customerId: 'required', transactionId: '=cb-{{ $itemIndex }}', amount: '={{ $json.amount }}' };
		const { outputs } = await runGameball(credentials, params, [{ amount: null }, {}, { amount: '' }, { amount: ' ' }, { amount: '12.5' }], true);
		expect(outputs[0].map((item) => item.json.error)).toEqual([...Array(4).fill('"Amount" is required'), undefined]);
		expect(callsTo('/transactions/cashback') - before).toBe(1);
	});

	it('does not track an order with a total of 0, so its order ID stays free', async () => {
		const params = { resource: 'order', operation: 'track', customerId: 'required', orderId: 'order-1', totalPaid: '={{ $json.total }}' };
		const first = await runGameball(credentials, params, [{ total: null }]);
		expect(first.error?.message).toBe('"Total Paid" is required');
		const second = await runGameball(credentials, params, [{ total: 250 }]);
		expect(second.error).toBeUndefined();
		expect(second.outputs[0][0].json).toMatchObject({ customerId: 'required' });
	});
});

describe('hand-written requests', () => {
	const sendEvent = { resource: 'event', operation: 'send', customerId: '={{ $json.id }}', eventName: '={{ $json.event }}' };

	it.each([
		['Send', sendEvent, '/events'],
		['Preview Rewards', { ...sendEvent, operation: 'previewRewards' }, '/events/reward-preview'],
	])('Event > %s refuses an empty customer ID and a missing event name', async (_name, params, path) => {
		const before = callsTo(path);
		const { outputs } = await runGameball(credentials, params, [{ id: '', event: 'visit' }, { event: 'visit' }, { id: 'required', event: '' }], true);
		expect(outputs[0].map((item) => item.json.error)).toEqual(['"Customer ID" is required', '"Customer ID" is required', '"Event Name" is required']);
		expect(callsTo(path)).toBe(before);
	});

	it('Event > Send takes its events from More Events alone', async () => {
		const before = sim.requests.length;
		const { error } = await runGameball(credentials, { ...sendEvent, moreEvents: '{"visit": {}}' }, [{ id: 'required', event: '' }]);
		expect(error).toBeUndefined();
		const sent = sim.requests.slice(before);
		expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual(['POST /api/v4.0/integrations/events']);
		expect(sent[0].body).toEqual({ customerId: 'required', events: { visit: {} } });
	});

	it('Customer > Create or Update refuses an empty customer ID', async () => {
		const before = callsTo('/customers');
		const { error } = await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ "  " }}' });
		expect(error?.message).toBe('"Customer ID" is required');
		expect(callsTo('/customers')).toBe(before);
	});

	it.each(['addTags', 'removeTags'])('Customer > %s refuses tags that are only commas and spaces', async (operation) => {
		const before = callsTo('/tags');
		const { error } = await runGameball(credentials, { resource: 'customer', operation, customerId: 'required', tags: ' , ,' });
		expect(error?.message).toBe('"Tags" is required');
		expect(callsTo('/tags')).toBe(before);
	});

	it('Customer > Add Tags still sends tidy tags', async () => {
		const { error } = await runGameball(credentials, { resource: 'customer', operation: 'addTags', customerId: 'required', tags: ' vip, ,newsletter ' });
		expect(error).toBeUndefined();
		expect(sim.requests[sim.requests.length - 1].body).toEqual({ tags: 'vip,newsletter' });
	});

	it('in batch mode, an item without a customer ID fails alone and stays out of the job', async () => {
		const before = sim.requests.filter((request) => request.path.endsWith('/batch/customers')).length;
		const items = Array.from({ length: 60 }, (_, i) => ({ id: i === 7 ? '' : `required-batch-${i}` }));
		const params = { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { pollSeconds: 0.1 } };
		const { outputs } = await runGameball(credentials, params, items, true);
		expect(outputs[0][7].json).toEqual({ success: false, batchKind: 'customers', error: '"Customer ID" is required' });
		expect(outputs[0].filter((item) => item.json.success === true)).toHaveLength(59);
		const jobs = sim.requests.filter((request) => request.path.endsWith('/batch/customers')).slice(before);
		expect(jobs.map((request) => (request.body as { body: unknown[] }).body.length)).toEqual([59]);
	});
});

describe('path parameters', () => {
	/** A value for each other required parameter, so that only the path parameter is blank. */
	function otherRequired(operation: GameballOperation, blank: string): IDataObject {
		const values: IDataObject = {};
		for (const property of operation.properties) {
			if (!property.required || property.name === blank) continue;
			if (property.type === 'number') values[property.name] = 1;
			// A dropdown loaded from Gameball holds IDs: '1' suits one typed as text and one typed as an integer.
			else if (property.type === 'options') values[property.name] = (property.options?.[0] as { value?: string } | undefined)?.value ?? '1';
			else values[property.name] = 'x';
		}
		return values;
	}

	// Every operation whose path holds a parameter, with that parameter blank: named as its field, nothing sent.
	const withPathParameters = resources.flatMap((resource) =>
		resource.operations.flatMap((operation) =>
			[...operation.endpoint.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
				const field = operation.properties.find((property) => property.name === name);
				return [`${resource.value} > ${operation.value} (${name})`, resource.value, operation, name, field?.displayName] as const;
			}),
		),
	);

	it('covers the operations that address a customer, order, hold, coupon or batch job by path', () => {
		expect(withPathParameters.length).toBeGreaterThanOrEqual(25);
		expect(withPathParameters.filter(([, , , , displayName]) => displayName === undefined)).toEqual([]);
	});

	it.each(withPathParameters)('%s: a blank value stops the item by its field name', async (_label, resource, operation, name, displayName) => {
		const before = sim.requests.length;
		const params = { resource, operation: operation.value, ...otherRequired(operation, name), [name]: '={{ $json.value }}', batching: { mode: 'never' } };
		const { outputs } = await runGameball(credentials, params, [{ value: ' ' }, {}], true);
		expect(outputs[0].map((item) => item.json.error)).toEqual([`"${displayName}" is required`, `"${displayName}" is required`]);
		expect(sim.requests.length).toBe(before);
	});
});
