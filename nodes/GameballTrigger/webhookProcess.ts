/*
 * The workflows whose Gameball Trigger answered a production delivery in this n8n process. n8n runs `webhook()` in
 * the process that answers HTTP. In regular mode (one instance) that process runs the executions too; in queue mode
 * workers run them and never call `webhook()`. So a Track node of a workflow listed here runs where n8n keeps the
 * workflow's static data from one execution to the next (GameballDeliveryGuard/trackChanges.ts).
 */

const MAX_WORKFLOWS = 1000;
const answeredHere = new Set<string>();

/** Called for each production delivery. */
export function noteDeliveryAnswered(workflowId: string): void {
	if (answeredHere.has(workflowId)) return;
	if (answeredHere.size >= MAX_WORKFLOWS) answeredHere.clear();
	answeredHere.add(workflowId);
}

/** True when this process has answered a production delivery of `workflowId`. */
export function answersDeliveriesOf(workflowId: string | undefined): boolean {
	return workflowId !== undefined && answeredHere.has(workflowId);
}
