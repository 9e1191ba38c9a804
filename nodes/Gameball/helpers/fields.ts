import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseTime } from '../../times';
import { numberOrNull } from '../../numbers';
import { parseJson, refuse, toText } from '../../parameters';

/** Parameter factories and Gameball-specific readers shared by the operations. */

export function stringParam(
	name: string,
	displayName: string,
	description?: string,
	required = true,
): INodeProperties {
	return { displayName, name, type: 'string', default: '', required, description };
}

export const customerIdParam = stringParam(
	'customerId',
	'Customer ID',
	'Your unique ID for the customer in Gameball (a database ID, email or any stable identifier)',
);

export const transactionIdParam = stringParam(
	'transactionId',
	'Transaction ID',
	'Your unique ID for this transaction. Gameball rejects a repeated ID (code 9004), which makes retries safe.',
);

export const transactionTimeParam: INodeProperties = {
	displayName: 'Transaction Time',
	name: 'transactionTime',
	type: 'dateTime',
	default: '',
	description: 'When the transaction happened. Leave empty for now.',
};

/** Email and mobile, which identify the customer on accounts that merge channels by them. */
export const identityOptions: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: "The customer's email address" },
	{ displayName: 'Mobile', name: 'mobile', type: 'string', placeholder: '+201000000000', default: '', description: "The customer's mobile number, with its country code" },
];

/** The language of translated names and texts, for operations whose answer has them (a header or a query filter). */
export const languageOption: INodeProperties = {
	displayName: 'Language',
	name: 'lang',
	type: 'string',
	default: '',
	placeholder: 'en',
	description: 'Language code for translated names and texts',
};

/** A JSON field; its default (`[]` or `{}`) is also how the node knows which shape to accept. */
export function jsonOption(name: string, displayName: string, shape: 'array' | 'object', description: string): INodeProperties {
	if (shape === 'array') return { displayName, name, type: 'json', default: '[]', description };
	return { displayName, name, type: 'json', default: '{}', description };
}

export const merchantOption = jsonOption(
	'merchant',
	'Merchant (JSON)',
	'object',
	'Merchant and branch, e.g. {"uniqueId": "m1", "name": "Store", "branch": {"uniqueId": "b1", "name": "Downtown"}}',
);

export const lineItemsOption = jsonOption(
	'lineItems',
	'Line Items (JSON)',
	'array',
	'Array of line items, e.g. [{"productId": "p1", "sku": "SKU1", "quantity": 1, "price": 10, "category": ["shoes"], "collection": ["summer"]}]. Campaigns and cashback rules can also match title, tags, vendor, weight, taxes, discount and extra.',
);

