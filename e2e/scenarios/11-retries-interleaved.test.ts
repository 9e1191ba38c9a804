// R2 on the live n8n: 1,000 distinct valid deliveries, each sent 3 times, the retries interleaved with other
// deliveries (each copy 50 sends after the one before, 10 requests in flight): all answered 200, and exactly
// 1,000 executions, one per delivery.
import { signedDeliveries } from '../../bench/lib/deliveries';
import { runLoad } from '../../bench/lib/load';
import { lastExecutionId, runContext, waitForExecutions } from './support';

const context = runContext();
const describeIfLanded = context.landed.trigger ? describe : describe.skip;
const DELIVERIES = Number(process.env.R2_DELIVERIES ?? 1000);
const COPIES = 3;
const GAP = 50;

/** Delivery j's copy k is sent at position j + k * GAP (ties keep delivery order): retries come well after. */
function interleaved<T>(list: T[]): T[] {
	const slots = list.flatMap((item, j) => Array.from({ length: COPIES }, (_, k) => ({ item, at: j + k * GAP, j })));
	return slots.sort((a, b) => a.at - b.at || a.j - b.j).map(({ item }) => item);
}

describeIfLanded(`n8n ${context.n8nVersion}: R2, retried deliveries run once`, () => {
	test(`${DELIVERIES} deliveries x ${COPIES}, interleaved: exactly ${DELIVERIES} executions`, async () => {
		const deliveries = signedDeliveries(DELIVERIES, `r2-${Date.now()}`, context.secretKey);
		const requests = interleaved(deliveries).map(({ body, signature }) => ({
			body,
			headers: { 'content-type': 'application/json', 'x-gb-webhook-version': 'v4', 'x-gb-signature': signature },
		}));
		const before = await lastExecutionId(context);
		const load = await runLoad(context.triggerUrls.allEvents, requests, 10);
		expect(load.errors).toBe(0);
		expect(load.byStatus).toEqual({ 200: DELIVERIES * COPIES });
		const executions = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: DELIVERIES, timeoutMs: 600_000, settleMs: 5000 });
		console.log(`R2: ${requests.length} requests in ${Math.round(load.elapsedMs / 1000)} s, ${executions.length} executions`);
		expect(executions).toHaveLength(DELIVERIES);
		expect(executions.every(({ status }) => status === 'success')).toBe(true);
		const customers = new Set(executions.map((execution) => execution.nodes['Gameball Trigger'].outputs[0][0].customerId));
		expect(customers.size).toBe(DELIVERIES);
	}, 900_000);
});
