// Scenario 1: the simulator's signed customer.profile.updated and customer.notification.push deliveries reach the
// production URL; each gives exactly one successful execution whose items have the documented shape.
import { createHash } from 'node:crypto';
import type { Simulator } from '../../simulator';
import { createCustomer, deliveriesSettled, startRunSimulator } from './simulator';
import { deliver, lastExecutionId, profileUpdated, runContext, waitForExecutions } from './support';

const context = runContext();
const describeIfLanded = context.landed.trigger && context.landed.simulator ? describe : describe.skip;

// The documented item types (nodes/types.ts, README): every key, and what each value may be.
const envelopeShape = { clientId: 'string', customerId: 'string', gbCustomerId: 'string', createdAt: 'string', deliveryId: 'string' };
const profileShape = {
	event: 'string',
	...envelopeShape,
	email: 'string|null',
	mobileNumber: 'string|null',
	tierName: 'string|null',
	tierOrder: 'number|null',
	referralCode: 'string|null',
	referralLink: 'string|null',
	activatedPoints: 'number|null',
	pendingPoints: 'number|null',
	totalPoints: 'number|null',
	changes: 'object|null',
	outOfOrder: 'boolean',
};
const notificationShape = { event: 'string', ...envelopeShape, language: 'string|null', title: 'string|null', body: 'string|null', icon: 'string|null' };

function typeOf(value: unknown): string {
	return value === null ? 'null' : typeof value;
}

function expectShape(item: Record<string, unknown>, shape: Record<string, string>) {
	expect(Object.keys(item).sort()).toEqual(Object.keys(shape).sort());
	for (const [key, allowed] of Object.entries(shape)) {
		expect({ key, type: allowed.split('|').includes(typeOf(item[key])) }).toEqual({ key, type: true });
	}
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describeIfLanded(`n8n ${context.n8nVersion}: simulator deliveries start the Gameball Trigger`, () => {
	let sim: Simulator;
	const customerId = `delivered-${Date.now()}`;

	beforeAll(async () => {
		sim = await startRunSimulator(context, [context.triggerUrls.allEvents]);
	});
	afterAll(() => sim?.stop());

	test('customer.profile.updated: one successful execution, one profile item', async () => {
		const before = await lastExecutionId(context);
		await createCustomer(sim, customerId);
		await deliveriesSettled(sim);
		const delivery = sim.deliveries.find((record) => record.topic === 'customer.profile.updated')!;
		expect(delivery.status).toBe(200);
		const executions = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 1 });
		expect(executions.map(({ status, mode }) => ({ status, mode }))).toEqual([{ status: 'success', mode: 'webhook' }]);
		const items = executions[0].nodes['Gameball Trigger'].outputs[0];
		expect(items).toHaveLength(1);
		expectShape(items[0], profileShape);
		expect(items[0]).toMatchObject({
			event: 'customer.profile.updated',
			clientId: 'sim-client',
			customerId,
			email: `${customerId}@example.com`,
			tierName: 'Bronze',
			tierOrder: 1,
			totalPoints: 0,
			changes: null,
			outOfOrder: false,
			deliveryId: sha1(delivery.body),
		});
		expect(items[0].gbCustomerId).toBe(String(JSON.parse(delivery.body).gb_customer_id));
	});

	test('customer.notification.push: one successful execution, one item per language', async () => {
		const before = await lastExecutionId(context);
		await sim.sendNotification(customerId, [
			{ local: 'en', title: 'Double points today', body: 'Every order earns double points until midnight.', icon: 'https://example.com/x2.png' },
			{ local: 'ar', title: 'نقاط مضاعفة اليوم', body: 'كل طلب يكسب نقاطًا مضاعفة حتى منتصف الليل.' },
		]);
		await deliveriesSettled(sim);
		const delivery = sim.deliveries.find((record) => record.topic === 'customer.notification.push')!;
		expect(delivery.status).toBe(200);
		const executions = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 1 });
		expect(executions.map(({ status }) => status)).toEqual(['success']);
		const items = executions[0].nodes['Gameball Trigger'].outputs[0];
		expect(items).toHaveLength(2);
		items.forEach((item) => expectShape(item, notificationShape));
		expect(items.map(({ language, title }) => ({ language, title }))).toEqual([
			{ language: 'en', title: 'Double points today' },
			{ language: 'ar', title: 'نقاط مضاعفة اليوم' },
		]);
		expect(items[0]).toMatchObject({ event: 'customer.notification.push', customerId, icon: 'https://example.com/x2.png', deliveryId: sha1(delivery.body) });
	});

	// The node answers first itself only for a delivery that flushes its memory (at most one in 5 s); n8n answers
	// the rest, after recording the run. Both must say the same.
	test('accepted deliveries in a burst are all answered 200 {"received": true}, by n8n or by the node', async () => {
		const before = await lastExecutionId(context);
		const answers = [];
		for (let i = 0; i < 3; i++) {
			answers.push(await deliver(context.triggerUrls.allEvents, profileUpdated(`${customerId}-burst-${i}`, {}), context.secretKey));
		}
		expect(answers.map(({ status, text }) => ({ status, body: JSON.parse(text) }))).toEqual(
			Array.from({ length: 3 }, () => ({ status: 200, body: { received: true } })),
		);
		const executions = await waitForExecutions(context, { workflowId: context.workflowIds.allEvents, afterId: before, count: 3 });
		expect(executions.map(({ status }) => status)).toEqual(['success', 'success', 'success']);
	});

	test('every delivery the simulator made was answered 200 on the first attempt', () => {
		expect(sim.deliveries.map(({ attempt, status }) => ({ attempt, status }))).toEqual([
			{ attempt: 1, status: 200 },
			{ attempt: 1, status: 200 },
		]);
	});
});
