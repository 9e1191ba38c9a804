import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isBlank, parseJson, refuse } from '../../../parameters';
import { parseTime } from '../../../times';
import { INTEGER_ATTRIBUTES, LIST_ATTRIBUTES, NUMBER_ATTRIBUTES, TEXT_ATTRIBUTES } from '../../helpers/customerAttributes';
import { trimEventNames } from '../../helpers/events';
import { shownValue, typedValue } from '../../helpers/fields';
import { MAX_BATCH_SIZE } from '../../transport/batch';
import { SECRET_FIELDS } from '../../transport/request';
import type { JobKind } from './jobKinds';

function typeOf(value: unknown) {
	return Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
}

export type FieldType = 'text' | 'number' | 'integer' | 'time' | 'object' | 'list' | 'boolean';

/** How the OpenAPI document types the fields of batch entries (the same name has one type in every kind). */
export const FIELD_TYPES: Record<string, FieldType> = {
	customerId: 'text', orderId: 'text', transactionId: 'text', email: 'text', mobile: 'text', deviceToken: 'text',
	osType: 'text', referrerCode: 'text', reason: 'text', holdReference: 'text',
	totalPaid: 'number', amount: 'number', points: 'integer',
	orderDate: 'time', transactionTime: 'time',
	customerAttributes: 'object', events: 'object', guest: 'boolean',
};

/** A Customers entry's `customerAttributes`, as the document types them (the fields Create or Update sends). */
export const ATTRIBUTE_TYPES: Record<string, FieldType> = Object.fromEntries([
	...[...TEXT_ATTRIBUTES, 'email', 'mobile', 'channel'].map((name) => [name, 'text']),
	...NUMBER_ATTRIBUTES.map((name) => [name, INTEGER_ATTRIBUTES.includes(name) ? 'integer' : 'number']),
	...LIST_ATTRIBUTES.map((name) => [name, 'list']),
	['custom', 'object'],
	// A time, as Create or Update sends it (the document says only "string").
	['lastOrderDate', 'time'],
]);

/** RFC 3339's date-time, as the OpenAPI document types these: a date, a time of day with seconds, and the zone. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function isDateTime(text: string): boolean {
	return DATE_TIME.test(text) && !Number.isNaN(parseTime(text));
}

/**
 * The field as Gameball types it, set on `holder` (a copy): a number written as text becomes a number and an ID given
 * as a number text, as for line items; an optional field given as null or blank text is left out; anything else is a
 * problem, said in words. `name` is how the problem names the field.
 */
function typedField(holder: IDataObject, field: string, type: FieldType, name = field): string | undefined {
	const value = holder[field];
	// An optional field given as null or blank is not set (a required one is missing: `problemWith`).
	if (isBlank(value)) {
		delete holder[field];
		return undefined;
	}
	const bad = (wanted: string) => `has "${name}" ${shownEntryValue(value, field)}: it must be ${wanted}`;
	if (type === 'text') {
		const text = typedValue(value, 'text');
		if (text === undefined) return bad('text');
		// Trimmed, as the single operations read text.
		holder[field] = String(text).trim();
	} else if (type === 'number' || type === 'integer') {
		const number = typedValue(value, 'number');
		if (number === undefined) return bad('a number');
		if (type === 'integer' && !Number.isInteger(number)) return bad('a whole number');
		// Past 2^53 a whole number is not sent exactly (99999999999999999999 would go as 100000000000000000000).
		if (type === 'integer' && !Number.isSafeInteger(number)) return bad('a whole number JavaScript holds exactly (under 2^53)');
		holder[field] = number;
	} else if (type === 'time') {
		if (typeof value !== 'string' || !isDateTime(value.trim())) return bad('a date and time with its zone, e.g. "2026-01-31T10:00:00Z"');
		holder[field] = value.trim();
	} else if (type === 'list') {
		if (!Array.isArray(value)) return bad('a JSON array');
	} else if (type === 'object') {
		if (typeof value !== 'object' || Array.isArray(value)) return bad('a JSON object');
		if (field === 'events') return eventsProblem(holder);
		if (field === 'customerAttributes') return typedAttributes(holder);
	} else if (value === 'true' || value === 'false') {
		holder[field] = value === 'true';
	} else if (typeof value !== 'boolean') {
		return bad('true or false');
	}
	return undefined;
}

/** A wrong value as an entry's error shows it (`shownValue`); a secret field's value by its kind only. */
function shownEntryValue(value: unknown, field: string): string {
	return SECRET_FIELDS.has(field) ? typeOf(value) : shownValue(value);
}

