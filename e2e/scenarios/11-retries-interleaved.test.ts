// R2 on the live n8n: 1,000 distinct valid deliveries, each sent 3 times, the retries interleaved with other
// deliveries (each copy 50 sends after the one before, 10 requests in flight): all answered 200, and exactly
// 1,000 executions, one per delivery. Then: the deduplication keys reach n8n's database, not only this process, also
// when the delivery that finds a flush due is a retry, which starts no run.
import { deliveryRequest, signedDeliveries } from '../../bench/lib/deliveries';
import { runLoad } from '../../bench/lib/load';
import { deliveryKey, wasDelivered } from '../../nodes/GameballTrigger/memory';
import { FLUSH_MS } from '../../nodes/GameballTrigger/recentWrites';
import * as database from '../lib/database';
import { executionsAfter, installOf, lastExecutionId, runContext, sleep, waitForExecutions } from './support';

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

/** The trigger's static data as n8n stored it in its database. */
async function storedMemory(workflowId: string) {
	const [row] = await database.query(installOf(context), context.database, 'SELECT staticData FROM workflow_entity WHERE id = ?', [workflowId]);
	const staticData = typeof row?.staticData === 'string' ? JSON.parse(row.staticData) : row?.staticData;
	return staticData?.['node:Gameball Trigger'] ?? {};
}

describeIfLanded(`n8n ${context.n8nVersion}: R2, retried deliveries run once`, () => {
	const deliveries = signedDeliveries(DELIVERIES, `r2-${Date.now()}`, context.secretKey);

	test(`${DELIVERIES} deliveries x ${COPIES}, interleaved: exactly ${DELIVERIES} executions`, async () => {
		const requests = interleaved(deliveries).map(deliveryRequest);
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

	// n8n answers most deliveries itself, after recording their runs; the node answers first only when a delivery
	// flushes the write log into the static data, so that n8n saves it (GameballTrigger.node.ts, `respond`).
	test('every deduplication key reaches n8n\'s database once a flush is due', async () => {
		await sleep(FLUSH_MS + 500);
		const [last] = signedDeliveries(1, `r2-last-${Date.now()}`, context.secretKey);
		const before = await lastExecutionId(context);
		const load = await runLoad(context.triggerUrls.allEvents, [deliveryRequest(last)], 1);
		expect(load.byStatus).toEqual({ 200: 1 });
		expect(await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 1 })).toHaveLength(1);
		const memory = await storedMemory(context.workflowIds.allEvents);
		const missing = [...deliveries, last].filter(({ body }) => !wasDelivered(memory, deliveryKey(Buffer.from(body)), Date.now()));
		expect(missing).toHaveLength(0);
	}, 60_000);

	// A retry can be the delivery that finds a flush due: it starts no run, and n8n must still save the static data.
	test('a flush made while refusing a retry reaches n8n\'s database too', async () => {
		const url = context.triggerUrls.allEvents;
		const [flushing, retried] = signedDeliveries(2, `r2-retry-flush-${Date.now()}`, context.secretKey);
		const isStored = async (delivery: typeof retried) =>
			wasDelivered(await storedMemory(context.workflowIds.allEvents), deliveryKey(Buffer.from(delivery.body)), Date.now());
		await sleep(FLUSH_MS + 500);
		const before = await lastExecutionId(context);
		expect((await runLoad(url, [deliveryRequest(flushing)], 1)).byStatus).toEqual({ 200: 1 });
		expect((await runLoad(url, [deliveryRequest(retried)], 1)).byStatus).toEqual({ 200: 1 });
		expect(await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 2 })).toHaveLength(2);
		expect(await isStored(flushing)).toBe(true);
		expect(await isStored(retried)).toBe(false); // within FLUSH_MS of the last flush: only in the write log
		await sleep(FLUSH_MS + 500);
		expect((await runLoad(url, [deliveryRequest(retried)], 1)).byStatus).toEqual({ 200: 1 });
		await sleep(2000);
		const runs = (await executionsAfter(context, before)).filter(({ workflowId }) => workflowId === context.workflowIds.allEvents);
		expect(runs).toHaveLength(2);
		expect(await isStored(retried)).toBe(true);
	}, 60_000);
});
