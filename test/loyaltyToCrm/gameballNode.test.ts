/** Customers read by the Gameball node (against the simulator), fed into Loyalty to CRM. */
import type { INodeParameters } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator';
import { runNode, type Credentials } from '../harness/run';
import { OUTPUT, runLoyalty } from './helpers';

let sim: Simulator;
let credentials: Credentials;

async function runGameball(with_: Credentials, parameters: INodeParameters) {
	return await runNode({ type: 'gameball', parameters, credentials: with_ }, [{}]);
}

beforeAll(async () => {
	sim = await startSimulator({});
	credentials = { gameballApi: { apiKey: sim.apiKey, secretKey: sim.secretKey, apiVersion: 'v4.0', baseUrl: sim.url } };
	const { error } = await runGameball(credentials, {
		resource: 'customer',
		operation: 'createOrUpdate',
		customerId: 'crm-1',
		additionalFields: { email: 'crm-1@example.com', firstName: 'Ada', lastName: 'Lovelace', mobile: '+201000000001' },
	});
	expect(error).toBeUndefined();
});
afterAll(async () => await sim.stop());

test.each(['get', 'getDetails'])('Gameball node customer %s output upserts a contact', async (operation) => {
	const read = await runGameball(credentials, { resource: 'customer', operation, customerId: 'crm-1' });
	expect(read.error).toBeUndefined();
	const customers = read.outputs[0].map((item) => item.json);
	expect(customers).toHaveLength(1);

	const { outputs, error } = await runLoyalty({ matchBy: 'customerId' }, customers);
	expect(error).toBeUndefined();
	const [upsert] = outputs[OUTPUT.upsertContact];
	expect(upsert.pairedItem).toEqual({ item: 0 });
	expect(upsert.json.match).toMatchObject({ by: 'customerId', field: 'gameball_customer_id', value: 'crm-1' });
	const event = upsert.json.event as { source: string; sourceEvent: string; customer: { platformId: string | null } };
	expect(event.source).toBe('gameball');
	expect(event.sourceEvent).toBe('gameball.customer');
	expect(event.customer.platformId).toEqual(expect.any(String));
	if (operation === 'getDetails') expect(upsert.json.email).toBe('crm-1@example.com');
});

test('details, balance and tier progress merged by position (n8n Merge node) give tier and points', async () => {
	const read = async (operation: string) =>
		(await runGameball(credentials, { resource: 'customer', operation, customerId: 'crm-1' })).outputs[0][0].json;
	const merged = { ...(await read('getDetails')), ...(await read('getBalance')), ...(await read('getTierProgress')) };
	const { outputs } = await runLoyalty({ addTagOn: ['anyEvent'] }, [merged]);
	const [upsert] = outputs[OUTPUT.upsertContact];
	expect(upsert.json.properties).toMatchObject({
		gameball_tier: 'Bronze',
		gameball_tier_rank: 1,
		gameball_points_available: 0,
		gameball_points_total: 0,
		gameball_customer_id: 'crm-1',
	});
	expect(outputs[OUTPUT.addTag][0].json.tag).toBe('Loyalty: Bronze');
});
