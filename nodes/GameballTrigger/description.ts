import * as n8nWorkflow from 'n8n-workflow';
import type { INodeParameters, INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { noticeParam, optionsCollection, positiveNumberOption } from './sharedProperties';

/** Option values of the "Events" parameter. Choosing none means all. */
export const TRIGGER_EVENTS = ['profileUpdated', 'notification', 'tierChanged', 'pointsChanged'] as const;
export type TriggerEventOption = (typeof TRIGGER_EVENTS)[number];

/** Defaults of the numeric options (the parameters below repeat them as literals, as the linter asks). */
export const DEFAULTS = {
	maxBodySizeKb: 1024,
	deduplicationMemorySize: 5000,
	customerMemorySize: 10000,
} as const;

/** The method n8n registers. n8n inlines this function's source into an expression: it must stay self-contained. */
const registeredMethod = (parameters: INodeParameters) =>
	parameters.source === 'automation' ? parameters.automationMethod : 'POST';

/** The same method as an expression, for n8n-workflow 1.x, which has no native resolvers. */
export const METHOD_EXPRESSION = '={{$parameter["source"] === "automation" ? $parameter["automationMethod"] : "POST"}}';

type NativeFieldHelpers = Partial<Pick<typeof n8nWorkflow, 'webhookDescriptionFields' | 'fromFunction'>>;

/**
 * `httpMethod`, resolved without the expression engine where n8n-workflow can (2.x: about 0.4 ms less per delivery
 * under the `legacy` engine, bench/RESULTS.md P1), else the expression.
 */
export function httpMethodField(helpers: NativeFieldHelpers = n8nWorkflow): Pick<IWebhookDescription, 'httpMethod'> {
	const { webhookDescriptionFields, fromFunction } = helpers;
	if (typeof webhookDescriptionFields !== 'function' || typeof fromFunction !== 'function') {
		return { httpMethod: METHOD_EXPRESSION };
	}
	return webhookDescriptionFields({ httpMethod: fromFunction(registeredMethod) }) as Pick<IWebhookDescription, 'httpMethod'>;
}

/**
 * One webhook at path `webhook`. Gameball v4 always POSTs; an automation campaign's "Send Webhook" action uses
 * the method the merchant chose, so the method follows the "HTTP Method" parameter in that mode.
 */
export const gameballWebhook: IWebhookDescription = {
	name: 'default',
	...httpMethodField(),
	responseMode: 'onReceived',
	// Empty, so that n8n's own answer is the node's `webhookResponse` (unset, n8n answers "firstEntryJson").
	responseData: '',
	path: 'webhook',
};

const v4Only = { show: { source: ['v4'] } };
const automationOnly = { show: { source: ['automation'] } };

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Delivery Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Gameball Webhooks (V4)',
				value: 'v4',
				description: 'Signed deliveries of every topic to the one URL set in the Gameball dashboard',
			},
			{
				name: 'Automation Campaign Webhook',
				value: 'automation',
				description: 'The "Send Webhook" action of a Gameball automation campaign (unsigned, merchant-designed payload)',
			},
		],
		default: 'v4',
	},
	noticeParam(
		'setupNotice',
		'Gameball has no API to subscribe webhooks, so set it up once by hand: in Gameball open Admin Settings > Account Integration > Webhooks, choose version V4 and paste this node\'s <b>Production</b> URL (shown above under Webhook URLs), then activate the workflow (publish it, in n8n 2). That one URL receives every topic; this node keeps the events chosen below. The Test URL answers only while "Listen for test event" runs, for one event; a test delivery that starts nothing says why in n8n\'s log. With only Tier Changed or Points Changed chosen, the first test event for a customer only sets a baseline: send a second one with another tier or points.',
		v4Only,
	),
	noticeParam(
		'automationNotice',
		'In the automation campaign\'s "Send Webhook" action, paste this node\'s <b>Production</b> URL, choose the same HTTP method as below, and add a header with the name and secret value set below. Calls without it are refused.',
		automationOnly,
	),
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		noDataExpression: true,
		options: [
			{
				name: 'Notification',
				value: 'notification',
				description: 'A notification for a customer (customer.notification.push): one item per language (set Options > Preferred Languages for one item per customer), or one raw item with Simplify off. With Simplify on, more than 200 language entries get 400.',
			},
			{
				name: 'Points Changed',
				value: 'pointsChanged',
				description: 'Derived: activated or total points moved since the customer\'s previous profile update',
			},
			{
				name: 'Profile Updated',
				value: 'profileUpdated',
				description: 'Any change to a customer\'s profile (customer.profile.updated)',
			},
			{
				name: 'Tier Changed',
				value: 'tierChanged',
				description: 'Derived: the tier moved up or down since the customer\'s previous profile update',
			},
		],
		default: [],
		description: 'Which events start the workflow. Choose none for all.',
		displayOptions: v4Only,
	},
	{
		displayName: 'Verify Signature',
		name: 'verifySignature',
		type: 'boolean',
		default: true,
		description:
			'Whether to refuse (401) deliveries whose X-GB-Signature does not match the Secret Key of the credential',
		displayOptions: v4Only,
	},
	{
		displayName:
			'Warning: signature verification is off. Anyone who knows this URL can start the workflow with made-up data.',
		name: 'verificationOffNotice',
		type: 'notice',
		typeOptions: { theme: 'warning' },
		default: '',
		displayOptions: { show: { source: ['v4'], verifySignature: [false] } },
	},
	{
		displayName: 'HTTP Method',
		name: 'automationMethod',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'POST',
		description: 'The method chosen in the automation campaign\'s "Send Webhook" action',
		displayOptions: automationOnly,
	},
	{
		displayName: 'Header Name',
		name: 'headerName',
		type: 'string',
		required: true,
		default: 'X-Webhook-Secret',
		description: 'The header the "Send Webhook" action adds with the shared secret',
		displayOptions: automationOnly,
	},
	{
		displayName: 'Header Secret',
		name: 'headerSecret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The shared secret. Calls whose header does not hold exactly this value get 401.',
		displayOptions: automationOnly,
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return flat camelCase items with numbers coerced instead of the raw payload with its headers. Derived Tier Changed and Points Changed items stay typed either way.',
		displayOptions: v4Only,
	},
	optionsCollection([
		positiveNumberOption(
			'Customer Memory Size',
			'customerMemorySize',
			10000,
			'How many of the most recently seen customers\' last profile are always remembered for Tier Changed, Points Changed and "changes" (up to twice as many are kept; older ones are forgotten in bulk). Best effort: kept in this workflow\'s static data, which n8n does not keep reliably in queue mode (docs/queue-mode.md in the package shows how to keep them in your own database there). n8n reads that static data for every run, and past about 128 KB (reached with both memory sizes above about 1,000) reading it costs noticeably more: a smaller memory runs faster.',
			{ show: { '/source': ['v4'] } },
		),
		{
			displayName: 'Deduplicate Retries',
			name: 'deduplicate',
			type: 'boolean',
			default: true,
			description:
				'Whether to answer 200 without running the workflow when the same delivery arrives again within 2 hours (Gameball retries after 5, 20 and 60 minutes)',
			displayOptions: { show: { '/source': ['v4'] } },
		},
		positiveNumberOption(
			'Deduplication Memory Size',
			'deduplicationMemorySize',
			5000,
			'How many of the most recent deliveries are always remembered for deduplication (up to twice as many are kept; older ones are forgotten in bulk). Keep it at least as large as the deliveries of 85 minutes: Gameball\'s last retry comes 85 minutes after the first try.',
			{ show: { '/source': ['v4'] } },
		),
		{
			displayName: 'Headers to Keep',
			name: 'keepHeaders',
			type: 'string',
			default: '',
			placeholder: 'e.g. content-type, x-campaign-name',
			description: 'Comma-separated header names to copy into the item. The secret header is never copied.',
			displayOptions: { show: { '/source': ['automation'] } },
		},
		{
			displayName: 'Include Query',
			name: 'includeQuery',
			type: 'boolean',
			default: true,
			description: 'Whether to copy the query parameters into the item',
			displayOptions: { show: { '/source': ['automation'] } },
		},
		positiveNumberOption(
			'Maximum Body Size (KB)',
			'maxBodySizeKb',
			1024,
			'Larger deliveries get 413 and do not run the workflow',
		),
		{
			displayName: 'Preferred Languages',
			name: 'preferredLanguages',
			type: 'string',
			default: '',
			placeholder: 'e.g. en, ar',
			description:
				'Comma-separated language codes. Notifications keep only these languages, in this order, or the first language sent when none matches. Empty keeps one entry per language.',
			displayOptions: { show: { '/source': ['v4'], '/simplify': [true] } },
		},
		{
			displayName: 'Refuse Deliveries Older Than (Minutes)',
			name: 'maxDeliveryAgeMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Replay protection: a delivery whose created_at is more than this many minutes ago, missing or unreadable, gets 400 and does not run the workflow (test events run whatever their age). 0 turns it off. Gameball\'s signature has no time in it and its last retry comes 85 minutes after the first try, so keep this above 90 (e.g. 180); a delivery Gameball delays longer is refused too. One dated over an hour ahead of this server\'s clock gets 400 whatever the limit: a clock is off, and raising this does not help.',
			displayOptions: { show: { '/source': ['v4'] } },
		},
	]),
];
