// "On Error: Continue (using error output)": n8n-core itself sorts the node's items between the success and the error
// output, so these runs go through its real WorkflowExecute with the node's `onError` set.
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';
import { withStandIn } from '../harness/standIn';
import { runNode } from '../harness/run';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const runWithOnError = (credentials: GameballCredentials, onError: INode['onError'], parameters: INodeParameters, items: IDataObject[]) =>
	runNode({ type: 'gameball', parameters, credentials, onError }, items);

const pairs = (items: INodeExecutionData[]) => items.map((item) => (item.pairedItem as { item: number }).item);

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
});
afterAll(async () => await sim.stop());

describe('failed items and the error output', () => {
	const getCustomer = { resource: 'customer', operation: 'get', customerId: '={{ $json.id }}' };

	beforeAll(async () => {
		await runWithOnError(credentials, 'stopWorkflow', { resource: 'customer', operation: 'createOrUpdate', customerId: 'known' }, [{}]);
	});

	it('sends failed single calls to the error output, paired, and the rest to the success output', async () => {
		const { outputs, error } = await runWithOnError(credentials, 'continueErrorOutput', getCustomer, [{ id: 'known' }, { id: 'nobody' }, { id: '' }]);
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(2);
		expect(outputs[0].map((item) => item.json.customerId)).toEqual(['known']);
		expect(pairs(outputs[0])).toEqual([0]);
		expect(outputs[1].map((item) => item.json)).toEqual([
			{ error: '7000: customer not found' },
			{ error: '"Customer ID" is required' },
		]);
		expect(pairs(outputs[1])).toEqual([1, 2]);
	});

	it('keeps every item on the one output, with its description and HTTP code, under "Continue (using regular output)"', async () => {
		const { outputs } = await runWithOnError(credentials, 'continueRegularOutput', getCustomer, [{ id: 'known' }, { id: 'nobody' }]);
		expect(outputs).toHaveLength(1);
		expect(pairs(outputs[0])).toEqual([0, 1]);
		expect(outputs[0][1].json).toEqual({
			error: '7000: customer not found',
			description: expect.stringContaining("Customer 'nobody' was not found"),
			httpCode: '404',
		});
		expect(outputs[0][1].error).toBeUndefined();
	});

	it('sends the failed items of a batch job to the error output, and its applied items to the success output', async () => {
		const items = Array.from({ length: 6 }, (_, i) => ({ id: i % 3 === 0 ? `ghost-${i}` : 'known', n: i }));
		// Cashback does not create customers (events do, as Gameball's live events endpoint does): the ghosts fail.
		const params = (run: string) => ({ resource: 'transaction', operation: 'cashback', customerId: '={{ $json.id }}', transactionId: `=${run}-{{ $json.n }}`, amount: 5, batching: { mode: 'always', pollSeconds: 0.1 } });
		const { outputs, error } = await runWithOnError(credentials, 'continueErrorOutput', params('EO'), items);
		expect(error).toBeUndefined();
		expect(pairs(outputs[0])).toEqual([1, 2, 4, 5]);
		expect(outputs[0].every((item) => item.json.success === true)).toBe(true);
		expect(pairs(outputs[1])).toEqual([0, 3]);
		expect(outputs[1].map((item) => item.json.error)).toEqual([expect.stringContaining('7000'), expect.stringContaining('7000')]);

		const regular = await runWithOnError(credentials, 'continueRegularOutput', params('RO'), items);
		expect(regular.outputs).toHaveLength(1);
		expect(pairs(regular.outputs[0])).toEqual([0, 1, 2, 3, 4, 5]);
		expect(regular.outputs[0][0].json).toEqual({
			success: false,
			batchJobId: expect.any(String),
			batchKind: 'cashback',
			batchIndex: 0,
			error: '7000: customer not found',
			// Gameball's words, then the advice a single call gives.
			description: "Customer 'ghost-0' was not found · Check the Customer ID. Operations that only read or reward a customer do not create one: create it first with Customer > Create or Update.",
		});
		expect(regular.outputs[0][3].json.batchIndex).toBe(3);
	});

	it('sends an item that cannot be built in batch mode to the error output, without putting it in a job', async () => {
		const before = sim.requests.filter((request) => request.path.endsWith('/batch/events')).length;
		const params = { resource: 'event', operation: 'send', customerId: '={{ $json.id }}', eventName: 'visit', batching: { mode: 'always', pollSeconds: 0.1 } };
		const { outputs } = await runWithOnError(credentials, 'continueErrorOutput', params, [{ id: 'known' }, { id: '' }]);
		expect(pairs(outputs[0])).toEqual([0]);
		expect(outputs[1].map((item) => item.json)).toEqual([{ error: '"Customer ID" is required' }]);
		expect(pairs(outputs[1])).toEqual([1]);
		const jobs = sim.requests.filter((request) => request.path.endsWith('/batch/events')).slice(before);
		expect(jobs.map((request) => (request.body as { body: unknown[] }).body.length)).toEqual([1]);
	});
});

