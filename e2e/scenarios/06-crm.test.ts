// Scenario 6: Gameball Trigger -> Loyalty to CRM -> n8n's own Postgres node, with the machine's PostgreSQL acting
// as the CRM. Simulator activity must end up as contact, tag and task rows.
import type { Simulator } from '../../simulator';
import { psql } from '../lib/postgres';
import { crmSchema } from '../workflows/crm';
import { createCustomer, deliveriesSettled, rewardCashback, startRunSimulator } from './simulator';
import { lastExecutionId, runContext, waitForExecutions } from './support';

const context = runContext();
const ready = context.landed.trigger && context.landed.crm && context.landed.simulator && context.pgDatabase;
const describeIfLanded = ready ? describe : describe.skip;

function rows(table: string, orderBy: string): Array<Record<string, any>> {
	return JSON.parse(psql(context.pgDatabase!, `SELECT coalesce(json_agg(t ORDER BY ${orderBy}), '[]') FROM ${table} t`));
}

describeIfLanded(`n8n ${context.n8nVersion}: Loyalty to CRM writes into a real store`, () => {
	let sim: Simulator;
	const customerId = `crm-${Date.now()}`;
	const crm = { workflowId: context.workflowIds.crm };

	beforeAll(async () => {
		psql(context.pgDatabase!, crmSchema);
		// No automatic tier-up notification: it arrives at the same moment as the profile update, and two deliveries
		// running at once in one workflow can overwrite each other's trigger memory (README, "Known n8n behaviour").
		sim = await startRunSimulator(context, [context.triggerUrls.crm], { autoNotifications: false });
	});
	afterAll(() => sim?.stop());

	test('a new customer becomes a contact row', async () => {
		const before = await lastExecutionId(context);
		await createCustomer(sim, customerId);
		await deliveriesSettled(sim);
		const executions = await waitForExecutions(context, { ...crm, afterId: before, count: 1 });
		expect(executions.map(({ status, error }) => ({ status, error }))).toEqual([{ status: 'success', error: null }]);
		expect(rows('contacts', 'customer_id')).toEqual([
			expect.objectContaining({ customer_id: customerId, email: `${customerId}@example.com`, tier: 'Bronze', tier_rank: 1, points_available: 0 }),
		]);
		expect(rows('tags', 'tag')).toEqual([]);
		expect(rows('tasks', 'id')).toEqual([]);
	});

	test('a cashback that reaches Silver updates the contact, tags it and opens a task', async () => {
		const before = await lastExecutionId(context);
		await rewardCashback(sim, customerId, 150, `crm-order-${customerId}`);
		await deliveriesSettled(sim);
		const executions = await waitForExecutions(context, { ...crm, afterId: before, count: 1 });
		// One delivery (the profile update; no automatic tier-up notification), so one execution.
		expect(executions.map(({ status }) => status)).toEqual(['success']);
		const [contact] = rows('contacts', 'customer_id');
		expect(contact).toMatchObject({ customer_id: customerId, tier: 'Silver', tier_rank: 2, points_available: 150 });
		expect(contact.properties).toMatchObject({ tier: 'Silver', pointsAvailable: 150, customerId });
		expect(rows('tags', 'tag')).toEqual([{ customer_id: customerId, tag: 'Loyalty: Silver' }]);
		const tasks = rows('tasks', 'id');
		expect(tasks).toHaveLength(1);
		expect(tasks[0]).toMatchObject({ customer_id: customerId });
		expect(tasks[0].title).toContain('Silver');
		expect(tasks[0].due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		// Read with $('Gameball Trigger').item in the Postgres node: the task is paired with the profile update alone.
		expect(tasks[0].trigger_event).toBe('customer.profile.updated');
	});

	test('reaching Gold moves the tag and opens a second task', async () => {
		const before = await lastExecutionId(context);
		await rewardCashback(sim, customerId, 400, `crm-order-2-${customerId}`);
		await deliveriesSettled(sim);
		await waitForExecutions(context, { ...crm, afterId: before, count: 1 });
		expect(rows('contacts', 'customer_id')[0]).toMatchObject({ tier: 'Gold', points_available: 550 });
		expect(rows('tags', 'tag')).toEqual([{ customer_id: customerId, tag: 'Loyalty: Gold' }]);
		expect(rows('tasks', 'id').map(({ title }) => title)).toEqual([expect.stringContaining('Silver'), expect.stringContaining('Gold')]);
	});
});
