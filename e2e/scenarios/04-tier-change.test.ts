// Scenario 4: a cashback in the simulator that crosses a tier threshold gives a Tier Changed execution. The trigger
// only knows the previous tier from its workflow static data, so this shows that static data persists across
// deliveries in a real n8n.
import type { Simulator } from '../../simulator';
import { createCustomer, deliveriesSettled, rewardCashback, startRunSimulator } from './simulator';
import { lastExecutionId, runContext, waitForExecutions } from './support';

const context = runContext();
const describeIfLanded = context.landed.trigger && context.landed.simulator ? describe : describe.skip;

describeIfLanded(`n8n ${context.n8nVersion}: tier changes made in the simulator`, () => {
	let sim: Simulator;
	const customerId = `climber-${Date.now()}`;
	const tierWorkflow = { workflowId: context.workflowIds.tierChanged };

	beforeAll(async () => {
		sim = await startRunSimulator(context, [context.triggerUrls.tierChanged, context.triggerUrls.allEvents]);
	});
	afterAll(() => sim?.stop());

	test('a new customer (first profile seen) gives no Tier Changed execution', async () => {
		const before = await lastExecutionId(context);
		await createCustomer(sim, customerId);
		await deliveriesSettled(sim);
		expect(sim.deliveries.every(({ status }) => status === 200)).toBe(true);
		// The all-events workflow ran for the same delivery: proof it arrived, while the tier workflow stayed quiet.
		const seen = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 1 });
		expect(seen.map(({ status }) => status)).toEqual(['success']);
		expect(await waitForExecutions(context, { ...tierWorkflow, afterId: before, count: 1, timeoutMs: 2000 })).toEqual([]);
	});

	test('cashback worth 150 points moves Bronze -> Silver: one Tier Changed execution', async () => {
		const before = await lastExecutionId(context);
		await rewardCashback(sim, customerId, 150, `tier-up-${customerId}`);
		await deliveriesSettled(sim);
		const executions = await waitForExecutions(context, { ...tierWorkflow, afterId: before, count: 1 });
		expect(executions.map(({ status }) => status)).toEqual(['success']);
		const items = executions[0].nodes['Gameball Trigger'].outputs[0];
		expect(items).toEqual([
			expect.objectContaining({
				event: 'gameball.tier.changed',
				customerId,
				direction: 'up',
				previousTierOrder: 1,
				tierOrder: 2,
				previousTierName: 'Bronze',
				tierName: 'Silver',
			}),
		]);
		const all = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 1 });
		const profile = all.flatMap((execution) => execution.nodes['Gameball Trigger'].outputs[0]).find((item) => item.event === 'customer.profile.updated');
		expect(profile?.changes).toMatchObject({ tierOrder: { previous: 1, current: 2, delta: 1 }, totalPoints: { previous: 0, current: 150, delta: 150 } });
	});

	test('more points within Silver give no Tier Changed execution', async () => {
		const before = await lastExecutionId(context);
		await rewardCashback(sim, customerId, 20, `same-tier-${customerId}`);
		await deliveriesSettled(sim);
		const all = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 1 });
		expect(all.length).toBeGreaterThan(0);
		expect(await waitForExecutions(context, { ...tierWorkflow, afterId: before, count: 1, timeoutMs: 2000 })).toEqual([]);
	});

	test('crossing the next threshold (Gold at 500) gives the next one', async () => {
		const before = await lastExecutionId(context);
		await rewardCashback(sim, customerId, 400, `gold-${customerId}`);
		await deliveriesSettled(sim);
		const executions = await waitForExecutions(context, { ...tierWorkflow, afterId: before, count: 1 });
		expect(executions).toHaveLength(1);
		expect(executions[0].nodes['Gameball Trigger'].outputs[0][0]).toMatchObject({ previousTierName: 'Silver', tierName: 'Gold', direction: 'up' });
	});
});
