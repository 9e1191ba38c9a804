/**
 * One node of one workflow, as this process's per-node memories know it: `<workflow id>:<node id>`. A workflow never
 * saved has no id (its part is empty).
 */
export function nodeKey(workflowId: string | undefined, nodeId: string): string {
	return `${workflowId ?? ''}:${nodeId}`;
}
