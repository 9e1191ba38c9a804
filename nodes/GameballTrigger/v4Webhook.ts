import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { nodeKey } from '../nodeKey';
import { nodeStaticData } from '../staticData';
import { handleV4Delivery, type Delivery, type Outcome } from './pipeline';
import { recentWritesOf } from './recentWrites';
import { readSecretKey } from './secretKey';
import { readV4Settings } from './settings';
import { noteSecretCheck } from './setupWarnings';
import { noteDeliveryAnswered } from './webhookProcess';

/** Refusals whose verdict depends on the key: a re-read key may verify them. */
const KEY_DEPENDENT_REFUSALS = new Set(['signature-mismatch', 'signature-no-secret']);

/** A v4 delivery through the pipeline; refused with a cached Secret Key, it is checked once more with a fresh one. */
export async function v4Outcome(context: IWebhookFunctions, delivery: Delivery): Promise<Outcome> {
	const now = Date.now();
	// n8n-core deep-copies the node on every getNode(): read it once per delivery.
	const node = context.getNode();
	const workflowId = context.getWorkflow().id;
	const key = nodeKey(workflowId, node.id);
	// A correctly signed test event is never refused as old nor dropped as a repeat (the editor waits for it). It never
	// reaches what production deliveries remember.
	// A workflow without an id (never saved) has no write log.
	const isTest = context.getMode() === 'manual';
	if (!isTest && workflowId) noteDeliveryAnswered(workflowId);
	const memory = isTest ? testMemoryOf(key) : nodeStaticData(context, node);
	const recent = isTest || !workflowId ? undefined : recentWritesOf(key);
	const { settings: stored, keyFromCache } = await readV4Settings.call(context, node, now);
	const settings = isTest ? { ...stored, deduplicate: false, maxDeliveryAgeMinutes: 0 } : stored;
	let secretKey = settings.secretKey;
	let outcome = handleV4Delivery(delivery, settings, memory, now, recent);
	if (keyFromCache && outcome.kind === 'reject' && KEY_DEPENDENT_REFUSALS.has(outcome.reason)) {
		// A refusal writes nothing to memory, so the delivery can run through the pipeline again.
		const fresh = await readSecretKey(context, node, now, true);
		if (fresh.secretKey !== secretKey) {
			secretKey = fresh.secretKey;
			outcome = handleV4Delivery(delivery, { ...settings, secretKey }, memory, now, recent);
		}
	}
	if (settings.verifySignature) noteSecretCheck(key, secretKey, outcome);
	return outcome;
}

const MAX_TEST_MEMORIES = 100;
const testMemories = new Map<string, IDataObject>();

/** The Test URL's memory of a node, in this process: so Tier Changed can be tried with two test events. */
function testMemoryOf(key: string): IDataObject {
	let memory = testMemories.get(key);
	if (!memory) {
		if (testMemories.size >= MAX_TEST_MEMORIES) testMemories.clear();
		memory = {};
		testMemories.set(key, memory);
	}
	return memory;
}