export function additionalFields(options: INodeProperties[], displayName = 'Additional Fields'): INodeProperties {
	return {
		displayName,
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/**
 * A JSON field's value, of the shape its default gives (`[]` for an array, `{}` for an object: `jsonOption`), refused
 * by its display name otherwise; an empty array or object counts as not set.
 */
export function readJsonValue(context: IExecuteFunctions, property: INodeProperties, value: unknown, itemIndex: number): unknown {
	const parsed = parseJson(context, value, property.displayName, itemIndex);
	if (parsed === undefined || parsed === null) return undefined;
	const fail = (shape: string) => refuse(context, `"${property.displayName}" must be a JSON ${shape}`, itemIndex);
	if (property.default === '[]' && !Array.isArray(parsed)) fail('array');
	if (property.default === '{}' && (typeof parsed !== 'object' || Array.isArray(parsed))) fail('object');
	if (typeof parsed !== 'object') fail('object or array');
	const empty = Array.isArray(parsed) ? parsed.length === 0 : Object.keys(parsed as object).length === 0;
	if (empty) return undefined;
	if (property.name === 'extra') checkExtra(context, property.displayName, parsed, itemIndex);
	if (Array.isArray(parsed)) return typedEntries(context, property, parsed, itemIndex);
	return Object.hasOwn(OBJECT_FIELDS, property.name) ? typedObject(context, property, parsed as IDataObject, itemIndex) : parsed;
}

/** Reads one field of a JSON object option as Gameball types it, or fails with the rule it breaks. */
type ObjectField = (value: unknown, fail: (rule: string) => never) => IDataObject[string];

/** Non-blank text (a number is its text): a blank reference redeems nothing, yet the order would be tracked. */
const textField =
	(what: string): ObjectField =>
	(value, fail) =>
		typedValue(value, 'text')?.trim() || fail(`must be ${what} as text`);
const reference = textField('the reference');
const couponTypeName = textField('your name for the coupon type');

const codeList: ObjectField = (value, fail) => {
	const codes = Array.isArray(value) ? value.map((code) => typedValue(code, 'text')?.trim()) : [];
	return codes.length > 0 && codes.every(Boolean) ? codes : fail('must be a list of coupon codes');
};

const returnWindow: ObjectField = (value, fail) => {
	const days = typedValue(value, 'number');
	return days !== undefined && Number.isInteger(days) && days >= 0 && days <= 7300 ? days : fail('must be a whole number of days from 0 to 7300');
};

/** The JSON object options whose fields Gameball lists (OpenAPI: an order's or payment's, the coupon integration's), read so. */
const OBJECT_FIELDS: Record<string, Record<string, ObjectField>> = {
	redemption: { pointsHoldReference: reference, couponsLockReference: reference, couponCodes: codeList },
	cashbackConfigurations: { returnWindow },
	couponMapping: { fixed: couponTypeName, freeProduct: couponTypeName, freeShipping: couponTypeName, percentage: couponTypeName },
};

/** A JSON object option's fields, typed; a field Gameball does not list would be ignored, so it is refused. */
function typedObject(context: IExecuteFunctions, property: INodeProperties, object: IDataObject, itemIndex: number): IDataObject {
	const fields = OBJECT_FIELDS[property.name];
	const typed: IDataObject = {};
	for (const [name, value] of Object.entries(object)) {
		const where = `"${property.displayName} › ${name}"`;
		if (!Object.hasOwn(fields, name)) {
			refuse(context, `${where} is not a field Gameball takes here: it takes ${Object.keys(fields).join(', ')}`, itemIndex);
		}
		typed[name] = fields[name](value, (rule) => refuse(context, `${where} ${rule} (got ${shownValue(value)})`, itemIndex));
	}
	return typed;
}

/** Gameball's `extra` (an order's, a payment's, a line item's): "The values must be of type string or number." */
function checkExtra(context: IExecuteFunctions, where: string, extra: unknown, itemIndex: number): void {
	if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) refuse(context, `"${where}" must be a JSON object`, itemIndex);
	for (const [key, value] of Object.entries(extra as IDataObject)) {
		if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) continue;
		const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'number' ? `a number that is not finite, ${value}` : typeof value;
		refuse(context, `"${where} › ${key}" must be text or a number (got ${got}): Gameball takes only those in extra`, itemIndex);
	}
}

/**
 * The JSON lists whose entries are objects, and the fields Gameball types as numbers or text (OpenAPI: line items,
 * payment details, the coupon integration's headers, query parameters and platforms).
 */
const ENTRY_FIELD_TYPES: Record<string, { numbers: string[]; texts: string[] }> = {
	lineItems: { numbers: ['quantity', 'price', 'weight', 'taxes', 'discount'], texts: ['productId', 'sku', 'vendor', 'title'] },
	paymentDetails: { numbers: ['amount', 'tax', 'discount'], texts: ['serviceId', 'serviceName', 'serviceProvider'] },
	headers: { numbers: [], texts: ['key', 'value'] },
	queryParams: { numbers: [], texts: ['key', 'value'] },
	platforms: { numbers: [], texts: ['displayName', 'value'] },
};

/**
 * A value as Gameball types it: decimal text (as an expression or an AI agent may write a number) becomes a number, a
 * finite number given for text (an ID) becomes text; `undefined` when the value is neither.
 */
