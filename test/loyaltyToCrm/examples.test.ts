/**
 * The importable example workflows: node types and parameters that exist, connections from outputs that exist,
 * and every expression that reads a Loyalty to CRM item names a field that the item really has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { packageNodes } from '../harness/nodeTypes';
import * as fixtures from './fixtures';
import { runLoyalty } from './helpers';

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: INodeParameters;
	webhookId?: string;
}
interface Workflow {
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
}

/** n8n's own nodes used by the examples, with their number of main outputs. */
const BASE_NODE_OUTPUTS: Record<string, number> = {
	'n8n-nodes-base.hubspot': 1,
	'n8n-nodes-base.salesforce': 1,
	'n8n-nodes-base.pipedrive': 1,
	'n8n-nodes-base.zohoCrm': 1,
	'n8n-nodes-base.httpRequest': 1,
	'n8n-nodes-base.webhook': 1,
	'n8n-nodes-base.if': 2,
	'n8n-nodes-base.set': 1,
	'n8n-nodes-base.twilio': 1,
	'n8n-nodes-base.emailSend': 1,
	'n8n-nodes-base.stickyNote': 0,
};

const EXAMPLES: Array<[string, IDataObject, number[]]> = [
	['loyalty-gameball-to-hubspot.json', fixtures.triggerProfileItem, [0, 2, 3]],
	['loyalty-gameball-to-salesforce.json', fixtures.triggerProfileItem, [0, 2, 3]],
	['loyalty-gameball-to-pipedrive.json', fixtures.triggerProfileItem, [0, 2, 3]],
	['loyalty-gameball-to-zoho.json', fixtures.triggerProfileItem, [0, 1, 2, 3]],
	['open-loyalty-to-hubspot.json', fixtures.webhookNodeItem(fixtures.olNamedLevelChanged), [0, 2, 3]],
	// A legacy webhook names the customer by ID only: no email to find the contact by.
	['open-loyalty-to-hubspot.json', fixtures.webhookNodeItem(fixtures.olLevelChangedAutomatically), [0, 2, 3]],
	['notification-to-sms-email.json', fixtures.triggerNotificationItem, [4]],
];

function load(file: string): Workflow {
	return JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')) as Workflow;
}

function descriptionOf(type: string): INodeTypeDescription {
	return packageNodes[type].description as INodeTypeDescription;
}

function outputCount(type: string): number {
	if (type in packageNodes) return descriptionOf(type).outputs.length;
	return BASE_NODE_OUTPUTS[type];
}

/** The paths read as `$json.a.b` and `$('Loyalty to CRM').item.json.a.b` in a node's parameters. */
function references(node: WorkflowNode): { own: string[]; loyalty: string[] } {
	const text = JSON.stringify(node.parameters);
	const own = [...text.matchAll(/\$json\.([\w.]+)/g)].map((match) => match[1]);
	const loyalty = [...text.matchAll(/\$\('Loyalty to CRM'\)\.item\.json\.([\w.]+)/g)].map((match) => match[1]);
	// `$json.email ? { email: $json.email } : {}` sends nothing when the value is missing: such a path may be null.
	const guarded = new Set([...text.matchAll(/\$json\.([\w.]+) \?(?![?.])/g)].map((match) => match[1]));
	const ownRead = own.filter((path) => !loyalty.includes(path) || text.includes(`$json.${path}`));
	return { own: ownRead.filter((path) => !guarded.has(path)), loyalty };
}

function valueAt(source: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], source);
}

describe.each(EXAMPLES)('%s', (file, sample, wiredOutputs) => {
	const workflow = load(file);
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	const loyalty = workflow.nodes.find((node) => node.type === 'n8n-nodes-gameball.loyaltyToCrm') as WorkflowNode;

	test('node types are real, package nodes use their own parameter names, webhooks have fixed ids', () => {
		for (const node of workflow.nodes) {
			expect(node.type in packageNodes || node.type in BASE_NODE_OUTPUTS).toBe(true);
			if (node.type in packageNodes) {
				const names = new Set(descriptionOf(node.type).properties.map((property: INodeProperties) => property.name));
				for (const parameter of Object.keys(node.parameters)) expect([node.name, names.has(parameter)]).toEqual([node.name, true]);
			}
			const isWebhook = node.type === 'n8n-nodes-base.webhook' || node.type.endsWith('Trigger');
			if (isWebhook) expect(node.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		}
		expect(new Set(workflow.nodes.map((node) => node.name)).size).toBe(workflow.nodes.length);
	});

	test('every connection leaves an output that exists and reaches a node that exists', () => {
		for (const [source, { main }] of Object.entries(workflow.connections)) {
			const node = byName.get(source) as WorkflowNode;
			expect(node).toBeDefined();
			expect(main.length).toBeLessThanOrEqual(outputCount(node.type));
			for (const targets of main) for (const target of targets) expect(byName.has(target.node)).toBe(true);
		}
		const wired = workflow.connections[loyalty.name].main.flatMap((targets, output) => (targets.length ? [output] : []));
		expect(wired).toEqual(wiredOutputs);
	});

	test('the Loyalty to CRM node, as configured, fills the wired outputs; expressions read fields its items have', async () => {
		const { outputs, error } = await runLoyalty(loyalty.parameters, [sample]);
		expect(error).toBeUndefined();
		// Paths checked per wired output: the checks below run only for the paths the expressions name.
		const checked: number[] = [];
		for (const output of wiredOutputs) {
			expect(outputs[output].length).toBeGreaterThan(0);
			let paths = 0;
			const item = outputs[output][0].json;
			// Every node downstream of this output: direct children read $json, all read $('Loyalty to CRM').item.json.
			const seen = new Set<string>();
			const visit = (name: string, direct: boolean) => {
				if (seen.has(name)) return;
				seen.add(name);
				const { own, loyalty: fromLoyalty } = references(byName.get(name) as WorkflowNode);
				for (const path of fromLoyalty) {
					expect([name, path, valueAt(item, path) !== undefined]).toEqual([name, path, true]);
					paths++;
				}
				// A direct child's own inputs must have values: a null email, say, would fail at the CRM.
				if (direct) {
					for (const path of own) {
						expect([name, path, valueAt(item, path) != null]).toEqual([name, path, true]);
						paths++;
					}
				}
				for (const targets of workflow.connections[name]?.main ?? []) for (const target of targets) visit(target.node, false);
			};
			for (const target of workflow.connections[loyalty.name].main[output]) visit(target.node, true);
			checked.push(paths);
		}
		// Each wired output led to at least one checked path (none would let every check above pass unrun).
		expect(checked.map((paths, i) => [wiredOutputs[i], paths > 0])).toEqual(wiredOutputs.map((output) => [output, true]));
	});
});
