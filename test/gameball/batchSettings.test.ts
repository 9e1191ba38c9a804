// Batching options and Wait Until Finished's options may come from expressions (or an AI agent): each is read as its
// option declares, and anything else stops the node by the option's name before a job is created or polled.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
});
afterAll(async () => await sim.stop());

const customers = (run: string, count: number): IDataObject[] => Array.from({ length: count }, (_, index) => ({ id: `${run}-${index}` }));
const upsert = (batching: INodeParameters) => ({ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching });

describe('Batching options from expressions', () => {
	it.each([
		[{ size: '={{ "ten" }}' }, '"Batch Size" must be a number (got "ten")'],
		[{ size: '={{ 5000 }}' }, '"Batch Size" must be at most 1000 (got 5000)'],
		[{ size: '={{ 0 }}' }, '"Batch Size" must be at least 1 (got 0)'],
		[{ size: '={{ 2.5 }}' }, '"Batch Size" must be a whole number (got 2.5)'],
		[{ threshold: '={{ "many" }}' }, '"Batch Threshold" must be a number (got "many")'],
		[{ mode: '={{ "sometimes" }}' }, '"Send in Batches" must be one of "auto", "always", "never" (got "sometimes")'],
		[{ pollSeconds: '={{ 0 }}' }, '"Poll Interval (Seconds)" must be at least 0.1 (got 0)'],
		[{ timeoutSeconds: '={{ "soon" }}' }, '"Time Limit (Seconds)" must be a number (got "soon")'],
		[{ waitForResults: '={{ "maybe" }}' }, '"Wait for Results" must be true or false (got "maybe")'],
	])('refuses %j by name, and sends nothing', async (batching, message) => {
		const before = sim.requests.length;
		const result = await runGameball(credentials, upsert({ mode: 'always', ...batching }), customers('refused', 3));
		expect(result.error?.message).toBe(message);
		expect(sim.requests.length).toBe(before);
	});

	it('reads "false" from an expression as off: the items come out queued, without waiting for the job', async () => {
		const result = await runGameball(credentials, upsert({ mode: 'always', waitForResults: '={{ "false" }}' }), customers('queued', 3));
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json.success)).toEqual([undefined, undefined, undefined]);
		expect(result.outputs[0].map((item) => item.json.batchJobId)).toEqual([expect.anything(), expect.anything(), expect.anything()]);
		expect(sim.requests.filter((request) => request.path.endsWith('/status'))).toEqual([]);
	});

	it('reads numbers given as text, and leaves a blank option at its default', async () => {
		const result = await runGameball(credentials, upsert({ mode: 'always', size: '={{ "2" }}', pollSeconds: '={{ "0.1" }}', timeoutSeconds: '' }), customers('text', 3));
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => [item.json.success, item.json.batchIndex])).toEqual([[true, 0], [true, 1], [true, 0]]);
	});
});

describe('Wait Until Finished options from expressions', () => {
	const wait = (options: INodeParameters) => ({ resource: 'batch', operation: 'waitUntilFinished', batchId: '1', options });

	it.each([
		[{ timeoutSeconds: '={{ "ten" }}' }, '"Time Limit (Seconds)" must be a number (got "ten")'],
		[{ pollSeconds: '={{ 0 }}' }, '"Poll Interval (Seconds)" must be at least 0.1 (got 0)'],
	])('refuses %j by name before polling', async (options, message) => {
		const before = sim.requests.length;
		const result = await runGameball(credentials, wait(options), [{}]);
		expect(result.error?.message).toBe(message);
		expect(sim.requests.length).toBe(before);
	});
});
