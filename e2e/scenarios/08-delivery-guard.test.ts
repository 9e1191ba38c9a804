// Scenario 8: the Gameball Delivery Guard in a real n8n. Drop Duplicate Deliveries keeps its history in n8n's
// database (processed_data), Track Tier and Points Changes keeps profiles in static data saved after each execution:
// both must hold across deliveries, whatever happens to the trigger's own webhook-time memory.
import { customerKey, recallCustomer } from '../../nodes/GameballTrigger/memory';
import type { Simulator } from '../../simulator';
import * as database from '../lib/database';
import { createCustomer, deliveriesSettled, rewardCashback, startRunSimulator } from './simulator';
import { deliver, installOf, lastExecutionId, profileUpdated, runContext, sleep, waitForExecutions } from './support';

const context = runContext();
const describeIfLanded = context.landed.trigger && context.landed.guard && context.landed.simulator ? describe : describe.skip;

describeIfLanded(`n8n ${context.n8nVersion}: Gameball Delivery Guard`, () => {
	const guard = { workflowId: context.workflowIds.guard };
	const kept = (executions: Awaited<ReturnType<typeof waitForExecutions>>, node: string) =>
		executions.flatMap((execution) => execution.nodes[node]?.outputs[0] ?? []);

	test('the same delivery four times (three back to back, one later) passes Drop Duplicates once', async () => {
		const before = await lastExecutionId(context);
		const payload = profileUpdated(`guarded-${Date.now()}`, { total_points: 12, activated_points: 12 });
		const answers = [];
		for (let copy = 0; copy < 3; copy++) answers.push((await deliver(context.triggerUrls.guard, payload, context.secretKey)).status);
		await sleep(2000);
		answers.push((await deliver(context.triggerUrls.guard, payload, context.secretKey)).status);
		expect(answers).toEqual([200, 200, 200, 200]);
		// The trigger's own deduplication is off here: every copy runs, and the guard decides.
		const executions = await waitForExecutions(context, { ...guard, afterId: before, count: 4 });
		expect(executions.map(({ status }) => status)).toEqual(['success', 'success', 'success', 'success']);
		expect(kept(executions, 'Drop Duplicates')).toEqual([expect.objectContaining({ customerId: payload.customer_id })]);
	});

	// n8n loads a workflow's static data when an execution starts and saves that execution's whole copy when it ends.
	// The slow customer's execution reaches Track first and ends last (a Wait after Track), so its copy is saved
	// last: it must hold the fast customer's profile too, stored by a run that began after it.
	test('overlapping executions: the one saved last holds both profiles in n8n\'s database', async () => {
		const before = await lastExecutionId(context);
		const [slow, fast] = [`slow-${Date.now()}`, `fast-${Date.now()}`];
		expect((await deliver(context.triggerUrls.guard, profileUpdated(slow, { total_points: 5 }), context.secretKey)).status).toBe(200);
		await sleep(1000);
		expect((await deliver(context.triggerUrls.guard, profileUpdated(fast, { total_points: 7 }), context.secretKey)).status).toBe(200);
		const executions = await waitForExecutions(context, { ...guard, afterId: before, count: 2, settleMs: 1000 });
		expect(executions.map(({ status }) => status)).toEqual(['success', 'success']);
		const install = installOf(context);
		const ended = await database.query(install, context.database, 'SELECT id, stoppedAt FROM execution_entity WHERE id > ? ORDER BY id', [before]);
		expect(Date.parse(ended[0].stoppedAt)).toBeGreaterThan(Date.parse(ended[1].stoppedAt)); // the first ended last
		const [row] = await database.query(install, context.database, 'SELECT staticData FROM workflow_entity WHERE id = ?', [guard.workflowId]);
		const staticData = typeof row?.staticData === 'string' ? JSON.parse(row.staticData) : row?.staticData;
		const stored = staticData?.['node:Track Changes'] ?? {};
		expect([slow, fast].map((customerId) => recallCustomer(stored, customerKey('2155', customerId, '1234'))?.totalPoints)).toEqual([5, 7]);
	});

	// A workflow's first two executions overlap: the second starts while the first waits after Track, unsaved, so it
	// loads no profiles. n8n answered both deliveries in the process that runs them, so Track reads that process's
	// copy: the second derives the first's move, with no "state lost" warning (stop 32's Track warned and missed it).
	test('a new workflow\'s first two executions overlap: the second derives the move, with no warning', async () => {
		const fresh = { workflowId: context.workflowIds.guardFresh };
		const before = await lastExecutionId(context);
		const customerId = `slow-first-${Date.now()}`;
		const url = context.triggerUrls.guardFresh;
		expect((await deliver(url, profileUpdated(customerId, { total_points: 5, activated_points: 5 }), context.secretKey)).status).toBe(200);
		await sleep(1000);
		const silver = { tier_name: 'Silver', tier_order: 2, total_points: 9, activated_points: 9 };
		expect((await deliver(url, profileUpdated(customerId, silver), context.secretKey)).status).toBe(200);
		const executions = await waitForExecutions(context, { ...fresh, afterId: before, count: 2, settleMs: 1000 });
		expect(executions.map(({ status }) => status)).toEqual(['success', 'success']);
		const install = installOf(context);
		const ended = await database.query(install, context.database, 'SELECT id, startedAt, stoppedAt FROM execution_entity WHERE id > ? AND workflowId = ? ORDER BY id', [before, fresh.workflowId]);
		expect(Date.parse(ended[1].startedAt)).toBeLessThan(Date.parse(ended[0].stoppedAt)); // they overlapped
		expect(executions.map((execution) => execution.nodes['Track Changes']?.hints)).toEqual([[], []]);
		const [first, second] = executions.map((execution) => execution.nodes['Track Changes']?.outputs[0] ?? []);
		expect(first.map((item) => item.event)).toEqual(['customer.profile.updated']);
		const derived = second.filter((item) => item.event !== 'customer.profile.updated');
		expect(derived).toEqual([
			expect.objectContaining({ event: 'gameball.tier.changed', previousTierOrder: 1, tierOrder: 2 }),
			expect.objectContaining({ event: 'gameball.points.changed', previousTotalPoints: 5, totalPoints: 9 }),
		]);
	});

	describe('Track Tier and Points Changes with the simulator', () => {
		let sim: Simulator;
		const customerId = `tracked-${Date.now()}`;

		beforeAll(async () => {
			sim = await startRunSimulator(context, [context.triggerUrls.guard], { autoNotifications: false });
		});
		afterAll(() => sim?.stop());

		test('Bronze -> Silver -> Gold gives two Tier Changed items with the right previous tier', async () => {
			const before = await lastExecutionId(context);
			await createCustomer(sim, customerId);
			await deliveriesSettled(sim);
			await waitForExecutions(context, { ...guard, afterId: before, count: 1 });
			for (const [amount, order] of [[150, 'silver'], [400, 'gold']] as const) {
				const step = await lastExecutionId(context);
				await rewardCashback(sim, customerId, amount, `guard-${order}-${customerId}`);
				await deliveriesSettled(sim);
				await waitForExecutions(context, { ...guard, afterId: step, count: 1 });
			}
			const executions = await waitForExecutions(context, { ...guard, afterId: before, count: 3, settleMs: 500 });
			const tierChanges = kept(executions, 'Track Changes').filter((item) => item.event === 'gameball.tier.changed');
			expect(tierChanges.map(({ previousTierName, tierName, direction }) => ({ previousTierName, tierName, direction }))).toEqual([
				{ previousTierName: 'Bronze', tierName: 'Silver', direction: 'up' },
				{ previousTierName: 'Silver', tierName: 'Gold', direction: 'up' },
			]);
		});
	});
});
