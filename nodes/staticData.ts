import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

interface StaticDataContext {
	getNode(): INode;
	getWorkflowStaticData(type: string): IDataObject;
}

/**
 * The node's static data, where the trigger and Track keep their memory. One that is not an object (an imported or
 * hand-edited workflow's `staticData`) cannot keep anything: an error says so, where property reads would fail.
 */
export function nodeStaticData(context: StaticDataContext, node = context.getNode()): IDataObject {
	const data: unknown = context.getWorkflowStaticData('node');
	if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as IDataObject;
	const got = data === null ? 'null' : Array.isArray(data) ? 'a list' : typeof data;
	throw new NodeOperationError(node, `This node's stored state is not an object (got ${got})`, {
		description: `The workflow's "staticData" holds "node:${node.name}" as ${got}, as an imported or edited workflow may. Remove that entry (export the workflow, delete it, import it again) so that n8n starts it afresh.`,
	});
}
