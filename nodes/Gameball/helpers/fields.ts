import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseTime } from '../../times';

/** Parameter factories and readers shared by the operations. */

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
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'Mobile', name: 'mobile', type: 'string', default: '' },
];

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

/** Fails the item with a message a user can act on. */
export function refuse(context: IExecuteFunctions, message: string, itemIndex: number, description?: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** Reads a JSON parameter given as text or as an object; bad JSON is a clear per-item error. */
export function parseJson(context: IExecuteFunctions, value: unknown, field: string, itemIndex: number): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		refuse(context, `"${field}" is not valid JSON: ${(error as Error).message}`, itemIndex);
	}
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
	return empty ? undefined : parsed;
}

/**
 * A list field's entries, trimmed, empty ones dropped: from an array, a JSON array written as text, or comma-separated
 * text. `undefined` when none is left.
 */
export function splitList(context: IExecuteFunctions, displayName: string, value: unknown, itemIndex: number): string[] | undefined {
	const text = typeof value === 'string' ? value.trim() : undefined;
	const list = text?.startsWith('[') ? parseJson(context, text, displayName, itemIndex) : value;
	if (text?.startsWith('[') && !Array.isArray(list)) refuse(context, `"${displayName}" must be comma-separated or a JSON array`, itemIndex);
	const raw: unknown[] = Array.isArray(list) ? list : String(list ?? '').split(',');
	if (raw.some((entry) => typeof entry === 'object' && entry !== null)) refuse(context, `"${displayName}" must be a list of texts`, itemIndex);
	const entries = raw.map((entry) => String(entry ?? '').trim()).filter(Boolean);
	return entries.length ? entries : undefined;
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

export function readString(context: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
}

/**
 * The UTC ISO time of a dateTime parameter's value. The editor's date picker gives a time without a zone, meant in
 * the workflow's time zone (its settings), not the server's; a time with a zone or offset is read as given.
 */
export function utcTime(context: IExecuteFunctions, label: string, value: unknown, itemIndex: number): string {
	const time = parseTime(String(value), context.getTimezone());
	if (Number.isNaN(time)) {
		refuse(context, `"${label}" is not a valid date: ${String(value)}`, itemIndex);
	}
	return new Date(time).toISOString();
}

/** A required string parameter, trimmed; blank is a clear error rather than an empty field sent to Gameball. */
export function readRequiredString(context: IExecuteFunctions, property: INodeProperties, itemIndex: number): string {
	const value = readString(context, property.name, itemIndex);
	if (!value) refuse(context, `"${property.displayName}" is required`, itemIndex);
	return value;
}

// Each digit can match one way only (`\d+\.?\d*` matched a run of digits n ways: quadratic on a long one).
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number field's value as a number: an expression gives text, which is converted. Blank is `undefined`; anything
 * else that is not a number, or not a whole number where Gameball wants an integer, is a clear error.
 */
export function toNumber(
	context: IExecuteFunctions,
	displayName: string,
	value: unknown,
	itemIndex: number,
	integer = false,
): number | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	const number = typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
		refuse(context, `"${displayName}" must be a number (got ${shown})`, itemIndex);
	}
	if (integer && !Number.isInteger(number)) {
		refuse(context, `"${displayName}" must be a whole number (got ${number})`, itemIndex);
	}
	return number;
}

/**
 * A boolean field's value as a boolean: an expression gives text, so "true" and "false" (any case) are converted.
 * Blank is `undefined`; anything else is a clear error rather than a string Gameball refuses.
 */
export function toBoolean(context: IExecuteFunctions, displayName: string, value: unknown, itemIndex: number): boolean | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (text === 'true' || text === 'false') return text === 'true';
	const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
	refuse(context, `"${displayName}" must be true or false (got ${shown})`, itemIndex);
}

/** A boolean parameter read with `toBoolean`; blank gives the fallback. */
export function readBoolean(
	context: IExecuteFunctions,
	name: string,
	displayName: string,
	itemIndex: number,
	fallback: boolean,
): boolean {
	return toBoolean(context, displayName, context.getNodeParameter(name, itemIndex, fallback), itemIndex) ?? fallback;
}

/** A required number parameter: blank (e.g. an expression that gives nothing) is refused, not sent as 0. */
export function readNumber(context: IExecuteFunctions, property: INodeProperties, itemIndex: number, integer = false): number {
	const value = toNumber(context, property.displayName, context.getNodeParameter(property.name, itemIndex), itemIndex, integer);
	if (value === undefined) {
		refuse(context, `"${property.displayName}" is required`, itemIndex);
	}
	return value;
}

/** A number outside the parameter's documented range (e.g. an ID of 0) is refused before anything is sent. */
export function checkRange<T>(context: IExecuteFunctions, property: INodeProperties, value: T, itemIndex: number): T {
	const { minValue, maxValue } = property.typeOptions ?? {};
	if (typeof value !== 'number') return value;
	if (typeof minValue === 'number' && value < minValue) refuse(context, `"${property.displayName}" must be at least ${minValue} (got ${value})`, itemIndex);
	if (typeof maxValue === 'number' && value > maxValue) refuse(context, `"${property.displayName}" must be at most ${maxValue} (got ${value})`, itemIndex);
	return value;
}

/**
 * The settings chosen in a collection of options, each read as its option declares: a number as a number within
 * its range (an integer when named in `integers`), a boolean as a boolean, a choice as one of its values. An
 * expression that gives anything else is refused by the option's name; unset options are left out.
 */
export function readCollectionOptions(
	context: IExecuteFunctions,
	collection: INodeProperties,
	chosen: IDataObject,
	itemIndex: number,
	integers: string[] = [],
): IDataObject {
	const read: IDataObject = {};
	for (const option of (collection.options ?? []) as INodeProperties[]) {
		const value = chosen[option.name];
		if (value === undefined) continue;
		if (option.type === 'number') {
			const number = toNumber(context, option.displayName, value, itemIndex, integers.includes(option.name));
			if (number !== undefined) read[option.name] = checkRange(context, option, number, itemIndex);
		} else if (option.type === 'boolean') {
			const flag = toBoolean(context, option.displayName, value, itemIndex);
			if (flag !== undefined) read[option.name] = flag;
		} else if (option.type === 'options' || option.type === 'multiOptions') {
			read[option.name] = readChoices(context, option, value, itemIndex);
		} else {
			read[option.name] = value;
		}
	}
	return read;
}

/**
 * A dropdown's value, checked against its choices: one of them for `options`; for `multiOptions` a list of them, given
 * as a list or as comma-separated text (an expression's usual result). Anything else is refused by the field's name.
 */
export function readChoices(context: IExecuteFunctions, property: INodeProperties, value: unknown, itemIndex: number): string | string[] {
	const allowed = (property.options ?? []).map((choice) => String((choice as { value: unknown }).value));
	const check = (entry: unknown) => {
		if (typeof entry !== 'string' || !allowed.includes(entry)) {
			const shown = allowed.map((choice) => JSON.stringify(choice)).join(', ');
			refuse(context, `"${property.displayName}" must be ${property.type === 'multiOptions' ? 'a list of' : 'one of'} ${shown} (got ${JSON.stringify(entry) ?? String(entry)})`, itemIndex);
		}
		return entry;
	};
	if (property.type !== 'multiOptions') return check(value);
	const list = Array.isArray(value) ? value : typeof value === 'string' ? splitList(context, property.displayName, value, itemIndex) ?? [] : [value];
	return list.map(check);
}