/** An events entry's `events`: event names, trimmed (as Send Event's), each with an object of metadata. */
function eventsProblem(holder: IDataObject): string | undefined {
	const trimmed = trimEventNames(holder.events as IDataObject);
	if ('blank' in trimmed) return 'has "events" with a blank event name';
	if ('repeated' in trimmed) return `has "events" with the event "${trimmed.repeated}" twice`;
	const events = (holder.events = trimmed.events);
	const names = Object.keys(events);
	if (!names.length) return 'has "events" {}: it needs at least one event, e.g. {"review_posted": {}}';
	const badName = names.find((name) => typeof events[name] !== 'object' || events[name] === null || Array.isArray(events[name]));
	if (badName === undefined) return undefined;
	return `has "events › ${badName}" ${shownEntryValue(events[badName], badName)}: an event's metadata must be a JSON object ({} for none)`;
}

/** A field the document does not list: Gameball would ignore it, so a misspelt or misplaced field would be lost unseen. */
function notTaken(name: string, what: string, takes: string[]): string {
	return `has "${name}": ${what} take only ${takes.map((field) => `"${field}"`).join(', ')}`;
}

/** A Customers entry's attributes, typed on a copy (the entry is itself a copy). */
function typedAttributes(entry: IDataObject): string | undefined {
	const attributes: IDataObject = { ...(entry.customerAttributes as IDataObject) };
	entry.customerAttributes = attributes;
	for (const field of Object.keys(attributes)) {
		const name = `customerAttributes › ${field}`;
		if (!Object.hasOwn(ATTRIBUTE_TYPES, field)) return notTaken(name, 'customer attributes', Object.keys(ATTRIBUTE_TYPES));
		const problem = typedField(attributes, field, ATTRIBUTE_TYPES[field], name);
		if (problem) return problem;
	}
	// An empty list or object is none, as Create or Update reads its JSON attributes.
	for (const field of Object.keys(attributes)) {
		const value = attributes[field];
		if (typeof value === 'object' && value !== null && !Object.keys(value).length) delete attributes[field];
	}
	// None left (all null, blank or empty): none sent, as Create or Update sends none.
	if (!Object.keys(attributes).length) delete entry.customerAttributes;
	return undefined;
}

function problemWith(entry: unknown, kind: JobKind): string | undefined {
	const shape = kind.entry;
	if (shape === 'orderIds') {
		if (typeof entry === 'string' && entry.trim() === '') return 'is blank: it must be an order ID';
		return typedValue(entry, 'text') !== undefined ? undefined : `must be an order ID (a string), not ${typeof entry === 'number' ? String(entry) : typeOf(entry)}`;
	}
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `must be an object, not ${typeOf(entry)}`;
	const missing = shape.filter((field) => isBlank((entry as IDataObject)[field]));
	if (missing.length) return `lacks ${missing.map((field) => `"${field}"`).join(', ')}`;
	const takes = [...shape, ...kind.optional];
	for (const field of Object.keys(entry)) {
		if (!takes.includes(field)) return notTaken(field, `${kind.name} entries`, takes);
		const problem = typedField(entry as IDataObject, field, FIELD_TYPES[field]);
		if (problem) return problem;
	}
	return kind.check?.(entry as IDataObject);
}

/** A job's entries, checked before anything is sent: an array of 1 to 1,000 entries of the kind's shape. */
export function readEntries(context: IExecuteFunctions, kind: JobKind, itemIndex: number): unknown[] {
	const fail = (message: string, description?: string) => refuse(context, message, itemIndex, description);
	const entries = parseJson(context, context.getNodeParameter('entries', itemIndex, undefined), 'Entries', itemIndex);
	if (!Array.isArray(entries)) {
		return fail(`"Entries" must be a JSON array, not ${entries === undefined ? 'empty' : typeOf(entries)}`, `For example: ${kind.example}`);
	}
	if (!entries.length) fail('"Entries" is an empty array: a batch job needs at least one entry');
	if (entries.length > MAX_BATCH_SIZE) {
		fail(
			`"Entries" has ${entries.length} entries; Gameball takes at most ${MAX_BATCH_SIZE} per job`,
			'Split them over several input items, one job each, or use the matching single operation with its Batching option.',
		);
	}
	// Typed on copies: the entries may be the input item's own objects (an expression such as {{ $json.entries }}).
	const typed = entries.map((entry: unknown) => (typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? { ...entry } : entry));
	for (const [index, entry] of typed.entries()) {
		const problem = problemWith(entry, kind);
		if (problem) fail(`Entry ${index} of "Entries" ${problem}`, `Entries of a ${kind.name} job look like: ${kind.example}`);
	}
	return kind.entry === 'orderIds' ? typed.map((entry) => String(entry).trim()) : typed;
}
