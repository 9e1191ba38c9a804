import type { Endpoint } from '../../nodes/Gameball/actions/operation';
import { resources } from '../../nodes/Gameball/actions/resources';
import { MAX_LENGTHS } from '../../nodes/Gameball/actions/stringLimits';
import type { Simulator } from '../../simulator';
import type { ContractSchema } from '../../simulator/contract';
import { loadContract } from '../../simulator/contract';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

const PREFIX = '/api/v4.0/integrations';

/** Every `maxLength` the contract gives, as `{ endpoint: { field: limit } }`; nested ones are listed apart. */
function contractLimits() {
	const limits: Record<string, Record<string, number>> = {};
	const nested: string[] = [];
	const walk = (schema: ContractSchema | undefined, where: string) => {
		for (const [name, child] of Object.entries(schema?.properties ?? {})) {
			if (child.maxLength !== undefined) nested.push(`${where}.${name}`);
			walk(child, `${where}.${name}`);
		}
		if (schema?.items) walk(schema.items, `${where}[]`);
		for (const option of schema?.oneOf ?? []) walk(option, where);
	};
	for (const operation of loadContract().operations) {
		const endpoint = `${operation.method} ${operation.path.slice(PREFIX.length)}`;
		const add = (field: string, limit: number | undefined) => {
			if (limit !== undefined) limits[endpoint] = { ...limits[endpoint], [field]: limit };
		};
		for (const param of operation.pathParams) add(param.name, param.maxLength);
		const body = operation.requestBody?.schema;
		const fields = [body, ...(body?.oneOf ?? [])].flatMap((schema) => Object.entries(schema?.properties ?? {}));
		for (const [name, child] of fields) {
			add(name, child.maxLength);
			walk(child, `${endpoint} ${name}`);
		}
	}
	return { limits, nested };
}

describe('string limits: the table', () => {
	it("holds every maxLength of Gameball's OpenAPI (derived contract), and no other", () => {
		const { limits, nested } = contractLimits();
		expect(Object.keys(limits).length).toBeGreaterThan(0);
		expect(MAX_LENGTHS).toEqual(limits);
		// A limit inside a nested object would need the check to walk the body: none is documented today.
		expect(nested).toEqual([]);
	});

	it('names only endpoints that an operation calls', () => {
		const endpoints = new Set<Endpoint>(resources.flatMap((resource) => resource.operations.map((operation) => operation.endpoint)));
		for (const endpoint of Object.keys(MAX_LENGTHS)) expect(endpoints).toContain(endpoint);
	});
});

describe('string limits: in a run', () => {
	let sim: Simulator;
	let credentials: GameballCredentials;
	beforeAll(async () => {
		({ sim, credentials } = await simulatorFor());
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'limits' });
		await runGameball(credentials, { resource: 'transaction', operation: 'cashback', customerId: 'limits', transactionId: 'limits-earn', amount: 100 });
	});
	afterAll(async () => await sim.stop());

	const redeem = (transactionId: string, reason: string) => ({
		resource: 'transaction',
		operation: 'redeem',
		customerId: 'limits',
		transactionId,
		additionalFields: { points: 1, reason },
	});

	it('refuses a Reason over 255 characters by its name, and sends nothing', async () => {
		const before = sim.requests.length;
		const result = await runGameball(credentials, redeem('limits-r1', 'r'.repeat(256)));
		expect(result.error?.message).toBe('"Reason" is 256 characters long: Gameball takes at most 255');
		expect(result.error?.description).toBe('Nothing was sent to Gameball.');
		expect(sim.requests.length).toBe(before);
		expect(sim.ledger().filter((entry) => entry.transactionId === 'limits-r1')).toHaveLength(0);
	});

	it('sends a Reason of exactly 255 characters, counted as characters, not UTF-16 units', async () => {
		expect((await runGameball(credentials, redeem('limits-r2', 'r'.repeat(255)))).error).toBeUndefined();
		const emoji = '🎁'.repeat(255); // 510 UTF-16 units
		expect((await runGameball(credentials, redeem('limits-r3', emoji))).error).toBeUndefined();
		expect(sim.ledger().filter((entry) => ['limits-r2', 'limits-r3'].includes(String(entry.transactionId)))).toHaveLength(2);
	});

	it('refuses a path parameter over its limit per item, and runs the others (Continue On Fail)', async () => {
		const longId = 'c'.repeat(101);
		const items = [{ id: longId }, { id: 'limits' }];
		const result = await runGameball(
			credentials,
			{ resource: 'customer', operation: 'setActivation', customerId: '={{ $json.id }}', isActive: true },
			items,
			true,
		);
		const [refused, sent] = result.outputs[0];
		expect(refused.json.error).toBe('"Customer ID" is 101 characters long: Gameball takes at most 100');
		expect(refused.pairedItem).toEqual({ item: 0 });
		expect(sent.json.error).toBeUndefined();
		expect(sent.pairedItem).toEqual({ item: 1 });
		expect(sim.requests.some((request) => request.path.includes(longId))).toBe(false);
	});

	it('refuses an over-long Customer ID in a reward preview', async () => {
		const result = await runGameball(credentials, { resource: 'event', operation: 'previewRewards', customerId: 'p'.repeat(101), eventName: 'review' });
		expect(result.error?.message).toBe('"Customer ID" is 101 characters long: Gameball takes at most 100');
	});
});

describe('string limits: the simulator', () => {
	it('refuses an over-long path parameter as Gameball documents it (3003)', async () => {
		const { validateRequest, isContractError } = await import('../../simulator/contract');
		const result = validateRequest('PUT', `${PREFIX}/customers/${'c'.repeat(101)}/activate`, {}, { isActive: true });
		expect(isContractError(result) && result.error).toMatchObject({ status: 400, code: 3003, field: 'customerId' });
		expect(isContractError(validateRequest('PUT', `${PREFIX}/customers/${'c'.repeat(100)}/activate`, {}, { isActive: true }))).toBe(false);
	});
});
