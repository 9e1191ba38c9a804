import type { INode, IWebhookFunctions } from 'n8n-workflow';

import { handleV4Delivery, type Delivery, type Outcome } from './pipeline';
import { recentWritesOf, type RecentWrites } from './recentWrites';
import { readSecretKey } from './secretKey';
import { readV4Settings } from './settings';

/** Refusals whose verdict depends on the key: a re-read key may verify them. */
const KEY_DEPENDENT_REFUSALS = new Set(['signature-mismatch', 'signature-no-secret']);

/** A v4 delivery through the pipeline; refused with a cached Secret Key, it is checked once more with a fresh one. */
export async function v4Outcome(context: IWebhookFunctions, delivery: Delivery): Promise<Outcome> {
	const now = Date.now();
	// n8n-core deep-copies the node on every getNode(): read it once per delivery.
	const node = context.getNode();
	const memory = context.getWorkflowStaticData('node');
	const recent = recentWritesOfNode(context, node);
	const { settings, keyFromCache } = await readV4Settings.call(context, node, now);
	const outcome = handleV4Delivery(delivery, settings, memory, now, recent);
	if (!keyFromCache || outcome.kind !== 'reject' || !KEY_DEPENDENT_REFUSALS.has(outcome.reason)) return outcome;
	// A refusal writes nothing to memory, so the delivery can run through the pipeline again.
	const fresh = await readSecretKey(context, node, now, true);
	if (fresh.secretKey === settings.secretKey) return outcome;
	return handleV4Delivery(delivery, { ...settings, secretKey: fresh.secretKey }, memory, now, recent);
}

/** This process's write log for the node; none for a workflow without an id (never saved). */
function recentWritesOfNode(context: IWebhookFunctions, node: INode): RecentWrites | undefined {
	const workflowId = context.getWorkflow().id;
	return workflowId ? recentWritesOf(`${workflowId}:${node.id}`) : undefined;
}
