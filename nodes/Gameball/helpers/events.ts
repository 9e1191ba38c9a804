import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJson, readString } from './fields';

/** The event to send: its name and metadata, or a JSON object of several events. */
export const eventProperties: INodeProperties[] = [
	{
		displayName: 'Event Name',
		name: 'eventName',
		type: 'string',
		default: '',
		placeholder: 'review_posted',
		// Not marked required: n8n would then refuse to run a node that gives its events in More Events alone.
		description: 'The event to send. Needed unless More Events (JSON) gives the events.',
	},
	{
		displayName: 'Metadata (JSON)',
		name: 'metadata',
		type: 'json',
		default: '{}',
		description: 'Properties of the event that reward campaigns can match, e.g. {"rating": 5}',
	},
	{
		displayName: 'More Events (JSON)',
		name: 'moreEvents',
		type: 'json',
		default: '{}',
		description: 'Other events to send in the same call, as {"event_name": {"key": "value"}}',
	},
];

function asObject(context: IExecuteFunctions, value: unknown, field: string, itemIndex: number): IDataObject {
	const parsed = parseJson(context, value, field, itemIndex) ?? {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(context.getNode(), `"${field}" must be a JSON object`, { itemIndex });
	}
	return parsed as IDataObject;
}

/** Gameball's `events` object: `{ "<event name>": { metadata } }`. */
export function readEvents(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const name = readString(context, 'eventName', itemIndex);
	const metadata = asObject(context, context.getNodeParameter('metadata', itemIndex, '{}'), 'metadata', itemIndex);
	const more = asObject(context, context.getNodeParameter('moreEvents', itemIndex, '{}'), 'moreEvents', itemIndex);
	const events = { ...more, ...(name ? { [name]: metadata } : {}) };
	if (!Object.keys(events).length) {
		throw new NodeOperationError(context.getNode(), '"Event Name" is required', {
			itemIndex,
			description: 'Set Event Name, or give the events in More Events (JSON).',
		});
	}
	return events;
}