export function typedValue(value: unknown, type: 'number'): number | undefined;
export function typedValue(value: unknown, type: 'text'): string | undefined;
export function typedValue(value: unknown, type: 'number' | 'text'): number | string | undefined {
	if (type === 'number') return numberOrNull(value) ?? undefined;
	if (typeof value === 'string') return value;
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** A wrong value as an error shows it: text quoted (its start), a number or switch as written, a list or object by its kind. */
export function shownValue(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
	if (typeof value !== 'object' || value === null) return String(value);
	// Never a list's or an object's contents: they could hold a device token.
	return Array.isArray(value) ? 'an array' : 'an object';
}

/** The entries with their typed fields as Gameball wants them (`typedValue`); a blank number is refused by its entry. */
function typedEntries(context: IExecuteFunctions, property: INodeProperties, entries: unknown[], itemIndex: number): unknown[] {
	const types = ENTRY_FIELD_TYPES[property.name];
	if (!types) return entries;
	return entries.map((entry, index) => {
		const where = `${property.displayName} › entry ${index + 1}`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) refuse(context, `"${where}" must be a JSON object`, itemIndex);
		const typed: IDataObject = { ...(entry as IDataObject) };
		for (const field of types.numbers) {
			if (!(field in typed)) continue;
			// Blank is refused, not left out: a refund's line without its quantity or price would refund more.
			const number = typedValue(typed[field], 'number');
			if (number === undefined) refuse(context, `"${where} › ${field}" must be a number (got ${shownValue(typed[field])})`, itemIndex);
			typed[field] = number;
		}
		for (const field of types.texts) {
			if (typed[field] === undefined) continue;
			// Null is not set (left out: a coupon header's key too); a number is its text (an ID); anything else is refused.
			if (typed[field] === null) delete typed[field];
			else typed[field] = typedValue(typed[field], 'text') ?? refuse(context, `"${where} › ${field}" must be text (got ${shownValue(typed[field])})`, itemIndex);
		}
		// An entry's extra given as null is left out (numbers given as null are refused above, as blank).
		if (typed.extra === null) delete typed.extra;
		if (typed.extra !== undefined) checkExtra(context, `${where} › extra`, typed.extra, itemIndex);
		return typed;
	});
}

/** Drops empty values, so that unset optional fields are not sent. */
export function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== null && value !== ''),
	);
}

/** The "Additional Fields" collection, without its empty values. */
export function readAdditional(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return compact(context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject);
}

/** A text parameter, trimmed ('' when blank). A list or an object is refused by name; a date becomes ISO text. */
export function readString(context: IExecuteFunctions, name: string, itemIndex: number, displayName = name): string {
	return toText(context, displayName, context.getNodeParameter(name, itemIndex, ''), itemIndex) ?? '';
}

/**
 * The UTC ISO time of a dateTime parameter's value. The editor's date picker gives a time without a zone, meant in
 * the workflow's time zone (its settings), not the server's; a time with a zone or offset is read as given.
 */
export function utcTime(context: IExecuteFunctions, label: string, value: unknown, itemIndex: number): string {
	// A Date or `$now` as its ISO text: `String()` of a Date drops its milliseconds.
	const time = parseTime(toText(context, label, value, itemIndex) ?? '', context.getTimezone());
	if (Number.isNaN(time)) {
		refuse(
			context,
			`"${label}" is not a valid date: ${String(value)}`,
			itemIndex,
			"Use ISO 8601: 2026-01-02T10:00:00 (read in the workflow's time zone), or with its zone: 2026-01-02T10:00:00Z, 2026-01-02T10:00:00+02:00.",
		);
	}
	return new Date(time).toISOString();
}

/** A required string parameter, trimmed; blank is a clear error rather than an empty field sent to Gameball. */
export function readRequiredString(context: IExecuteFunctions, property: INodeProperties, itemIndex: number): string {
	const value = readString(context, property.name, itemIndex, property.displayName);
	if (!value) refuse(context, `"${property.displayName}" is required`, itemIndex);
	return value;
}

// Each digit can match one way only (`\d+\.?\d*` matched a run of digits n ways: quadratic on a long one).
