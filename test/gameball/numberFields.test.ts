// Number fields given by an expression arrive as text. Each must reach Gameball as the type the contract gives it:
// a number, and a whole number where the contract says integer, or stop the item with a clear error.
import { NodeOperationError } from 'n8n-workflow';

import type { ContractOperation, ContractSchema } from '../../simulator/contract';
import { checkValue } from '../../simulator/contract';
import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';
import { build, contextWith, contractOf, operationFields, type Field } from './operationFields';

/** Every number parameter, and every parameter the contract types as a number (IDs chosen from a list). */
function numberFields(): Field[] {
	return operationFields((property, operation) => {
		const { requestBody, queryParams } = contractOf(operation);
		const type = requestBody?.schema.properties?.[property.name]?.type ?? queryParams.find((param) => param.name === property.name)?.type;
		return property.type === 'number' || type === 'integer' || type === 'number';
	}, ['batch']);
}

/** Where `value` landed in the request, as a path of keys. */
function pathOf(tree: unknown, value: unknown, path: string[] = []): string[] | undefined {
	if (tree === value) return path;
	if (!tree || typeof tree !== 'object') return undefined;
	for (const [key, child] of Object.entries(tree)) {
		const found = pathOf(child, value, [...path, key]);
		if (found) return found;
	}
	return undefined;
}

function schemaAt(operation: ContractOperation, path: string[]): ContractSchema | undefined {
	const [place, name, ...rest] = path;
	if (place === 'qs') return queryParamSchema(operation, name);
	let schema = operation.requestBody?.schema;
	for (const key of [name, ...rest]) schema = /^\d+$/.test(key) ? schema?.items : schema?.properties?.[key];
	return schema;
}

function queryParamSchema(operation: ContractOperation, name: string): ContractSchema | undefined {
	const param = operation.queryParams.find((candidate) => candidate.name === name);
	return param && { type: param.type };
}

const fields = numberFields();

describe('number fields given as text', () => {
	it('finds the fields to check', () => {
		const labels = fields.map(({ label }) => label);
		expect(labels).toEqual(expect.arrayContaining(['coupon.createPredefined ruleId', 'transaction.redeem points', 'customer.createOrUpdate totalOrders']));
		expect(labels.length).toBeGreaterThan(40);
	});

	it.each(fields.map((field) => [field.label, field] as const))('%s is sent as the number the contract says', async (_label, field) => {
		const request = await build(field, ' 7 ');
		const path = pathOf(request, 7);
		expect(path).toBeDefined();
		const operation = contractOf(field.operation);
		const schema = schemaAt(operation, path!);
		expect(['integer', 'number']).toContain(schema?.type);
		if (request.body && operation.requestBody) expect(checkValue(operation.requestBody.schema, request.body, 'body')).toBeUndefined();

		const { displayName } = field.property;
		if (schema?.type === 'integer') {
			await expect(build(field, '7.5')).rejects.toThrow(`"${displayName}" must be a whole number (got 7.5)`);
		} else {
			expect(pathOf(await build(field, '7.5'), 7.5)).toEqual(path);
		}
		await expect(build(field, 'seven')).rejects.toThrow(new NodeOperationError(contextWith({}).getNode(), `"${displayName}" must be a number (got "seven")`));
	});
});

describe('through the node', () => {
	let sim: Simulator;
	let credentials: GameballCredentials;

	beforeAll(async () => {
		({ sim, credentials } = await simulatorFor());
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'numbers' });
		await runGameball(credentials, { resource: 'transaction', operation: 'cashback', customerId: 'numbers', transactionId: 'numbers-cb', amount: 500 });
	});
	afterAll(async () => await sim.stop());

	const last = () => sim.requests[sim.requests.length - 1];

	it('creates a predefined coupon from a rule ID given by an expression', async () => {
		const rule = sim.state.config.redemptionRules.find((candidate) => candidate.isActive)!;
		const { error } = await runGameball(credentials, { resource: 'coupon', operation: 'createPredefined', customerId: 'numbers', ruleId: `={{ "${rule.id}" }}` });
		expect(error).toBeUndefined();
		expect(last().body).toMatchObject({ ruleId: rule.id });
	});

	it('redeems points given by an expression', async () => {
		const params = { resource: 'transaction', operation: 'redeem', customerId: 'numbers', transactionId: 'numbers-r1', additionalFields: { points: '={{ "10" }}' } };
		const { error } = await runGameball(credentials, params);
		expect(error).toBeUndefined();
		expect(last().body).toMatchObject({ points: 10 });
	});

	it('refuses a fraction of a point before sending anything', async () => {
		const before = sim.requests.length;
		const params = { resource: 'transaction', operation: 'manualAdjustment', customerId: 'numbers', transactionId: 'numbers-m1', username: 'u', reason: 'r', additionalFields: { points: 10.5 } };
		const { error } = await runGameball(credentials, params);
		expect(error?.message).toBe('"Points" must be a whole number (got 10.5)');
		expect(sim.requests.length).toBe(before);
	});
});

describe('documented minimums', () => {
	it('every number field the contract gives a minimum refuses a value below it before anything is sent', async () => {
		const checked: string[] = [];
		for (const field of fields) {
			const path = pathOf(await build(field, ' 7 '), 7);
			const minimum = path && schemaAt(contractOf(field.operation), path)?.minimum;
			if (typeof minimum !== 'number') continue;
			checked.push(field.label);
			const below = minimum - 1;
			const refusal = await build(field, String(below)).then(() => 'sent', (error: Error) => error.message);
			expect([field.label, refusal]).toEqual([field.label, `"${field.property.displayName}" must be at least ${minimum} (got ${below})`]);
		}
		expect(checked).toEqual(expect.arrayContaining(['order.previewRewards totalPaid', 'payment.calculateCashback totalDiscount']));
	});
});
