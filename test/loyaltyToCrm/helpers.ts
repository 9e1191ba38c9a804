import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { PackageNodeTypes } from '../harness/nodeTypes';
import { runNode } from '../harness/run';
import type { CrmStep, LoyaltyEvent } from '../../nodes/types';

export const OUTPUT: Record<CrmStep, number> = {
	upsertContact: 0,
	addTag: 1,
	createTask: 2,
	logNote: 3,
	sendMessage: 4,
};

/** Every step fires on every recognised event. */
export const FIRE_ALWAYS: INodeParameters = {
	upsertContactOn: ['anyEvent'],
	addTagOn: ['anyEvent'],
	createTaskOn: ['anyEvent'],
	logNoteOn: ['anyEvent'],
	sendMessageOn: ['anyEvent'],
};

/** `timezone`: the workflow's time zone setting (n8n's default, America/New_York, unless given). */
export async function runLoyalty(parameters: INodeParameters, items: IDataObject[], continueOnFail = false, timezone?: string) {
	const result = await runNode({ type: 'loyaltyToCrm', parameters, continueOnFail, timezone }, items);
	return result;
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

/** The normalised event of one input, read from the Log Note output with a rule that always fires. */
export async function eventOf(input: IDataObject): Promise<LoyaltyEvent> {
	const { outputs, error } = await runLoyalty({ logNoteOn: ['anyEvent'] }, [input]);
	if (error) throw error;
	expect(outputs[OUTPUT.logNote]).toHaveLength(1);
	return outputs[OUTPUT.logNote][0].json.event as unknown as LoyaltyEvent;
}

/** Evaluates `expression` as n8n would in a node whose input item is `json`. */
export function evaluate(expression: string, json: IDataObject): unknown {
	const node: INode = { id: 'n', name: 'CRM step', type: 'n8n-nodes-gameball.loyaltyToCrm', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new PackageNodeTypes() });
	const input: INodeExecutionData[] = [{ json }];
	return workflow.expression.getParameterValue(expression, null, 0, 0, node.name, input, 'manual', {});
}

export interface ExampleNode extends INode {
	parameters: INodeParameters;
}

/** The nodes of `examples/<file>`. */
export function exampleNodes(file: string): ExampleNode[] {
	return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')) as { nodes: ExampleNode[] }).nodes;
}

/** The Upsert Contact item Loyalty to CRM with these parameters makes of `input`; fails the test on an error. */
export async function upsertItemOf(parameters: INodeParameters, input: IDataObject): Promise<IDataObject> {
	const { outputs, error } = await runLoyalty(parameters, [input]);
	expect(error).toBeUndefined();
	return outputs[OUTPUT.upsertContact][0].json;
}
