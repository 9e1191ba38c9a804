// Track Tier and Points Changes where its process also answers the workflow's Gameball deliveries: n8n's regular
// mode (one instance). Its first two executions can overlap: the second starts before the first is saved, so it
// loads no profiles. Each "process" is its own module registry; the trigger's real webhook() answers the deliveries.
import type { IDataObject } from 'n8n-workflow';

import { LOST_STATE_MESSAGE } from '../../nodes/GameballDeliveryGuard/lostState';
import { customerKey, recallCustomer } from '../../nodes/GameballTrigger/memory';
import { CREDENTIALS, emittedJson, profilePayload, signedRequest } from '../trigger/fixtures';

import { startProcess, type ProcessedDataRows } from './helpers';

type Harness = typeof import('../harness/run');

const update = (createdAt: string, tierOrder: number, points: number) =>
	profilePayload({ customer_id: 'alice', created_at: createdAt }, { tier_order: tierOrder, tier_name: `tier-${tierOrder}`, activated_points: points, total_points: points });

/** The trigger's items for each delivery, answered by `process`'s Gameball Trigger in workflow `workflowId`. */
async function answered(process: Harness, workflowId: string, payloads: IDataObject[]): Promise<IDataObject[][]> {
	const trigger = new process.WebhookHarness({ type: 'gameballTrigger', parameters: { events: ['profileUpdated'] }, credentials: CREDENTIALS }, {}, workflowId);
	const items: IDataObject[][] = [];
	for (const payload of payloads) {
		const result = await trigger.deliver(signedRequest(payload));
		items.push(emittedJson(result));
	}
	return items;
}

/** Two executions that both start before either is saved: each loads `{}`; the first one's copy is saved last. */
async function overlappingFirstRuns(process: Harness, workflowId: string, inputs: IDataObject[][]) {
	const runs = [];
	for (const items of inputs) {
		const track = new process.WebhookHarness({ type: 'gameballDeliveryGuard', parameters: { operation: 'trackChanges' } }, {}, workflowId);
		const result = await track.execute([items.map((json) => ({ json }))], 'webhook');
		runs.push({
			track,
			events: (result.outputs[0] ?? []).map((out) => String(out.json.event)),
			hints: (result.run.data.resultData.runData['Node under test']?.[0].hints ?? []).map((hint) => hint.message),
		});
	}
	return runs;
}

describe('Track Tier and Points Changes in the process that answers the deliveries (regular mode)', () => {
	const payloads = [update('2024-11-19T17:01:00.000Z', 1, 10), update('2024-11-19T17:02:00.000Z', 2, 30)];

	it('overlapping first executions: the second derives the move from the first, with no warning', async () => {
		const rows: ProcessedDataRows = new Map();
		const process = startProcess(rows);
		const inputs = await answered(process, 'wf-regular', payloads);
		expect(inputs.map((items) => items.map((item) => item.event))).toEqual([['customer.profile.updated'], ['customer.profile.updated']]);

		const [first, second] = await overlappingFirstRuns(process, 'wf-regular', inputs);
		expect(first.events).toEqual(['customer.profile.updated']);
		expect(second.events).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
		expect([first.hints, second.hints]).toEqual([[], []]);
		// The first run's copy, saved last, holds the second's profile too.
		const key = customerKey('2155', 'alice', '1234');
		expect(recallCustomer(first.track.staticData['node:Node under test'] as IDataObject, key!)?.tierOrder).toBe(2);
		// No lost-state marker: where the deliveries are answered, n8n keeps the static data.
		expect([...rows.keys()].filter((context) => context.startsWith('wf-regular'))).toEqual([]);
	});

	it('a workflow whose deliveries this process did not answer still warns (another trigger, or a queue-mode worker)', async () => {
		const process = startProcess(new Map());
		const inputs = await answered(startProcess(new Map()), 'wf-elsewhere', payloads); // answered by another process
		const [first, second] = await overlappingFirstRuns(process, 'wf-elsewhere', inputs);
		expect(first.hints).toEqual([]);
		expect(second.hints).toEqual([LOST_STATE_MESSAGE]);
		expect(second.events).toEqual(['customer.profile.updated']);
	});

	it('a test event (manual mode) does not count as answering the workflow\'s deliveries', async () => {
		const process = startProcess(new Map());
		const trigger = new process.WebhookHarness({ type: 'gameballTrigger', parameters: { events: ['profileUpdated'] }, credentials: CREDENTIALS }, {}, 'wf-tested');
		const tested = await trigger.deliver(signedRequest(payloads[0]), 'default', 'manual');
		const [first, second] = await overlappingFirstRuns(process, 'wf-tested', [emittedJson(tested), emittedJson(tested)]);
		expect([first.hints, second.hints]).toEqual([[], [LOST_STATE_MESSAGE]]);
	});
});
