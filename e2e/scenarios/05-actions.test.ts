// Scenario 5: workflows using the Gameball action node, run by an n8n Webhook node, against the simulator:
// create customer -> send event -> cashback -> balance; and a batch upsert of 2,500 customers, one result per item.
import type { Simulator } from '../../simulator';
import { startRunSimulator } from './simulator';
import { lastExecutionId, post, runContext, waitForExecutions } from './support';

const context = runContext();
const describeIfLanded = context.landed.action && context.landed.simulator ? describe : describe.skip;

const apiCalls = (sim: Simulator) => sim.requests.map(({ method, path, status }) => `${method} ${path.split('?')[0]} ${status}`);

describeIfLanded(`n8n ${context.n8nVersion}: the Gameball action node against the simulator`, () => {
	let sim: Simulator;

	beforeAll(async () => {
		sim = await startRunSimulator(context, []);
	});
	afterAll(() => sim?.stop());

	test('create customer -> send event -> cashback -> balance', async () => {
		const customerId = `lifecycle-${Date.now()}`;
		const before = await lastExecutionId(context);
		const response = await post(
			context.webhookUrls.lifecycle,
			JSON.stringify({ customerId, email: `${customerId}@example.com`, amount: 120 }),
			{ 'content-type': 'application/json' },
		);
		expect(response.status).toBe(200);
		const [execution] = await waitForExecutions(context, { workflowId: context.workflowIds.lifecycle, afterId: before, count: 1 });
		expect(execution.status).toBe('success');
		expect(apiCalls(sim)).toEqual([
			'POST /api/v4.0/integrations/customers 200',
			'POST /api/v4.0/integrations/events 200',
			'POST /api/v4.0/integrations/transactions/cashback 200',
			`GET /api/v4.0/integrations/customers/${customerId}/balance 200`,
		]);
		// The simulator now holds what the workflow did: the customer, and the cashback in its ledger.
		expect(sim.state.customers.has(customerId)).toBe(true);
		expect(sim.ledger().filter((entry) => entry.customerId === customerId && entry.transactionId === `order-${customerId}`)).toHaveLength(1);
		// The balance item the workflow ended with is the simulator's own answer, and the webhook answered with it.
		const balanceItems = execution.nodes.Balance.outputs[0];
		expect(balanceItems).toHaveLength(1);
		const simulatorBalance = await (await fetch(`${sim.url}/api/v4.0/integrations/customers/${customerId}/balance`, { headers: { APIKey: sim.apiKey, SecretKey: sim.secretKey } })).json();
		expect(balanceItems[0]).toEqual(simulatorBalance);
		expect(JSON.parse(response.text)).toEqual([simulatorBalance]);
		expect(execution.nodes['Cashback'].outputs[0][0]).toMatchObject({ customerId, rewardEquivalentPoints: 120 });
	});

	test('batch upsert of 2,500 customers: 2,500 per-item results through three batch jobs', async () => {
		sim.requests.length = 0;
		const customers = Array.from({ length: 2500 }, (_, index) => ({ customerId: `bulk-${index}`, email: `bulk-${index}@example.com` }));
		const before = await lastExecutionId(context);
		const response = await post(context.webhookUrls.batchUpsert, JSON.stringify({ customers }), { 'content-type': 'application/json' });
		expect(response.status).toBe(200);
		const results = JSON.parse(response.text) as Array<Record<string, unknown>>;
		expect(results).toHaveLength(2500);
		expect(results.every((result) => result.success === true && result.batchKind === 'customers')).toBe(true);
		expect(new Set(results.map((result) => result.batchJobId)).size).toBe(3);
		// Each result's place in its job of 1,000; not the entry's own `index`.
		expect([0, 999, 1000, 2499].map((i) => [results[i].batchIndex, 'index' in results[i]])).toEqual([[0, false], [999, false], [0, false], [499, false]]);
		const [execution] = await waitForExecutions(context, { workflowId: context.workflowIds.batchUpsert, afterId: before, count: 1 });
		expect(execution.status).toBe('success');
		expect(execution.nodes['Upsert Customers'].outputs[0]).toHaveLength(2500);
		expect(customers.every(({ customerId }) => sim.state.customers.has(customerId))).toBe(true);
		expect(apiCalls(sim).filter((call) => call.startsWith('POST /api/v4.0/integrations/batch/customers'))).toEqual([
			'POST /api/v4.0/integrations/batch/customers 200',
			'POST /api/v4.0/integrations/batch/customers 200',
			'POST /api/v4.0/integrations/batch/customers 200',
		]);
	});
});
