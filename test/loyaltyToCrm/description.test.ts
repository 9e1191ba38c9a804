import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INode, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { PackageNodeTypes } from '../harness/nodeTypes';
import { GameballDeliveryGuard } from '../../nodes/GameballDeliveryGuard/GameballDeliveryGuard.node';
import { LoyaltyToCrm } from '../../nodes/LoyaltyToCrm/LoyaltyToCrm.node';
import { DEFAULT_RULES } from '../../nodes/LoyaltyToCrm/rules';
import { DEFAULT_TASK, STEPS } from '../../nodes/LoyaltyToCrm/steps';

const root = join(__dirname, '..', '..');
const { description } = new LoyaltyToCrm();
const property = (name: string) => description.properties.find((p) => p.name === name) as INodeProperties;

test('five named outputs, in step order', () => {
	expect(description.outputs).toHaveLength(5);
	expect(description.outputNames).toEqual(['Upsert Contact', 'Add Tag / List', 'Create Task', 'Log Note / Activity', 'Send Message']);
	expect(STEPS).toEqual(['upsertContact', 'addTag', 'createTask', 'logNote', 'sendMessage']);
});

test('programmatic, usable as a tool, no credentials', () => {
	expect(description.name).toBe('loyaltyToCrm');
	expect(description.usableAsTool).toBe(true);
	expect(description.credentials).toBeUndefined();
	expect(description.requestDefaults).toBeUndefined();
});

test('the editor defaults of the rules are the documented DEFAULT_RULES', () => {
	for (const step of STEPS) expect(property(`${step}On`).default).toEqual(DEFAULT_RULES[step]);
});

test('the editor defaults of the task options are DEFAULT_TASK', () => {
	const options = (property('taskOptions').options as INodeProperties[]).map((option) => [option.name, option.default]);
	expect(Object.fromEntries(options)).toEqual(DEFAULT_TASK);
});

test('registered in package.json and described by its codex', () => {
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	expect(manifest.n8n.nodes).toContain('dist/nodes/LoyaltyToCrm/LoyaltyToCrm.node.js');
	const codex = JSON.parse(readFileSync(join(root, 'nodes/LoyaltyToCrm/LoyaltyToCrm.node.json'), 'utf8'));
	expect(codex.node).toBe('n8n-nodes-gameball.loyaltyToCrm');
});

test('light and dark icons exist and differ', () => {
	const icon = description.icon as { light: string; dark: string };
	const read = (file: string) => readFileSync(join(root, 'nodes/LoyaltyToCrm', file.replace('file:', '')), 'utf8');
	expect(read(icon.light)).toContain('<svg');
	expect(read(icon.dark)).toContain('<svg');
	expect(read(icon.light)).not.toEqual(read(icon.dark));
});

test('Pipedrive Field Keys name each field as the rest of the node does (Customer ID, not Customer Id)', () => {
	const names = (property('pipedriveFieldKeys').options as INodeProperties[]).map((option) => option.displayName);
	expect(names).toContain('Customer ID');
	expect(names.filter((name) => /\bId\b/.test(name))).toEqual([]);
});

test('as an AI tool (n8n names the tool type "...Tool"), says what an agent gets; in a workflow it says nothing of it', () => {
	const node = { parameters: {}, typeVersion: 1 } as unknown as INode;
	const shown = (type: INodeTypeDescription, name: string, values = {}) =>
		NodeHelpers.displayParameter(values, type.properties.find((p) => p.name === 'toolNotice') as INodeProperties, node, { ...type, name });
	expect(shown(description, 'loyaltyToCrmTool')).toBe(true);
	expect(shown(description, 'loyaltyToCrm')).toBe(false);
	expect(property('toolNotice').displayName).toMatch(/only its first output, Upsert Contact/);
	const guard = new GameballDeliveryGuard().description;
	expect(shown(guard, 'gameballDeliveryGuardTool', { operation: 'dropDuplicates' })).toBe(true);
	expect(shown(guard, 'gameballDeliveryGuard', { operation: 'dropDuplicates' })).toBe(false);
	expect(shown(guard, 'gameballDeliveryGuardTool', { operation: 'trackChanges' })).toBe(false);
	expect(guard.properties.find((p) => p.name === 'toolNotice')?.displayName).toMatch(/real delivery history/);
});

test("the subtitle names each CRM preset as the dropdown does, resolved by n8n's expression engine", () => {
	for (const option of property('crmPreset').options as Array<{ name: string; value: string }>) {
		const crm = { id: '1', name: 'CRM', type: 'n8n-nodes-gameball.loyaltyToCrm', typeVersion: 1, position: [0, 0], parameters: { crmPreset: option.value } } as INode;
		const workflow = new Workflow({ nodes: [crm], connections: {}, active: false, nodeTypes: new PackageNodeTypes() });
		expect(workflow.expression.getSimpleParameterValue(crm, description.subtitle as string, 'internal', {})).toBe(`for ${option.name}`);
	}
});

test('settings used by one output name it, as they stay shown when its rule is emptied', () => {
	const usedBy: Record<string, string> = {
		tagTemplate: 'Add Tag / List',
		removeOldTierTag: 'Add Tag / List',
		allTierNames: 'Add Tag / List',
		taskOptions: 'Create Task',
		messageChannels: 'Send Message',
		messageLanguage: 'Send Message',
	};
	for (const [name, output] of Object.entries(usedBy)) {
		expect(description.outputNames).toContain(output);
		expect(property(name).description).toContain(output);
	}
});
