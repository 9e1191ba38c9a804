// Scenario 9: an automation campaign's "Send Webhook" call by GET. n8n registers the method the trigger's parameters
// choose (by expression on n8n 1.x, natively on 2.x), so GET starts one run and POST finds no webhook.
import { AUTOMATION_SECRET } from '../workflows/trigger';
import { lastExecutionId, runContext, waitForExecutions } from './support';

const context = runContext();
const describeIfLanded = context.landed.trigger ? describe : describe.skip;

describeIfLanded(`n8n ${context.n8nVersion}: Gameball Trigger in automation mode, GET`, () => {
	const url = `${context.triggerUrls.automationGet}?campaign=spring&customer=c-9`;
	const workflowId = context.workflowIds.automationGet;

	test('a GET with the shared secret starts one run with the query; POST and a wrong secret start none', async () => {
		const before = await lastExecutionId(context);
		const accepted = await fetch(url, { headers: { 'x-campaign-secret': AUTOMATION_SECRET } });
		expect({ status: accepted.status, body: await accepted.json() }).toEqual({ status: 200, body: { received: true } });
		const posted = await fetch(url, { method: 'POST', headers: { 'x-campaign-secret': AUTOMATION_SECRET }, body: '{}' });
		expect(posted.status).toBe(404);
		const forged = await fetch(url, { headers: { 'x-campaign-secret': 'not-the-secret' } });
		expect(forged.status).toBe(401);

		const executions = await waitForExecutions(context, { workflowId, afterId: before, count: 1 });
		expect(executions.map(({ status }) => status)).toEqual(['success']);
		const [item] = executions[0].nodes['Gameball Trigger'].outputs[0];
		expect(item).toMatchObject({ event: 'gameball.automation.webhook', method: 'GET', body: null, query: { campaign: 'spring', customer: 'c-9' } });
	});
});
