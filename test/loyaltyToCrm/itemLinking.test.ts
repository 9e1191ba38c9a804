// `$('Gameball Trigger').item` in a node after Loyalty to CRM, resolved by n8n's own WorkflowDataProxy through the
// output items' pairedItem: n8n refuses an item paired with several input items that differ ("Multiple matches").
import type { IDataObject, INode, INodeExecutionData, IRunData } from 'n8n-workflow';
import { createRunExecutionData, Workflow, WorkflowDataProxy } from 'n8n-workflow';

import { PackageNodeTypes } from '../harness/nodeTypes';
import { newTrigger, notificationPayload, profilePayload, signedRequest } from '../trigger/fixtures';
import { OUTPUT, runLoyalty } from './helpers';

const TRIGGER = 'Gameball Trigger';
const LOYALTY = 'Loyalty to CRM';

/** `$('Gameball Trigger').item.json[field]` for each item of Loyalty to CRM's `output`, in a node fed by it. */
function triggerFieldDownstream(triggerItems: INodeExecutionData[], loyaltyOutputs: INodeExecutionData[][], output: number, field: string): unknown[] {
	const node = (name: string, type: string): INode => ({ id: name, name, type, typeVersion: 1, position: [0, 0], parameters: {} });
	const nodes = [node(TRIGGER, 'n8n-nodes-gameball.gameballTrigger'), node(LOYALTY, 'n8n-nodes-gameball.loyaltyToCrm'), node('CRM', 'n8n-nodes-gameball.loyaltyToCrm')];
	const connections = {
		[TRIGGER]: { main: [[{ node: LOYALTY, type: 'main' as const, index: 0 }]] },
		[LOYALTY]: { main: loyaltyOutputs.map(() => [{ node: 'CRM', type: 'main' as const, index: 0 }]) },
	};
	const workflow = new Workflow({ nodes, connections, active: false, nodeTypes: new PackageNodeTypes() });
	const runData: IRunData = {
		[TRIGGER]: [{ startTime: 0, executionTime: 0, executionIndex: 0, source: [], data: { main: [triggerItems] } }],
		[LOYALTY]: [{ startTime: 0, executionTime: 0, executionIndex: 1, source: [{ previousNode: TRIGGER, previousNodeOutput: 0, previousNodeRun: 0 }], data: { main: loyaltyOutputs } }],
	};
	const runExecutionData = createRunExecutionData({ resultData: { runData } });
	const input = loyaltyOutputs[output].map((item, index) => ({ ...item, pairedItem: { item: index } }));
	const executeData = { node: nodes[2], data: { main: [input] }, source: { main: [{ previousNode: LOYALTY, previousNodeOutput: output, previousNodeRun: 0 }] } };
	return input.map((_, itemIndex) => {
		const proxy = new WorkflowDataProxy(workflow, runExecutionData, 0, itemIndex, 'CRM', input, {}, 'webhook', {}, executeData).getDataProxy();
		return (proxy.$(TRIGGER) as { item: { json: IDataObject } }).item.json[field];
	});
}

async function deliver(trigger: ReturnType<typeof newTrigger>, payload: IDataObject): Promise<INodeExecutionData[]> {
	return ((await trigger.deliver(signedRequest(payload))).emitted?.[0] ?? []) as INodeExecutionData[];
}

describe("$('Gameball Trigger').item after Loyalty to CRM", () => {
	it('resolves for every step of a tier move (profile, tier and points items folded into one event)', async () => {
		const trigger = newTrigger({ events: ['profileUpdated', 'tierChanged', 'pointsChanged'] });
		await deliver(trigger, profilePayload({ created_at: '2024-11-19T17:31:00.000Z' }, { tier_name: 'Silver', tier_order: 1, activated_points: 10 }));
		const moved = await deliver(trigger, profilePayload({ created_at: '2024-11-19T17:32:00.000Z' }, { tier_name: 'Gold', tier_order: 2, activated_points: 60 }));
		expect(moved.map((item) => item.json.event)).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
		const { outputs, error } = await runLoyalty({ createTaskOn: ['tierUp'] }, moved.map((item) => item.json));
		expect(error).toBeUndefined();
		for (const output of [OUTPUT.upsertContact, OUTPUT.addTag, OUTPUT.createTask, OUTPUT.logNote]) {
			expect(outputs[output]).toHaveLength(1);
			expect(triggerFieldDownstream(moved, outputs, output, 'event')).toEqual(['customer.profile.updated']);
		}
	});

	it("resolves each message to its own language's trigger item", async () => {
		const entry = (local: string, title: string) => ({ local, title, body: 'b', icon: '' });
		const items = await deliver(newTrigger(), notificationPayload({ data: [entry('en', 'Hi'), entry('ar', 'مرحبا'), entry('fr', 'Salut')] }));
		const { outputs } = await runLoyalty({ messageChannels: ['push', 'sms'] }, items.map((item) => item.json));
		expect(outputs[OUTPUT.sendMessage]).toHaveLength(6);
		expect(triggerFieldDownstream(items, outputs, OUTPUT.sendMessage, 'title')).toEqual(['Hi', 'Hi', 'مرحبا', 'مرحبا', 'Salut', 'Salut']);
	});
});
