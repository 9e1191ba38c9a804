import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { LOYALTY_FIELDS } from './presets';
import { CONDITIONS } from './rules';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

const CONDITION_OPTIONS: INodePropertyOptions[] = CONDITIONS.map(({ name, value, description }) => ({
	name,
	value,
	description,
})).sort(byName);

function prefixFor(preset: string, defaultPrefix: string, example: string): INodeProperties {
	return {
		displayName: 'Property Prefix',
		name: 'propertyPrefix',
		type: 'string',
		default: defaultPrefix,
		description: `Start of every loyalty property name, e.g. ${example}`,
		displayOptions: { show: { crmPreset: [preset] } },
	};
}

const words = (field: string) =>
	field
		.replace(/([A-Z])/g, ' $1')
		.replace(/^./, (c) => c.toUpperCase())
		.replace(/\bId\b/g, 'ID');

/** Rule defaults are literals (the linter reads them); a test keeps them equal to DEFAULT_RULES. */
export const loyaltyToCrmProperties: INodeProperties[] = [
	{
		displayName:
			'Reads Gameball Trigger items, Gameball or Open Loyalty webhook bodies and Gameball customers, and emits one item per CRM step. Wire each output into n8n\'s own CRM node.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName:
			'As an AI agent tool, this node hands the agent only its first output, Upsert Contact: set Upsert Contact When to Any Event and keep Include Event on to show the agent every event',
		name: 'toolNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@tool': [true] } },
	},
	{
		displayName: 'Read Event From',
		name: 'inputSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Input Item', value: 'item', description: 'The JSON of each incoming item' },
			{
				name: 'JSON Parameter',
				value: 'json',
				description: 'The Loyalty Event JSON below, e.g. filled by an AI agent when this node is a tool',
			},
		],
		default: 'item',
	},
	{
		displayName: 'Loyalty Event JSON',
		name: 'loyaltyEventJson',
		type: 'json',
		default: '',
		description: 'A webhook body or item in any of the recognised shapes, or an array of webhook bodies (one event each)',
		displayOptions: { show: { inputSource: ['json'] } },
	},
	{
		displayName: 'CRM Preset',
		name: 'crmPreset',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Generic', value: 'generic', description: 'CamelCase names, for any other system' },
			{ name: 'HubSpot', value: 'hubspot', description: 'Contact property internal names in lower snake case' },
			{ name: 'Pipedrive', value: 'pipedrive', description: 'Custom field keys that you map below' },
			{ name: 'Salesforce', value: 'salesforce', description: 'Custom fields such as Loyalty_Tier__c' },
			{ name: 'Zoho CRM', value: 'zoho', description: 'Field API names such as Loyalty_Tier' },
		],
		default: 'hubspot',
		description: 'Names the loyalty properties, task and note fields the way this CRM expects',
	},
	prefixFor('hubspot', 'gameball_', 'gameball_ gives gameball_tier and gameball_points_available'),
	prefixFor('salesforce', 'Loyalty_', 'Loyalty_ gives Loyalty_Tier__c and Loyalty_Points_Available__c'),
	prefixFor('zoho', 'Loyalty_', 'Loyalty_ gives Loyalty_Tier and Loyalty_Points_Available'),
	prefixFor('pipedrive', 'loyalty_', 'loyalty_ gives loyalty_tier for fields without a mapped key'),
	prefixFor('generic', '', 'loyalty gives loyaltyTier; empty gives tier'),
	{
		displayName: 'Pipedrive Field Keys',
		name: 'pipedriveFieldKeys',
		type: 'collection',
		placeholder: 'Map a Field',
		default: {},
		description: 'The key of each Pipedrive custom field (Settings > Data fields); unmapped fields use the prefix',
		displayOptions: { show: { crmPreset: ['pipedrive'] } },
		options: LOYALTY_FIELDS.map((field) => ({
			displayName: words(field),
			name: field,
			type: 'string' as const,
			default: '',
		})),
	},
	{
		displayName: 'Match Contact By',
		name: 'matchBy',
		type: 'options',
		options: [
			{ name: 'Customer ID', value: 'customerId' },
			{ name: 'Email', value: 'email' },
			{ name: 'Mobile', value: 'mobile', description: 'Not for HubSpot, whose upsert cannot match on a mobile number' },
		],
		default: 'email',
		description:
			'Key that finds the contact in the CRM; when an event lacks it, the next available key is used, and when an Open Loyalty event has just changed it, the customer ID',
	},
	{
		displayName: 'Points Threshold (N)',
		name: 'pointsThreshold',
		type: 'number',
		default: 1000,
		description: 'N for the "Points >= N" and "Points Crossed N" rules, on available points (Points >= N uses the total when an event has none)',
	},
	{
		displayName: 'Upsert Contact When',
		name: 'upsertContactOn',
		type: 'multiOptions',
		options: CONDITION_OPTIONS,
		default: [
			'contactChanged',
			'tierUp',
			'tierDown',
			'pointsChanged',
			'referralCodeAssigned',
			'memberRegistered',
			'memberDeactivated',
		],
		description: 'Conditions that send the contact and its loyalty properties to output 1',
	},
	{
		displayName: 'Add Tag / List When',
		name: 'addTagOn',
		type: 'multiOptions',
		options: CONDITION_OPTIONS,
		default: [
			'tierChanged',
		],
		description: 'Conditions that send the tier tag to output 2',
	},
	{
		displayName: 'Create Task When',
		name: 'createTaskOn',
		type: 'multiOptions',
		options: CONDITION_OPTIONS,
		default: [
			'tierUp',
			'tierDown',
			'pointsCrossed',
		],
		description: 'Conditions that send a follow-up task to output 3',
	},
	{
		displayName: 'Log Note When',
		name: 'logNoteOn',
		type: 'multiOptions',
		options: CONDITION_OPTIONS,
		default: [
			'tierChanged',
			'pointsCrossed',
			'referralCodeAssigned',
			'memberRegistered',
			'memberDeactivated',
			'transactionRegistered',
			'rewardRedeemed',
			'pointsWillExpire',
		],
		description: 'Conditions that send the summary as a note to output 4',
	},
	{
		displayName: 'Send Message When',
		name: 'sendMessageOn',
		type: 'multiOptions',
		options: CONDITION_OPTIONS,
		default: [
			'notification',
		],
		description: 'Conditions that send SMS, push or email fields to output 5',
	},
	{
		displayName: 'Tag Template',
		name: 'tagTemplate',
		type: 'string',
		default: 'Loyalty: {tier}',
		description: 'For Add Tag / List: the tag or list name; {tier} is replaced by the tier name',
	},
	{
		displayName: 'Remove Old Tier Tag',
		name: 'removeOldTierTag',
		type: 'boolean',
		default: true,
		description: 'Whether Add Tag / List also lists the tag of the previous tier for removal when the tier moves',
	},
	{
		displayName: 'All Tier Names',
		name: 'allTierNames',
		type: 'string',
		default: '',
		placeholder: 'Bronze, Silver, Gold',
		description:
			'For Add Tag / List; optional, comma-separated. When set, the tags of every other tier are listed for removal, so tags stay right even when the previous tier is unknown (e.g. an Open Loyalty manual level change).',
	},
	{
		displayName: 'Task Options',
		name: 'taskOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description:
			'For Create Task; placeholders: {customer}, {customerId}, {email}, {mobile}, {tier}, {previousTier}, {direction}, {points}, {delta}, {threshold}, {summary}',
		options: [
			{ displayName: 'Body', name: 'body', type: 'string', default: '{summary}' },
			{
				displayName: 'Due In Days',
				name: 'dueInDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 3,
				description: "Days from today in the workflow's time zone; the task is due at 17:00 that day. 0 is today, or tomorrow once 17:00 has passed.",
			},
			{ displayName: 'Title (Other)', name: 'titleOther', type: 'string', default: 'Follow up with {customer}: {summary}' },
			{ displayName: 'Title (Points)', name: 'titlePoints', type: 'string', default: '{customer} has {points} points (threshold {threshold})' },
			{ displayName: 'Title (Tier Down)', name: 'titleTierDown', type: 'string', default: 'Check in with {customer}: moved down to {tier}' },
			{ displayName: 'Title (Tier Up)', name: 'titleTierUp', type: 'string', default: 'Congratulate {customer} on reaching {tier}' },
		],
	},
	{
		displayName: 'Message Channels',
		name: 'messageChannels',
		type: 'multiOptions',
		options: [
			{ name: 'Email', value: 'email', description: 'To the email address, with subject and text' },
			{ name: 'Push', value: 'push', description: 'To the customer ID, with title, body and icon' },
			{ name: 'SMS', value: 'sms', description: 'To the mobile number, with text' },
		],
		default: ['email', 'push', 'sms'],
		description: 'For Send Message: one item per channel and language',
	},
	{
		displayName: 'Message Language',
		name: 'messageLanguage',
		type: 'string',
		default: '',
		placeholder: 'en',
		description:
			'For Send Message: only notification texts in this language, else its base language ("en" for "en-GB"), else one region of it ("en-US" for "en"), else the first language sent. Empty sends every language.',
	},
	{
		displayName: 'Include Event',
		name: 'includeEvent',
		type: 'boolean',
		default: true,
		description: 'Whether every output item carries the normalised loyalty event under "event"',
	},
];
