/**
 * Example nodes further down than Loyalty to CRM's direct children, fed by a Gameball node: their `$json`
 * expressions are evaluated by n8n's expression engine on what that Gameball node really emits (run against the
 * simulator, with Simplify as the example sets it and the other way), through pass-through nodes such as If.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator';
import { runNode, type Credentials } from '../harness/run';
import * as fixtures from './fixtures';
import { evaluate, runLoyalty } from './helpers';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: INodeParameters;
}
interface Workflow {
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const GAMEBALL = 'n8n-nodes-gameball.gameball';
const LOYALTY = 'n8n-nodes-gameball.loyaltyToCrm';
/** n8n nodes whose items leave as they came in. */
const PASS_THROUGH = new Set(['n8n-nodes-base.if']);
/** The input of each example with a Gameball node after Loyalty to CRM. */
const SAMPLES: Record<string, IDataObject> = { 'notification-to-sms-email.json': fixtures.triggerNotificationItem };

const folder = join(__dirname, '..', '..', 'examples');
const load = (file: string) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as Workflow;
const children = (workflow: Workflow, name: string) => (workflow.connections[name]?.main ?? []).flat().map((target) => target.node);

/** Gameball nodes fed by Loyalty to CRM, with the output that feeds each. */
function gameballAfterLoyalty(workflow: Workflow): Array<{ node: WorkflowNode; output: number }> {
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	const loyalty = workflow.nodes.find((node) => node.type === LOYALTY);
	if (!loyalty) return [];
	return workflow.connections[loyalty.name].main.flatMap((targets, output) =>
		targets.map((target) => ({ node: byName.get(target.node) as WorkflowNode, output })).filter(({ node }) => node.type === GAMEBALL),
	);
}

/** Nodes that receive `name`'s items unchanged: its children, and theirs through pass-through nodes. */
function fedBy(workflow: Workflow, name: string): WorkflowNode[] {
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	const reached = children(workflow, name).map((child) => byName.get(child) as WorkflowNode);
	return reached.flatMap((node) => (PASS_THROUGH.has(node.type) ? [node, ...fedBy(workflow, node.name)] : [node]));
}

/** Expressions of a node's parameters that read only its own input item. */
function ownExpressions(parameters: unknown): string[] {
	if (typeof parameters === 'string') return parameters.startsWith('=') && parameters.includes('$json') && !parameters.includes('$(') ? [parameters] : [];
	if (parameters === null || typeof parameters !== 'object') return [];
	return Object.values(parameters).flatMap(ownExpressions);
}

let sim: Simulator;
let credentials: Credentials;

beforeAll(async () => {
	sim = await startSimulator({});
	credentials = { gameballApi: { apiKey: sim.apiKey, secretKey: sim.secretKey, apiVersion: 'v4.0', baseUrl: sim.url } };
	const { error } = await runNode(
		{
			type: 'gameball',
			credentials,
			parameters: {
				resource: 'customer',
				operation: 'createOrUpdate',
				customerId: fixtures.triggerNotificationItem.customerId,
				additionalFields: { email: 'ada@example.com', mobile: '+201000000000' },
			},
		},
		[{}],
	);
	expect(error).toBeUndefined();
});
afterAll(async () => await sim.stop());

test('every example with a Gameball node after Loyalty to CRM has a sample here', () => {
	const files = readdirSync(folder).filter((file) => file.endsWith('.json') && gameballAfterLoyalty(load(file)).length > 0);
	expect(files.sort()).toEqual(Object.keys(SAMPLES).sort());
});

describe.each(Object.entries(SAMPLES))('%s', (file, sample) => {
	const workflow = load(file);
	const loyalty = workflow.nodes.find((node) => node.type === LOYALTY) as WorkflowNode;

	test.each(gameballAfterLoyalty(workflow).flatMap((entry) => [true, false].map((simplify) => ({ ...entry, simplify }))))(
		'$node.name with Simplify $simplify: the nodes it feeds read values it emits',
		async ({ node, output, simplify }) => {
			const loyaltyRun = await runLoyalty(loyalty.parameters, [sample]);
			expect(loyaltyRun.error).toBeUndefined();
			const input: INodeExecutionData[] = loyaltyRun.outputs[output].map(({ json }) => ({ json }));
			expect(input.length).toBeGreaterThan(0);
			const flipped = simplify === (node.parameters.simplify ?? true) ? node.parameters : { ...node.parameters, simplify };
			const gameball = await runNode({ type: 'gameball', parameters: flipped, credentials }, input);
			expect(gameball.error).toBeUndefined();
			const emitted = gameball.outputs[0];
			// Paired with its input, so later nodes can read the Loyalty to CRM item with $('Loyalty to CRM').item.
			expect(emitted.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
			const readers = fedBy(workflow, node.name).filter((reader) => ownExpressions(reader.parameters).length > 0);
			expect(readers.length).toBeGreaterThan(0);
			for (const reader of readers) {
				for (const expression of ownExpressions(reader.parameters)) {
					for (const { json } of emitted) {
						const value = evaluate(expression, json);
						expect([reader.name, expression, value === undefined || value === null || value === '']).toEqual([reader.name, expression, false]);
					}
				}
			}
		},
	);
});
