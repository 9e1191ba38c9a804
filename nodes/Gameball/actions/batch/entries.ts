import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseJson, refuse } from '../../../parameters';
import { isDecimalText } from '../../../numbers';
import { parseTime } from '../../../times';
import { MAX_BATCH_SIZE } from '../../transport/batch';
import { SECRET_FIELDS } from '../../transport/request';
import type { JobKind } from './jobKinds';

function typeOf(value: unknown) {
	return Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
}

/** How the OpenAPI document types the fields of batch entries (the same name has one type in every kind). */
const FIELD_TYPES: Record<string, 'text' | 'number' | 'integer' | 'time' | 'object' | 'boolean'> = {
	customerId: 'text', orderId: 'text', transactionId: 'text', email: 'text', mobile: 'text', deviceToken: 'text',
	osType: 'text', referrerCode: 'text', reason: 'text', holdReference: 'text',
	totalPaid: 'number', amount: 'number', points: 'integer',
	orderDate: 'time', transactionTime: 'time',
	customerAttributes: 'object', events: 'object', guest: 'boolean',
};

/** The least value of a number field, as the single operations refuse below it (`above`: the value itself too). */
const LEAST: Record<string, { value: number; above?: boolean }> = {
	totalPaid: { value: 0 },
	points: { value: 0, above: true },
};

/** RFC 3339's date-time, as the OpenAPI document types these: a date, a time of day with seconds, and the zone. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** RFC 3339 text of a real day: `Date.parse` would read 2026-02-30 as 2 March. */
function isDateTime(text: string): boolean {
	if (!DATE_TIME.test(text) || Number.isNaN(parseTime(text))) return false;
	const [year, month, day] = text.slice(0, 10).split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/**
 * The entry's field as Gameball types it: a number written as text becomes a number and an ID given as a number
 * text, as for line items; anything else is a problem, said in words.
 */
function typedField(entry: IDataObject, field: string): string | undefined {
	const value = entry[field];
	const type = Object.hasOwn(FIELD_TYPES, field) ? FIELD_TYPES[field] : undefined;
	if (value === undefined || !type) return undefined;
	// An optional field given as null is not set (a required one is missing: `problemWith`).
	if (value === null) {
		delete entry[field];
		return undefined;
	}
	// A secret's value stays out of the error, as out of every error.
	const shown = SECRET_FIELDS.has(field) ? typeOf(value) : (JSON.stringify(value)?.slice(0, 40) ?? typeOf(value));
	const bad = (wanted: string) => `has "${field}" ${shown}: it must be ${wanted}`;
	if (type === 'text') {
		if (typeof value === 'number' && Number.isFinite(value)) entry[field] = String(value);
		else if (typeof value !== 'string') return bad('text');
	} else if (type === 'number' || type === 'integer') {
		const number = typeof value === 'string' && isDecimalText(value) ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number)) return bad('a number');
		if (type === 'integer' && !Number.isInteger(number)) return bad('a whole number');
		const least = Object.hasOwn(LEAST, field) ? LEAST[field] : undefined;
		if (least && !(least.above ? number > least.value : number >= least.value)) return bad(least.above ? `more than ${least.value}` : `${least.value} or more`);
		entry[field] = number;
	} else if (type === 'time') {
		if (typeof value !== 'string' || !isDateTime(value.trim())) return bad('a date and time with its zone, e.g. "2026-01-31T10:00:00Z"');
		entry[field] = value.trim();
	} else if (type === 'object') {
		if (typeof value !== 'object' || Array.isArray(value)) return bad('a JSON object');
		if (field === 'events' && Object.values(value).some((metadata) => typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
			return bad('an object of event names, each with an object of metadata ({} for none)');
		}
	} else if (value === 'true' || value === 'false') {
		entry[field] = value === 'true';
	} else if (typeof value !== 'boolean') {
		return bad('true or false');
	}
	return undefined;
}

function problemWith(entry: unknown, kind: JobKind): string | undefined {
	const shape = kind.entry;
	if (shape === 'orderIds') {
		if (typeof entry === 'string' && entry.trim() === '') return 'is blank: it must be an order ID';
		const isId = typeof entry === 'string' || (typeof entry === 'number' && Number.isFinite(entry));
		return isId ? undefined : `must be an order ID (a string), not ${typeof entry === 'number' ? String(entry) : typeOf(entry)}`;
	}
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `must be an object, not ${typeOf(entry)}`;
	const missing = shape.filter((field) => {
		const value = (entry as IDataObject)[field];
		return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
	});
	if (missing.length) return `lacks ${missing.map((field) => `"${field}"`).join(', ')}`;
	for (const field of Object.keys(entry)) {
		const problem = typedField(entry as IDataObject, field);
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
