// examples/gameball-trigger-to-crm.json: the trigger's items, as Loyalty to CRM reads them, through n8n-core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/run';
import { packageNodes } from '../harness/nodeTypes';
import { emittedJson, newTrigger, notificationPayload, profilePayload, signedRequest } from './fixtures';

interface ExampleNode {
	name: string;
	type: string;
	webhookId?: string;
	parameters: INodeParameters;
}

const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'gameball-trigger-to-crm.json'), 'utf8')) as {
	nodes: ExampleNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const byType = (type: string) => example.nodes.find((node) => node.type === type) as ExampleNode;
const triggerNode = byType('n8n-nodes-gameball.gameballTrigger');
const crmNode = byType('n8n-nodes-gameball.loyaltyToCrm');

async function crmOutputs(items: IDataObject[]) {
	const result = await runNode({ type: 'loyaltyToCrm', parameters: crmNode.parameters }, items);
	expect(result.error).toBeUndefined();
	return result.outputs.map((output) => output.map((item) => item.json));
}

describe('example: Gameball Trigger to CRM', () => {
	it('uses this package\'s nodes, a fixed webhookId, and wires all five CRM outputs', () => {
		expect(packageNodes[triggerNode.type]).toBeDefined();
		expect(packageNodes[crmNode.type]).toBeDefined();
		expect(triggerNode.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(example.connections[triggerNode.name].main[0][0].node).toBe(crmNode.name);
		expect(example.connections[crmNode.name].main).toHaveLength(5);
	});

	it('turns a tier-up delivery into a contact upsert, a tier tag and a task', async () => {
		const trigger = newTrigger(triggerNode.parameters);
		await trigger.deliver(signedRequest(profilePayload({}, { tier_name: 'Silver', tier_order: 2 })));
		const tierUp = await trigger.deliver(
			signedRequest(profilePayload({}, { tier_name: 'Gold', tier_order: 3, activated_points: 1200, total_points: 1210 })),
		);
		const items = emittedJson(tierUp);
		expect(items.map((item) => item.event)).toEqual([
			'customer.profile.updated',
			'gameball.tier.changed',
			'gameball.points.changed',
		]);
		const [upsert, tag, task] = await crmOutputs(items);
		expect(upsert.length).toBeGreaterThan(0);
		expect(upsert[0]).toMatchObject({ email: 'customer@example.com', customerId: 'webhook-test' });
		expect(tag[0]).toMatchObject({ tag: 'Loyalty: Gold' });
		expect(task[0].reasons).toContain('tierUp');
	});

	it('turns a notification into a message in the preferred language', async () => {
		const trigger = newTrigger(triggerNode.parameters);
		const items = emittedJson(await trigger.deliver(signedRequest(notificationPayload())));
		expect(items.map((item) => item.language)).toEqual(['en']);
		const outputs = await crmOutputs(items);
		const messages = outputs[4];
		expect(messages.length).toBeGreaterThan(0);
		expect(messages.every((message) => message.language === 'en' && message.title === 'You earned points')).toBe(true);
	});
});