describe('a write that stops at one item, Continue On Fail off', () => {
	const send = { resource: 'event', operation: 'send', customerId: '={{ $json.id }}', eventName: 'visit', batching: { mode: 'never' } };

	it('says the items before it were sent and succeeded, since running them again sends them twice', async () => {
		await withStandIn(({ n }) => (n < 3 ? { body: {} } : { status: 400, body: { code: 3000, message: 'bad event' } }), async (stand) => {
			const { error } = await runGameball(stand.credentials, send, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
			expect(stand.calls()).toBe(3);
			expect(error?.context?.itemIndex).toBe(2);
			expect(error?.description).toContain('The 2 items before it were sent to Gameball and succeeded: leave them out when running again, or they are sent twice.');
		});
	});

	it('says nothing of the kind for a read, or for the first item', async () => {
		await withStandIn(({ n }) => (n < 2 ? { body: { customerId: 'a' } } : { status: 404, body: { code: 7000, message: 'not found' } }), async (stand) => {
			const read = await runGameball(stand.credentials, { resource: 'customer', operation: 'get', customerId: '={{ $json.id }}' }, [{ id: 'a' }, { id: 'b' }]);
			expect(read.error?.context?.itemIndex).toBe(1);
			expect(read.error?.description ?? '').not.toContain('before it');
			const first = await runGameball(stand.credentials, send, [{ id: 'c' }]);
			expect(first.error?.description ?? '').not.toContain('before it');
		});
	});
});

describe('the items-before note, where it does not belong', () => {
	it('is not given for a POST that changes nothing (a preview), whose repeat is harmless', async () => {
		await withStandIn(({ n }) => (n < 3 ? { body: { rewards: [] } } : { status: 400, body: { code: 3000, message: 'bad' } }), async (stand) => {
			const preview = { resource: 'event', operation: 'previewRewards', customerId: '={{ $json.id }}', eventName: 'visit' };
			const { error } = await runGameball(stand.credentials, preview, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
			expect(error?.context?.itemIndex).toBe(2);
			expect(error?.description ?? '').not.toContain('before it');
		});
	});

	it('does not count an earlier item that failed (Continue On Fail) when a stop ends the run', async () => {
		let requests = 0;
		const server = createServer((request, response) => {
			request.resume();
			request.on('end', () => {
				requests += 1;
				if (requests === 1) response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 3000, message: 'bad event' }));
				else setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 2500);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const credentials = { gameballApi: { apiKey: 'k'.repeat(20), secretKey: 's'.repeat(20), apiVersion: 'v4.0', baseUrl } };
		try {
			const send = { resource: 'event', operation: 'send', customerId: '={{ $json.id }}', eventName: 'visit', batching: { mode: 'never' } };
			const result = await runNode({ type: 'gameball', parameters: send, credentials, continueOnFail: true, stopAfterMs: 800 }, [{ id: 'a' }, { id: 'b' }]);
			expect(result.error?.message).toMatch(/stopped/);
			expect(result.error?.description ?? '').not.toContain('before it');
		} finally {
			server.closeAllConnections();
			server.close();
		}
	}, 20000);
});

describe('a refusal of the whole run, and error items that may have been applied', () => {
	const cashbackAlways = { resource: 'transaction', operation: 'cashback', customerId: 'c1', transactionId: '={{ "t" + $itemIndex }}', amount: 5, batching: { mode: 'always' } };

	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)('fails every item under %s: none passes on as if it had succeeded', async (onError) => {
		const apiKeyOnly = { gameballApi: { ...credentials.gameballApi, secretKey: '' } };
		const sent = sim.requests.length;
		const { outputs, error } = await runWithOnError(apiKeyOnly, onError, cashbackAlways, [{ orderId: 'A' }, { orderId: 'B' }]);
		expect(error).toBeUndefined();
		const failed = onError === 'continueErrorOutput' ? outputs[1] : outputs[0];
		expect(failed.map((item) => [item.json.error, item.pairedItem])).toEqual([
			["Gameball's batch API needs the credential's Secret Key", { item: 0 }],
			["Gameball's batch API needs the credential's Secret Key", { item: 1 }],
		]);
		// Batch failures, as an item refused while its job is built: a Filter on `success` finds them (n8n keeps only
		// `error` on the error output).
		if (onError === 'continueRegularOutput') expect(failed.map((item) => [item.json.success, item.json.batchKind])).toEqual(Array(2).fill([false, 'cashback']));
		if (onError === 'continueErrorOutput') expect(outputs[0]).toEqual([]);
		expect(sim.requests.length).toBe(sent);
	});

	it('marks a Batch > Create Job item whose points-moving job may exist with mayHaveBeenApplied, as batch mode does', async () => {
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'cj-1', batching: { mode: 'never' } });
		sim.setFaults({ errorRate5xx: 1, applyBeforeFault: true, applyBeforeFaultRate: 1 });
		const createJob = { resource: 'batch', operation: 'createJob', kind: 'balance-adjustment', entries: '[{"customerId":"cj-1","amount":50}]' };
		const { outputs } = await runGameball(credentials, createJob, [{}], true).finally(() => sim.setFaults(undefined));
		expect(outputs[0].map((item) => [item.json.mayHaveBeenApplied, item.pairedItem])).toEqual([[true, { item: 0 }]]);
	});

	it('names the items whose points-moving jobs may exist without an ID when Batch > Create Job stops', async () => {
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'cj-2', batching: { mode: 'never' } });
		// Every job creation is applied, then answered 5xx, a second on: item 0's ends at about 1 s, the stop comes while item 1's waits.
		sim.setFaults({ errorRate5xx: 1, applyBeforeFault: true, applyBeforeFaultRate: 1, latencyMs: 1000 });
		const parameters = { resource: 'batch', operation: 'createJob', kind: 'balance-adjustment', entries: '[{"customerId":"cj-2","amount":5}]' };
		const result = await runNode({ type: 'gameball', parameters, credentials, continueOnFail: true, stopAfterMs: 1500 }, [{}, {}]).finally(() => sim.setFaults(undefined));
		expect(result.error?.message).toMatch(/stopped/);
		expect(result.error?.description).toContain('Gameball may also have jobs, with no ID to check them by, from item 0.');
	});

	it('names only the jobs made when Batch > Create Job stops after an item that failed (Continue On Fail)', async () => {
		// Item 1's job is made at about 1 s; the stop comes while item 2's request waits.
		sim.setFaults({ latencyMs: 1000 });
		const items = [{ entries: 'not json' }, { entries: [{ customerId: 'sj-1' }] }, { entries: [{ customerId: 'sj-2' }] }];
		const parameters = { resource: 'batch', operation: 'createJob', kind: 'customers' };
		const result = await runNode({ type: 'gameball', parameters, credentials, continueOnFail: true, stopAfterMs: 1500 }, items).finally(() => sim.setFaults(undefined));
		expect(result.error?.message).toMatch(/stopped/);
		expect(result.error?.description).toMatch(/^.*Gameball already has the batch job \d+ \(item 1\) from the items before it/s);
		expect(result.error?.description).not.toContain('undefined');
	});
});
