import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readJsonValue, readString } from './fields';
import { refuse } from '../../parameters';

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

/** The JSON object of the event parameter `name`, or `{}`; refused, by its display name, when it is not an object. */
function readObject(context: IExecuteFunctions, name: 'metadata' | 'moreEvents', itemIndex: number): IDataObject {
	const property = eventProperties.find((candidate) => candidate.name === name) as INodeProperties;
	const value = context.getNodeParameter(name, itemIndex, '{}');
	return (readJsonValue(context, property, value, itemIndex) ?? {}) as IDataObject;
}

/**
 * Gameball's `events` object: `{ "<event name>": { metadata } }`. Each More Events entry must be an object (or null,
 * where Gameball allows it: reward previews), and no event may be given twice: one would silently replace the other.
 */
export function readEvents(context: IExecuteFunctions, itemIndex: number, allowNullMetadata = false): IDataObject {
	const name = readString(context, 'eventName', itemIndex, 'Event Name');
	const metadata = readObject(context, 'metadata', itemIndex);
	// Metadata without a name would be lost unseen (an Event Name whose expression gave nothing, beside More Events).
	if (!name && Object.keys(metadata).length) refuse(context, '"Metadata (JSON)" is set but "Event Name" is empty', itemIndex);
	const trimmed = trimEventNames(readObject(context, 'moreEvents', itemIndex));
	if ('blank' in trimmed) refuse(context, '"More Events (JSON)" names an event with a blank name', itemIndex);
	if ('repeated' in trimmed) refuse(context, `"More Events (JSON)" gives the event "${trimmed.repeated}" twice. Give it once.`, itemIndex);
	const more = trimmed.events;
	for (const [event, value] of Object.entries(more)) {
		const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
		if (!isObject && !(allowNullMetadata && value === null)) {
			const wanted = allowNullMetadata ? 'an object of its properties, or null' : 'an object of its properties';
			refuse(context, `"More Events (JSON)": the event "${event}" must be ${wanted} (got ${JSON.stringify(value)})`, itemIndex);
		}
	}
	if (name && Object.hasOwn(more, name)) {
		refuse(context, `The event "${name}" is given twice: as Event Name and in More Events (JSON). Give it once.`, itemIndex);
	}
	const events = { ...more, ...(name ? { [name]: metadata } : {}) };
	if (!Object.keys(events).length) {
		refuse(context, '"Event Name" is required', itemIndex, 'Set Event Name, or give the events in More Events (JSON).');
	}
	return events;
}

/**
 * Event names trimmed, as Event Name is (" purchase " and "purchase" are one event), or what stops them: a blank name,
 * or one given twice once trimmed. Shared by Send Event and Batch > Create Job's events entries.
 */
export function trimEventNames(events: IDataObject): { events: IDataObject } | { blank: true } | { repeated: string } {
	const trimmed: IDataObject = {};
	for (const [given, metadata] of Object.entries(events)) {
		const name = given.trim();
		if (!name) return { blank: true };
		if (Object.hasOwn(trimmed, name)) return { repeated: name };
		// Defined, not assigned: an event named "__proto__" is an event, not the object's prototype.
		Object.defineProperty(trimmed, name, { value: metadata, enumerable: true, writable: true, configurable: true });
	}
	return { events: trimmed };
}
