// Gameball's batch API needs the Secret Key; Create or Update and Send Event alone need only the API key.
import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let withSecret: GameballCredentials;
let apiKeyOnly: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials: withSecret } = await simulatorFor());
	apiKeyOnly = { gameballApi: { ...withSecret.gameballApi, secretKey: '' } };
});
afterAll(async () => await sim.stop());

const customers = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}` }));
const upsert = { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { pollSeconds: 0.1 } };
const batchCalls = () => sim.requests.filter((request) => request.path.includes('/batch/')).length;

describe('batching and a credential without a Secret Key', () => {
	it('Above Threshold sends 50 customers one by one, and says why', async () => {
		const before = batchCalls();
		const { outputs, error, run } = await runGameball(apiKeyOnly, upsert, customers(50, 'key-only'));
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(50);
		expect(outputs[0].every((item) => item.json.error === undefined)).toBe(true);
		expect(batchCalls()).toBe(before);
		expect(sim.state.customers.has('key-only-49')).toBe(true);
		const hints = (run.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);
		expect(hints).toEqual([expect.stringContaining('needs the credential\'s Secret Key, and it has none: the 50 items were sent one by one')]);
	});

	it('Above Threshold sends 50 events one by one too', async () => {
		const before = batchCalls();
		const params = { resource: 'event', operation: 'send', customerId: '={{ $json.id }}', eventName: 'visit' };
		const { outputs, error } = await runGameball(apiKeyOnly, params, customers(50, 'key-only'));
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(50);
		expect(batchCalls()).toBe(before);
	});

	it('with the Secret Key, 50 customers still go in a job', async () => {
		const before = batchCalls();
		const { outputs, error, run } = await runGameball(withSecret, upsert, customers(50, 'with-secret'));
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(50);
		expect(batchCalls()).toBeGreaterThan(before);
		expect(run.data.resultData.runData['Node under test'][0].hints ?? []).toEqual([]);
	});

	it('Always stops before sending anything, naming the Secret Key', async () => {
		const before = sim.requests.length;
		const { error } = await runGameball(apiKeyOnly, { ...upsert, batching: { mode: 'always' } }, customers(3, 'always'));
		expect(error?.message).toBe("Gameball's batch API needs the credential's Secret Key");
		expect(error?.description).toContain('Set the Secret Key in the Gameball API credential');
		expect(sim.requests.length).toBe(before);
		expect(sim.state.customers.has('always-0')).toBe(false);
	});
});

describe('Create or Update with Tags and no Secret Key', () => {
	it('stops the item before saving the customer, since the tag call would be refused', async () => {
		const before = sim.requests.length;
		const params = { resource: 'customer', operation: 'createOrUpdate', customerId: 'untagged', additionalFields: { tags: 'vip' } };
		const { error } = await runGameball(apiKeyOnly, params);
		expect(error?.message).toBe('Tags need the Secret Key: set it in the Gameball API credential, or leave Tags empty. Nothing was sent.');
		expect(sim.requests.length).toBe(before);
		expect(sim.state.customers.has('untagged')).toBe(false);
		expect((await runGameball(withSecret, params)).error).toBeUndefined();
		expect(sim.state.customers.has('untagged')).toBe(true);
	});
});
