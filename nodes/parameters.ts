import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isDecimalText } from './numbers';

/**
 * Readers for parameter values, shared by every node of the package. A value may come from an expression (or an AI
 * agent), so each is checked as its parameter declares and refused, by the parameter's name, when it is not.
 */

/** Any node context: a reader that only refuses needs no more (execute and webhook contexts both have it). */
export type NodeContext = { getNode(): INode };

/** True when `value` is, or holds, an n8n expression (a string starting with `=`). */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** Fails the item with a message a user can act on. */
export function refuse(context: NodeContext, message: string, itemIndex: number, description?: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** Reads a JSON parameter given as text or as an object; bad JSON is a clear per-item error. */
export function parseJson(context: NodeContext, value: unknown, field: string, itemIndex: number): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		refuse(context, `"${field}" is not valid JSON: ${(error as Error).message}`, itemIndex);
	}
}

/**
 * A list field's entries, trimmed, empty ones dropped: from an array, a JSON array written as text, or comma-separated
 * text. `undefined` when none is left.
 */
export function splitList(context: NodeContext, displayName: string, value: unknown, itemIndex: number): string[] | undefined {
	const text = typeof value === 'string' ? value.trim() : undefined;
	const list = text?.startsWith('[') ? parseJson(context, text, displayName, itemIndex) : value;
	if (text?.startsWith('[') && !Array.isArray(list)) refuse(context, `"${displayName}" must be comma-separated or a JSON array`, itemIndex);
	const raw: unknown[] = Array.isArray(list) ? list : String(list ?? '').split(',');
	if (raw.some((entry) => typeof entry === 'object' && entry !== null)) refuse(context, `"${displayName}" must be a list of texts`, itemIndex);
	const entries = raw.map((entry) => String(entry ?? '').trim()).filter(Boolean);
	return entries.length ? entries : undefined;
}

/** An expression that gave nothing: `undefined`, `null` or blank text. Such a field is left out (or, when required, refused). */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A number field's value as a number: an expression gives text, which is converted. Blank is `undefined`; anything
 * else that is not a number, or not a whole number where Gameball wants an integer, is a clear error.
 */
export function toNumber(
	context: NodeContext,
	displayName: string,
	value: unknown,
	itemIndex: number,
	integer = false,
): number | undefined {
	if (isBlank(value)) return undefined;
	const number = typeof value === 'string' && isDecimalText(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
		refuse(context, `"${displayName}" must be a number (got ${shown})`, itemIndex);
	}
	if (integer && !Number.isInteger(number)) {
		refuse(context, `"${displayName}" must be a whole number (got ${number})`, itemIndex);
	}
	// Past 2^53 a whole number is not kept exactly: 99999999999999999999 would be sent as 100000000000000000000.
	if (integer && !Number.isSafeInteger(number)) {
		refuse(context, `"${displayName}" is too large to send exactly (got ${typeof value === 'string' ? value.trim().slice(0, 40) : number})`, itemIndex);
	}
	return number;
}

/** A Luxon DateTime, as n8n's `$now`, `$today` and date expressions give (Luxon comes with n8n, not this package). */
function isLuxonDateTime(value: unknown): value is { toISO: () => string | null } {
	const candidate = value as { isLuxonDateTime?: unknown; toISO?: unknown } | null;
	return typeof candidate === 'object' && candidate !== null && candidate.isLuxonDateTime === true && typeof candidate.toISO === 'function';
}

/**
 * A text field's value, trimmed: an expression may give a number or a switch (a phone number, a ZIP code), or a
 * date (a JavaScript Date or n8n's `$now`), which Gameball wants as ISO text. Unset is `undefined`; a list or an object is refused by name.
 */
export function toText(context: NodeContext, displayName: string, value: unknown, itemIndex: number): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	const luxonTime = isLuxonDateTime(value) ? value.toISO() : null;
	if (luxonTime) return luxonTime;
	return refuse(context, `"${displayName}" must be text (got ${Array.isArray(value) ? 'a list' : typeof value})`, itemIndex);
}

/** Whether a dropdown's choices are declared (not loaded from Gameball), so a value can be checked against them. */
export function hasFixedChoices(property: INodeProperties): boolean {
	return (property.type === 'options' || property.type === 'multiOptions') && Array.isArray(property.options) && property.options.length > 0;
}

/**
 * A boolean field's value as a boolean: an expression gives text, so "true" and "false" (any case) are converted.
 * Blank is `undefined`; anything else is a clear error rather than a string Gameball refuses.
 */
export function toBoolean(context: NodeContext, displayName: string, value: unknown, itemIndex: number): boolean | undefined {
	if (isBlank(value)) return undefined;
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
export function checkRange<T>(context: NodeContext, property: INodeProperties, value: T, itemIndex: number): T {
	const { minValue, maxValue } = property.typeOptions ?? {};
	if (typeof value !== 'number') return value;
	if (typeof minValue === 'number' && value < minValue) refuse(context, `"${property.displayName}" must be at least ${minValue} (got ${value})`, itemIndex);
	if (typeof maxValue === 'number' && value > maxValue) refuse(context, `"${property.displayName}" must be at most ${maxValue} (got ${value})`, itemIndex);
	return value;
}

/**
 * One optional field's value read as its parameter declares: a number as a number within its range (a whole one when
 * `integer`), a switch as a boolean, a declared choice as one of its values, text as text. An expression that gives
 * anything else is refused by the field's name; an unset value is `undefined`. Other types pass as given, text trimmed.
 */
export function readByType(context: NodeContext, property: INodeProperties, value: unknown, itemIndex: number, integer = false): unknown {
	if (property.type === 'number' || integer) return checkRange(context, property, toNumber(context, property.displayName, value, itemIndex, integer), itemIndex);
	if (property.type === 'boolean') return toBoolean(context, property.displayName, value, itemIndex);
	if (hasFixedChoices(property)) return readOptionalChoice(context, property, value, itemIndex);
	if (property.type === 'string') return toText(context, property.displayName, value, itemIndex);
	return checkRange(context, property, typeof value === 'string' ? value.trim() : value, itemIndex);
}

/** The fields set in `chosen`, each read by `readByType` (those named in `integers` as whole numbers); unset ones are left out. */
export function readFields(
	context: NodeContext,
	properties: INodeProperties[],
	chosen: IDataObject,
	itemIndex: number,
	integers: string[] = [],
): IDataObject {
	const read: IDataObject = {};
	for (const property of properties) {
		const value = readByType(context, property, chosen[property.name], itemIndex, integers.includes(property.name));
		if (value !== undefined) read[property.name] = value as IDataObject[string];
	}
	return read;
}

/** The settings chosen in a collection of options, read by `readFields`. */
export function readCollectionOptions(
	context: NodeContext,
	collection: INodeProperties,
	chosen: IDataObject,
	itemIndex: number,
	integers: string[] = [],
): IDataObject {
	return readFields(context, (collection.options ?? []) as INodeProperties[], chosen, itemIndex, integers);
}

/**
 * A dropdown's value, checked against its choices: one of them for `options`; for `multiOptions` a list of them, given
 * as a list or as comma-separated text (an expression's usual result). Anything else is refused by the field's name.
 */
export function readChoices(context: NodeContext, property: INodeProperties, value: unknown, itemIndex: number): string | string[] {
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

/** An optional dropdown's value: unset is `undefined`; anything else is checked by `readChoices`. */
export function readOptionalChoice(context: NodeContext, property: INodeProperties, value: unknown, itemIndex: number): string | string[] | undefined {
	return isBlank(value) ? undefined : readChoices(context, property, value, itemIndex);
}
