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
import { logUnrun, nodeKeyOf, noteSecretCheck } from './setupWarnings';
import { v4Outcome } from './v4Webhook';

/** The body of the answer to an accepted delivery. */
const ACCEPTED = { received: true };

/** Answers a delivery: refusals are written here (status and a reason code, never a secret). */
function respond(context: IWebhookFunctions, outcome: Outcome): IWebhookResponseData {
	if (outcome.kind === 'reject') {
		logUnrun(context, outcome);
		context.getResponseObject().status(outcome.status).json({ message: outcome.reason });
		return { noWebhookResponse: true };
	}
	if (outcome.kind === 'ignore') {
		logUnrun(context, outcome);
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
		triggerPanel: {
			header: '',
			executionsHelp: {
				inactive:
					"Gameball sends webhooks to the URL pasted in its dashboard (Admin Settings > Account Integration > Webhooks, version V4).<br /><br /><b>While you build</b>, click the listen button and send one event to the Test URL: it shows up in the editor.<br /><br /><b>To run for real</b>, paste the Production URL there and activate the workflow (publish it, in n8n 2): deliveries then show up in the executions list. A delivery refused or ignored starts no execution; n8n's log warns when the set-up is the likely cause (others show with N8N_LOG_LEVEL=debug).",
				active:
					"The workflow is active: Gameball's deliveries to the Production URL show up in the <a data-key=\"executions\">executions list</a>, not in the editor. To see one here, click the listen button and send an event to the Test URL. A delivery refused or ignored starts no execution; n8n's log warns when the set-up is the likely cause (others show with N8N_LOG_LEVEL=debug).",
			},
			activationHint: {
				inactive: "When the workflow is built, paste the Production URL into Gameball's dashboard and activate the workflow (publish it, in n8n 2).",
				active: "Gameball's deliveries to the Production URL start this workflow: see them in the executions list.",
			},
		},
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
		if (source !== 'automation') return respond(this, await v4Outcome(this, delivery));
		const settings = readAutomationSettings.call(this);
		const outcome = handleAutomationCall(delivery, settings);
		noteSecretCheck(nodeKeyOf(this), settings.secretHeaderValue, outcome);
		return respond(this, outcome);
	}
}
