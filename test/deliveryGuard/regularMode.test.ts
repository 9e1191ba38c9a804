// Track Tier and Points Changes where its process also answers the workflow's Gameball deliveries: n8n's regular
// mode (one instance). Its first two executions can overlap: the second starts before the first is saved, so it
// loads no profiles. Each "process" is its own module registry; the trigger's real webhook() answers the deliveries.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { LOST_STATE_MESSAGE } from '../../nodes/GameballDeliveryGuard/lostState';
import { trackChanges } from '../../nodes/GameballDeliveryGuard/trackChanges';
import { customerKey, recallCustomer } from '../../nodes/GameballTrigger/memory';
import { noteDeliveryAnswered } from '../../nodes/GameballTrigger/webhookProcess';
import { CREDENTIALS, emittedJson, profilePayload, signedRequest } from '../trigger/fixtures';

import { startProcess, trackContext, type ProcessedDataRows } from './helpers';

type Harness = typeof import('../harness/run');

/** A simplified Profile Updated item, as the trigger emits it. */
const simplified = (customerId: string, minute: number): IDataObject => ({
	event: 'customer.profile.updated', clientId: '2155', customerId, gbCustomerId: null, createdAt: `2024-11-19T17:0${minute}:00.000Z`,
	tierName: 'tier-1', tierOrder: 1, activatedPoints: 10, pendingPoints: 0, totalPoints: 10, referralCode: null, changes: null,
});
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

/** One Track execution on `items`, loading `loaded`. */
async function runOnce(process: Harness, workflowId: string, items: IDataObject[], loaded: IDataObject) {
	const track = new process.WebhookHarness({ type: 'gameballDeliveryGuard', parameters: { operation: 'trackChanges' } }, loaded, workflowId);
	const result = await track.execute([items.map((json) => ({ json }))], 'webhook');
	return {
		track,
		events: (result.outputs[0] ?? []).map((out) => String(out.json.event)),
		hints: (result.run.data.resultData.runData['Node under test']?.[0].hints ?? []).map((hint) => hint.message),
	};
}

/** Two executions that both start before either is saved: each loads `{}`; the first one's copy is saved last. */
async function overlappingFirstRuns(process: Harness, workflowId: string, inputs: IDataObject[][]) {
	const runs = [];
	for (const items of inputs) runs.push(await runOnce(process, workflowId, items, {}));
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
	});

	// The second run's Track starts while the first one's is between its lost-state check (marker recorded) and
	// handing over its profiles: the marker is the first run's own, not a sign of loss.
	it('overlapping first executions whose Tracks interleave: no false warning, both profiles kept', async () => {
		noteDeliveryAnswered('wf-gated');
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const markers = new Set<string>();
		const warnings: string[] = [];
		const context = (item: IDataObject, staticData: IDataObject, paused: boolean) =>
			trackContext(item, {
				workflowId: 'wf-gated',
				staticData,
				warnings,
				helpers: {
					checkProcessedAndRecord: async (values: string[]) => {
						const processed = values.filter((value) => markers.has(value));
						values.forEach((value) => markers.add(value));
						if (paused) await gate;
						return { new: values.filter((value) => !processed.includes(value)), processed };
					},
					getProcessedDataCount: async () => markers.size,
					removeProcessed: async (values: string[]) => values.forEach((value) => markers.delete(value)),
				} as unknown as IExecuteFunctions['helpers'],
			});
		const [alice, bob] = [{ ...simplified('alice', 1), deliveryId: 'a1' }, { ...simplified('bob', 3), deliveryId: 'b1' }];
		const [firstCopy, secondCopy]: IDataObject[] = [{}, {}];
		const first = trackChanges.call(context(alice, firstCopy, true));
		await new Promise((resolve) => setImmediate(resolve)); // the first run has recorded the marker and waits
		expect(markers.size).toBe(1);
		await trackChanges.call(context(bob, secondCopy, false));
		release();
		await first;
		expect(warnings).toEqual([]);
		const key = (customer: string) => customerKey('2155', customer, null)!;
		expect([firstCopy, secondCopy].map((copy) => [recallCustomer(copy, key('alice'))?.tierOrder, recallCustomer(copy, key('bob'))?.tierOrder])).toEqual([[1, 1], [1, 1]]);
	});

	it('after a restart, a process that finds the profiles kept goes on; one that finds them gone warns once', async () => {
		const rows: ProcessedDataRows = new Map();
		const before = startProcess(rows);
		const [first] = await answered(before, 'wf-restarts', payloads.slice(0, 1));
		const [firstRun] = await overlappingFirstRuns(before, 'wf-restarts', [first]);
		const saved = JSON.stringify(firstRun.track.staticData);

		const restarted = startProcess(rows);
		const [secondHere] = await answered(restarted, 'wf-restarts', [payloads[1]]);
		const kept = await runOnce(restarted, 'wf-restarts', secondHere, JSON.parse(saved) as IDataObject);
		expect(kept.hints).toEqual([]);
		expect(kept.events).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);

		// n8n did not keep them (a static-data loss, or n8n 2.x's opt-in Engine 2.0, which gives nodes none): the first
		// run after the restart warns; the later runs of the process derive from its own copy.
		const lost = startProcess(rows);
		const [secondAgain, thirdItems] = await answered(lost, 'wf-restarts', [payloads[1], update('2024-11-19T17:04:00.000Z', 3, 60)]);
		const afterLoss = await runOnce(lost, 'wf-restarts', secondAgain, {});
		expect(afterLoss.hints).toEqual([LOST_STATE_MESSAGE]);
		expect(afterLoss.events).toEqual(['customer.profile.updated']);
		const next = await runOnce(lost, 'wf-restarts', thirdItems, {});
		expect(next.hints).toEqual([]);
		expect(next.events).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
	});

	it('a rolling restart, the old process running one more delivery after the new one started: the new one goes on deriving', async () => {
		const rows: ProcessedDataRows = new Map();
		const old = startProcess(rows);
		const [first] = await answered(old, 'wf-rolling', payloads.slice(0, 1));
		const firstRun = await runOnce(old, 'wf-rolling', first, {});
		const replacing = startProcess(rows);
		await new Promise((resolve) => setTimeout(resolve, 5));
		// The old process's last execution: its stamp is newer than the new process.
		const [second] = await answered(old, 'wf-rolling', [payloads[1]]);
		const lastOld = await runOnce(old, 'wf-rolling', second, JSON.parse(JSON.stringify(firstRun.track.staticData)) as IDataObject);
		expect(lastOld.events).toContain('gameball.tier.changed');

		const [third, fourth] = await answered(replacing, 'wf-rolling', [update('2024-11-19T17:03:00.000Z', 3, 60), update('2024-11-19T17:04:00.000Z', 4, 90)]);
		const moved = await runOnce(replacing, 'wf-rolling', third, JSON.parse(JSON.stringify(lastOld.track.staticData)) as IDataObject);
		expect(moved.hints).toEqual([]);
		expect(moved.events).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
		const next = await runOnce(replacing, 'wf-rolling', fourth, JSON.parse(JSON.stringify(moved.track.staticData)) as IDataObject);
		expect(next.events).toContain('gameball.tier.changed');
		// No shared-state marker (two entries in the node's context; the lost-state marker is the one there).
		expect([...rows.values()].map((row) => row.data.length)).toEqual([1]);
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
