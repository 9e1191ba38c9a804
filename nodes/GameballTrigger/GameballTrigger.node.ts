import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { gameballWebhook, triggerProperties } from './description';
import { readParameter } from './parameters';
import { handleAutomationCall, type Outcome } from './pipeline';
import { readAutomationSettings, readDelivery } from './settings';
import { v4Outcome } from './v4Webhook';

/** The body of the answer to an accepted delivery. */
const ACCEPTED = { received: true };

/** When each trigger node last warned that its credential has no Secret Key (`<workflow id>:<node id>`). */
const lastNoSecretWarning = new Map<string, number>();
const NO_SECRET_WARNING_EVERY_MS = 60_000;

/**
 * A refusal for want of a Secret Key is the merchant's set-up, not a forger: it refuses every delivery, so it is
 * logged as a warning (once a minute per node) where other refusals are debug lines.
 */
const NO_SECRET_WARNINGS: Record<string, string> = {
	'signature-no-secret':
		'Gameball Trigger refuses every delivery: Verify Signature is on and the Gameball API credential has no Secret Key. Add it to the credential, or turn Verify Signature off.',
	'secret-header-not-set':
		'Gameball Trigger refuses every automation call: its Header Name or Header Secret is empty (an expression may have given nothing). Set both.',
};

function warnNoSecret(context: IWebhookFunctions, warning: string): void {
	const key = `${context.getWorkflow().id}:${context.getNode().id}`;
	const now = Date.now();
	if (now - (lastNoSecretWarning.get(key) ?? -Infinity) < NO_SECRET_WARNING_EVERY_MS) return;
	if (lastNoSecretWarning.size >= 1000) lastNoSecretWarning.clear();
	lastNoSecretWarning.set(key, now);
	context.logger.warn(warning, { workflowId: context.getWorkflow().id, node: context.getNode().name });
}

/** Answers a delivery: refusals are written here (status and a reason code, never a secret). */
function respond(context: IWebhookFunctions, outcome: Outcome): IWebhookResponseData {
	if (outcome.kind === 'reject') {
		const warning = NO_SECRET_WARNINGS[outcome.reason];
		if (warning) warnNoSecret(context, warning);
		context.logger.debug('Gameball Trigger refused a delivery', { status: outcome.status, reason: outcome.reason });
		context.getResponseObject().status(outcome.status).json({ message: outcome.reason });
		return { noWebhookResponse: true };
	}
	if (outcome.kind === 'ignore') {
		context.logger.debug('Gameball Trigger ignored a delivery', { reason: outcome.reason });
		return {};
	}
	const items: INodeExecutionData[] = outcome.items.map((json) => ({
		json: json as unknown as IDataObject,
		pairedItem: { item: 0 },
	}));
	// n8n saves the static data when it answers. Its own answer comes once it has recorded the run, which paces a
	// fast sender to what n8n can take, but on n8n 2.x recording the run resets the static data's change mark. So the
	// node answers first itself only when this delivery changed the static data (a flush of the write log: at most
	// every 5 s or 200 writes, recentWrites.ts). Both answers are `200 {"received": true}`.
	if (outcome.storeChanged) {
		context.getResponseObject().status(200).json(ACCEPTED);
		return { noWebhookResponse: true, workflowData: [items] };
	}
	return { webhookResponse: ACCEPTED, workflowData: [items] };
}

/**
 * Gameball has no API to subscribe webhooks: the merchant pastes the Production URL into the dashboard (see the
 * setup notice). So the lifecycle has nothing to register: the webhook always exists, and creating or deleting it
 * changes nothing at Gameball.
 */
const nothingToRegister = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	async create(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		return true;
	},
};

export class GameballTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gameball Trigger',
		name: 'gameballTrigger',
		icon: { light: 'file:gameball.svg', dark: 'file:gameball.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["source"] === "automation" ? "Automation campaign webhook" : "Gameball webhooks (v4)"}}',
		description: 'Starts the workflow on Gameball webhooks: profile updates, notifications, tier and points changes',
		defaults: { name: 'Gameball Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'gameballApi',
				required: true,
				displayOptions: { show: { source: ['v4'], verifySignature: [true] } },
			},
		],
		webhooks: [gameballWebhook],
		properties: triggerProperties,
	};

	webhookMethods = { default: nothingToRegister };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const delivery = await readDelivery.call(this);
		const source = readParameter(this, 'source', 'v4');
		const outcome =
			source === 'automation'
				? handleAutomationCall(delivery, readAutomationSettings.call(this))
				: await v4Outcome(this, delivery);
		return respond(this, outcome);
	}
}
