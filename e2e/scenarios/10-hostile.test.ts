// R1 on the live n8n: every delivery of the hostile corpus (test/reliability/corpus.ts, 300+ generated) gets its
// documented answer, from n8n itself (404 wrong method; 422 a JSON or XML type that does not parse) or from the
// Gameball Trigger (401, 400, 413, or 200 with no run), and none starts an execution. Valid deliveries sent
// between them do run: exactly those, and nothing else.
import { hostileCorpus, nestedCorpus, STACK_BREAKING_DEPTHS, validDeliveries, type HostileDelivery } from '../../test/reliability/corpus';
import { lastExecutionId, runContext, waitForExecutions } from './support';

const context = runContext();
const describeIfLanded = context.landed.trigger ? describe : describe.skip;

async function send(url: string, delivery: HostileDelivery) {
	const hasBody = delivery.method !== 'GET' && delivery.method !== 'HEAD' && delivery.body !== '';
	const response = await fetch(url, { method: delivery.method, headers: delivery.headers, body: hasBody ? delivery.body : undefined });
	return { status: response.status, text: await response.text() };
}

describeIfLanded(`n8n ${context.n8nVersion}: R1, the hostile corpus`, () => {
	const url = context.triggerUrls.allEvents;
	const run = `live-${Date.now()}`;
	const corpus = hostileCorpus(context.secretKey, run);
	const controls = validDeliveries(context.secretKey, run, 5);

	test(`${corpus.length} hostile deliveries get their documented answers, and only the ${controls.length} valid ones between them run`, async () => {
		expect(corpus.length).toBeGreaterThanOrEqual(200);
		const before = await lastExecutionId(context);
		const wrong: unknown[] = [];
		const step = Math.ceil(corpus.length / controls.length);
		for (const [i, delivery] of corpus.entries()) {
			const { status, text } = await send(url, delivery);
			const expected = delivery.liveStatus ?? delivery.status;
			if (status !== expected) wrong.push({ category: delivery.category, name: delivery.name, expected, got: status, text: text.slice(0, 120) });
			expect(text).not.toContain(context.secretKey);
			if (i % step === 0) expect((await send(url, controls[i / step])).status).toBe(200);
		}
		expect(wrong).toEqual([]);
		const executions = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: controls.length, settleMs: 5000 });
		expect(executions.map(({ status }) => status)).toEqual(controls.map(() => 'success'));
		const ran = executions.map((execution) => execution.nodes['Gameball Trigger'].outputs[0][0].customerId);
		expect(ran).toEqual(controls.map((control) => JSON.parse(control.body).customer_id));
	});

	// Re-serialising these for the signature fallback overflows the stack; the node must still answer as documented.
	test('bodies nested beyond the stack get their documented answers and start no execution', async () => {
		const before = await lastExecutionId(context);
		const wrong: string[] = [];
		for (const delivery of nestedCorpus(context.secretKey, `${run}-stack`, STACK_BREAKING_DEPTHS)) {
			const { status } = await send(url, delivery);
			if (status !== delivery.status) wrong.push(`${delivery.name}: ${status} (documented ${delivery.status})`);
		}
		const executions = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 0, timeoutMs: 1000, settleMs: 3000 });
		console.log(`R1 deeply nested beyond the stack: ${wrong.length} wrong answers, ${executions.length} executions\n${wrong.join('\n')}`);
		expect({ wrong, executions: executions.length }).toEqual({ wrong: [], executions: 0 });
	});
});
