// "On Error: Continue (using error output)": n8n-core itself sorts the node's items between the success and the error
// output, so these runs go through its real WorkflowExecute with the node's `onError` set.
import type { IDataObject, INode, INodeExecutionData, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { simulatorFor } from '../harness/gameball';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import '../harness/deduplication';
import { PackageNodeTypes } from '../harness/nodeTypes';

const nodeTypes = new PackageNodeTypes();

async function runWithOnError(
	credentials: GameballCredentials,
	onError: INode['onError'],
	parameters: INodeParameters,
	items: IDataObject[],
): Promise<{ outputs: INodeExecutionData[][]; error?: Error }> {
	const node: INode = {
		id: 'gameball',
		name: 'Gameball',
		type: 'n8n-nodes-gameball.gameball',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		onError,
		credentials: { gameballApi: { id: 'gameball-credential', name: 'gameballApi' } },
	};
	const workflow = new Workflow({ id: 'error-output', nodes: [node], connections: {}, active: false, nodeTypes, staticData: {} });
	const hooks = new ExecutionLifecycleHooks('manual', 'error-output-run', {
		id: workflow.id,
		name: 'error output',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		executionId: 'error-output-run',
		variables: {},
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		currentNodeExecutionIndex: 0,
	} as unknown as IWorkflowExecuteAdditionalData;
	const runData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items.map((json) => ({ json }))] }, source: null }] },
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	const task = run.data.resultData.runData[node.name]?.[0];
	return { outputs: (task?.data?.main ?? []).map((output) => output ?? []), error: task?.error ?? run.data.resultData.error };
}

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
			{ error: 'The parameter "customerId" is required' },
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
		const items = Array.from({ length: 6 }, (_, i) => ({ id: i % 3 === 0 ? `ghost-${i}` : 'known' }));
		const params = { resource: 'event', operation: 'send', customerId: '={{ $json.id }}', eventName: 'visit', batching: { mode: 'always', pollSeconds: 0.1 } };
		const { outputs, error } = await runWithOnError(credentials, 'continueErrorOutput', params, items);
		expect(error).toBeUndefined();
		expect(pairs(outputs[0])).toEqual([1, 2, 4, 5]);
		expect(outputs[0].every((item) => item.json.success === true)).toBe(true);
		expect(pairs(outputs[1])).toEqual([0, 3]);
		expect(outputs[1].map((item) => item.json.error)).toEqual([expect.stringContaining('7000'), expect.stringContaining('7000')]);

		const regular = await runWithOnError(credentials, 'continueRegularOutput', params, items);
		expect(regular.outputs).toHaveLength(1);
		expect(pairs(regular.outputs[0])).toEqual([0, 1, 2, 3, 4, 5]);
		expect(regular.outputs[0][0].json).toEqual({ success: false, batchJobId: expect.any(String), batchKind: 'events', error: expect.stringContaining('7000') });
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
