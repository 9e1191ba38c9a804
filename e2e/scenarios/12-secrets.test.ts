// R5 on the live n8n: after refusals, accepted deliveries and (when the action node has landed) a workflow that
// calls the Gameball API and one that fails there, neither key appears in any answer, in n8n's log, in any
// execution's data or in any workflow's static data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as database from '../lib/database';
import { hostileCorpus, validDeliveries } from '../../test/reliability/corpus';
import { startRunSimulator } from './simulator';
import type { Execution } from './support';
import { lastExecutionId, post, runContext, waitForExecutions } from './support';

const context = runContext();
const describeIfLanded = context.landed.trigger ? describe : describe.skip;
const install = { dir: context.installDir, nodeBin: () => context.nodeBin };

/** Every place a key could leak to, as text. */
async function everythingStored(): Promise<Record<string, string>> {
	const executions = await database.query(install, context.database, 'SELECT data FROM execution_data');
	const workflows = await database.query(install, context.database, 'SELECT id, staticData, nodes FROM workflow_entity');
	return {
		'n8n log': readFileSync(join(context.userFolder, 'n8n.log'), 'utf8'),
		'execution data': executions.map((row: { data: string }) => row.data).join('\n'),
		'workflow static data and nodes': JSON.stringify(workflows),
	};
}

describeIfLanded(`n8n ${context.n8nVersion}: R5, no key leaks`, () => {
	const keys = { secretKey: context.secretKey, apiKey: context.apiKey };
	const answers: string[] = [];
	const actionLanded = context.landed.action && context.landed.simulator;
	/** The lifecycle workflow's two webhook answers and its executions. */
	const lifecycle: { responses: Array<{ status: number; text: string }>; executions: Execution[] } = { responses: [], executions: [] };

	beforeAll(async () => {
		const before = await lastExecutionId(context);
		const run = `r5-${Date.now()}`;
		const corpus = hostileCorpus(context.secretKey, run).filter((delivery) => ['forged signature', 'missing signature', 'not JSON', 'wrong types'].includes(delivery.category));
		for (const delivery of [...corpus, ...validDeliveries(context.secretKey, run, 4)]) {
			const response = await fetch(context.triggerUrls.allEvents, { method: delivery.method, headers: delivery.headers, body: delivery.body });
			answers.push(`${response.status} ${await response.text()}`);
		}
		if (actionLanded) {
			const sim = await startRunSimulator(context, []);
			try {
				const customerId = `r5-${Date.now()}`;
				// The second run repeats the cashback's transaction ID: Gameball answers 9004 and that execution fails.
				for (let attempt = 0; attempt < 2; attempt++) {
					const response = await post(context.webhookUrls.lifecycle, JSON.stringify({ customerId, email: `${customerId}@example.com`, amount: 10 }), { 'content-type': 'application/json' });
					lifecycle.responses.push(response);
					answers.push(`${response.status} ${response.text}`);
				}
			} finally {
				await sim.stop();
			}
		}
		const executions = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 4 });
		expect(executions.length).toBeGreaterThanOrEqual(4);
		if (actionLanded) {
			lifecycle.executions = await waitForExecutions(context, { workflowId: context.workflowIds.lifecycle, afterId: before, count: 2, timeoutMs: 30000 });
		}
	}, 300_000);

	// The key scan below covers Gameball-node output only if both lifecycle runs really reached Gameball.
	(actionLanded ? test : test.skip)('the lifecycle workflow ran twice: once through, once failing on the repeated cashback', () => {
		expect(lifecycle.responses.map(({ status }) => status)).toEqual([200, 500]);
		expect(JSON.parse(lifecycle.responses[0].text)).toEqual([expect.objectContaining({ availablePointsBalance: expect.any(Number) })]);
		expect(JSON.parse(lifecycle.responses[1].text)).toEqual({ message: 'Error in workflow' });
		expect(lifecycle.executions.map(({ status }) => status)).toEqual(['success', 'error']);
		const [passed, failed] = lifecycle.executions;
		for (const name of ['Create Customer', 'Send Event', 'Cashback', 'Balance']) expect(passed.nodes[name]).toMatchObject({ error: null, outputs: [[expect.any(Object)]] });
		for (const name of ['Create Customer', 'Send Event']) expect(failed.nodes[name]).toMatchObject({ error: null, outputs: [[expect.any(Object)]] });
		expect(failed.nodes.Cashback.error).toMatch(/^9004: duplicate transaction ID/);
		expect(failed.nodes.Balance).toBeUndefined();
	});

	test.each(Object.entries({ secretKey: 'secret key', apiKey: 'API key' }))('the %s is in no answer', (key) => {
		expect(answers.length).toBeGreaterThan(0);
		expect(answers.join('\n')).not.toContain(keys[key as keyof typeof keys]);
	});

	test('neither key is in n8n\'s log, any execution\'s data, or any workflow\'s static data', async () => {
		const stored = await everythingStored();
		const hits = Object.entries(stored).flatMap(([where, text]) =>
			Object.entries(keys).filter(([, value]) => text.includes(value)).map(([name]) => `${name} in ${where}`),
		);
		expect(stored['execution data'].length).toBeGreaterThan(0);
		expect(hits).toEqual([]);
	});
});
