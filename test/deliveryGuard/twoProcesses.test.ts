// Track Tier and Points Changes when two n8n processes write the same snapshots: n8n 1.x in queue mode loads a
// workflow's static data from the database for each execution on a worker and saves it whole at the end. Each
// "process" here is its own module registry (its own in-process memory and process ID), sharing one "database".
import type { IDataObject } from 'n8n-workflow';

import { LOST_STATE_MESSAGE, SHARED_STATE_MESSAGE } from '../../nodes/GameballDeliveryGuard/lostState';

import { startProcess } from './helpers';

type Harness = typeof import('../harness/run');

let database: IDataObject = {};
beforeEach(() => (database = {}));

/** One execution on `worker`: loads the database's static data, runs Track, saves the whole copy back. */
async function runOn(worker: Harness, item: IDataObject) {
	const guard = new worker.WebhookHarness({ type: 'gameballDeliveryGuard', parameters: { operation: 'trackChanges' } }, JSON.parse(JSON.stringify(database)) as IDataObject, 'wf-two');
	const result = await guard.execute([[{ json: item }]], 'webhook');
	database = JSON.parse(JSON.stringify(guard.staticData)) as IDataObject;
	const hints = (result.run.data.resultData.runData['Node under test']?.[0].hints ?? []).map((hint) => hint.message);
	return { items: (result.outputs[0] ?? []).map((out) => out.json), hints };
}

const update = (seq: number, tierOrder: number, points: number): IDataObject => ({
	event: 'customer.profile.updated',
	clientId: '2155',
	customerId: 'alice',
	gbCustomerId: null,
	createdAt: `2024-11-19T17:0${seq}:00.000Z`,
	deliveryId: `d${seq}`,
	tierName: `tier-${tierOrder}`,
	tierOrder,
	activatedPoints: points,
	pendingPoints: 0,
	totalPoints: points,
});
const events = (run: { items: IDataObject[] }) => run.items.map((item) => item.event);

describe('Track Tier and Points Changes with two n8n processes', () => {
	it('derives nothing, and says why, once another running process has written its snapshots', async () => {
		const [a, b] = [startProcess(), startProcess()];
		expect(events(await runOn(a, update(1, 1, 100)))).toEqual(['customer.profile.updated']);
		// Worker B, running since before A saved, finds A's stamp: the two share the snapshots.
		const second = await runOn(b, update(2, 2, 200));
		expect(events(second)).toEqual(['customer.profile.updated']);
		expect(second.hints).toEqual([SHARED_STATE_MESSAGE]);
		// A's own copy still holds update 1: comparing with it would repeat the tier change B saw.
		const third = await runOn(a, update(3, 2, 250));
		expect(events(third)).toEqual(['customer.profile.updated']);
		expect(third.items[0].changes).toBeNull();
		expect(third.hints).toEqual([SHARED_STATE_MESSAGE]);
		// From then on this process derives nothing for this node, even from state it wrote itself.
		const fourth = await runOn(a, update(4, 3, 900));
		expect(events(fourth)).toEqual(['customer.profile.updated']);
		expect(fourth.hints).toEqual([SHARED_STATE_MESSAGE]);
	});

	it('after a restart (a process started after the last write) derives from the stored snapshots, without a warning', async () => {
		const before = startProcess();
		await runOn(before, update(1, 1, 100));
		await new Promise((resolve) => setTimeout(resolve, 5));
		const restarted = startProcess();
		const moved = await runOn(restarted, update(2, 2, 200));
		expect(events(moved)).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
		expect(moved.hints).toEqual([]);
		expect(events(await runOn(restarted, update(3, 3, 600)))).toContain('gameball.tier.changed');
	});

	it('in one process keeps deriving, whatever it stored last', async () => {
		const only = startProcess();
		await runOn(only, update(1, 1, 100));
		const moved = await runOn(only, update(2, 2, 200));
		expect(events(moved)).toContain('gameball.tier.changed');
		expect(moved.hints).not.toContain(LOST_STATE_MESSAGE);
		expect(moved.hints).not.toContain(SHARED_STATE_MESSAGE);
	});
});
