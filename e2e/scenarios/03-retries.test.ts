// Scenario 3: Gameball retries a delivery it thinks failed; the same body arriving again runs the workflow once.
import { createCustomer, deliveriesSettled, startRunSimulator } from './simulator';
import { deliver, lastExecutionId, post, profileUpdated, runContext, waitForExecutions } from './support';

const context = runContext();
const describeIfLanded = context.landed.trigger ? describe : describe.skip;

describeIfLanded(`n8n ${context.n8nVersion}: a retried delivery runs once`, () => {
	test('three identical signed deliveries: all get 200, one execution', async () => {
		const before = await lastExecutionId(context);
		const payload = profileUpdated(`retried-${Date.now()}`, { activated_points: 40, total_points: 40 });
		const answers = [];
		for (let attempt = 0; attempt < 3; attempt++) answers.push((await deliver(context.triggerUrls.allEvents, payload, context.secretKey)).status);
		expect(answers).toEqual([200, 200, 200]);
		const executions = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 1 });
		expect(executions.map(({ status }) => status)).toEqual(['success']);
		const items = executions[0].nodes['Gameball Trigger'].outputs[0];
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ event: 'customer.profile.updated', customerId: payload.customer_id, totalPoints: 40 });
	});

	test('a different body for the same customer is not a retry: it runs', async () => {
		const before = await lastExecutionId(context);
		const customerId = `not-a-retry-${Date.now()}`;
		await deliver(context.triggerUrls.allEvents, profileUpdated(customerId, { total_points: 10 }), context.secretKey);
		await deliver(context.triggerUrls.allEvents, profileUpdated(customerId, { total_points: 20 }), context.secretKey);
		const executions = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 2 });
		expect(executions.map(({ status }) => status)).toEqual(['success', 'success']);
	});

	(context.landed.simulator ? test : test.skip)('the simulator\'s own delivery, sent again byte for byte, runs once', async () => {
		const sim = await startRunSimulator(context, [context.triggerUrls.allEvents]);
		try {
			const before = await lastExecutionId(context);
			await createCustomer(sim, `replayed-${Date.now()}`);
			await deliveriesSettled(sim);
			const [original] = sim.deliveries;
			expect(original.status).toBe(200);
			const headers = { 'content-type': 'application/json', 'x-gb-signature': original.signature, 'x-gb-webhook-version': 'v4' };
			const replays = [await post(original.url, original.body, headers), await post(original.url, original.body, headers)];
			expect(replays.map(({ status }) => status)).toEqual([200, 200]);
			const executions = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 1 });
			expect(executions.map(({ status }) => status)).toEqual(['success']);
		} finally {
			await sim.stop();
		}
	});
});
