// Boolean fields given by an expression arrive as text. Each must reach Gameball as the boolean the contract says,
// or stop the item with a clear error: Gameball refuses "false" where it wants false.
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';
import { build, contractOf, operationFields, type Field } from './operationFields';

const fields = operationFields((property) => property.type === 'boolean');

/** Where the field is in the request, and the type the contract gives it there. */
function contractType(field: Field, request: { body?: IDataObject; qs?: IDataObject }) {
	const { requestBody, queryParams } = contractOf(field.operation);
	const { name } = field.property;
	if (request.qs && name in request.qs) return { value: request.qs[name], type: queryParams.find((param) => param.name === name)?.type };
	return { value: request.body?.[name], type: requestBody?.schema.properties?.[name]?.type };
}

describe('boolean fields given as text', () => {
	it('finds the fields to check', () => {
		const labels = fields.map(({ label }) => label);
		expect(labels).toEqual(expect.arrayContaining(['customer.setActivation isActive', 'customer.createOrUpdate guest', 'transaction.redeem ignoreOTP']));
		expect(labels.length).toBeGreaterThan(10);
	});

	it.each(fields.map((field) => [field.label, field] as const))('%s is sent as the boolean the contract says', async (_label, field) => {
		for (const [text, expected] of [[' false ', false], ['TRUE', true]] as const) {
			const sent = contractType(field, await build(field, text));
			expect(sent).toEqual({ value: expected, type: 'boolean' });
		}
		await expect(build(field, 'no')).rejects.toThrow(`"${field.property.displayName}" must be true or false (got "no")`);
	});
});

describe('through the node', () => {
	let sim: Simulator;
	let credentials: GameballCredentials;

	beforeAll(async () => {
		({ sim, credentials } = await simulatorFor());
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'flags' });
	});
	afterAll(async () => await sim.stop());

	const activation = { resource: 'customer', operation: 'setActivation', customerId: 'flags', isActive: '={{ $json.active }}' };

	it('deactivates a customer from an expression that gives the text "false"', async () => {
		const { outputs, error } = await runGameball(credentials, activation, [{ active: 'false' }]);
		expect(error).toBeUndefined();
		expect(sim.requests[sim.requests.length - 1].body).toEqual({ isActive: false });
		expect(outputs[0][0].json).toMatchObject({ customerId: 'flags', isActive: false });
	});

	it('reads Simplify and Return All given as the text "false" and "true" as booleans', async () => {
		const get = { resource: 'customer', operation: 'get', customerId: 'flags', simplify: '={{ $json.simplify }}' };
		const [simplified, raw] = (await runGameball(credentials, get, [{ simplify: 'true' }, { simplify: 'false' }])).outputs[0];
		// Simplify lifts the attributes to the top; the record as Gameball sends it keeps them nested.
		expect(raw.json).toHaveProperty('customerAttributes');
		expect(simplified.json).not.toHaveProperty('customerAttributes');
		expect((await runGameball(credentials, { ...get, simplify: true })).outputs[0][0].json).toEqual(simplified.json);

		for (let i = 0; i < 3; i++) await runGameball(credentials, { resource: 'event', operation: 'send', customerId: 'flags', eventName: `flag_${i}` });
		const list = { resource: 'customer', operation: 'getActivities', customerId: 'flags', returnAll: '={{ $json.all }}', limit: 1 };
		const { outputs } = await runGameball(credentials, list, [{ all: 'false' }]);
		expect(outputs[0]).toHaveLength(1);
		const { error } = await runGameball(credentials, list, [{ all: 'maybe' }]);
		expect(error?.message).toBe('"Return All" must be true or false (got "maybe")');
	});

	it('stops an item whose expression gives nothing, by name, before sending it', async () => {
		const before = sim.requests.length;
		const { outputs } = await runGameball(credentials, activation, [{}, { active: null }], true);
		expect(outputs[0].map((item) => item.json.error)).toEqual(['"Active" is required', '"Active" is required']);
		expect(sim.requests.length).toBe(before);
	});
});
