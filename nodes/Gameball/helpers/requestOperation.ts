import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { displayNameOf, type Endpoint, type GameballOperation, type GameballRequest } from '../actions/operation';
import { additionalFields, compact, languageOption, readJsonValue, readString, utcTime } from './fields';
import { checkRange, holdsExpression, isBlank, readByType, readNumber, refuse, splitList, toNumber } from '../../parameters';

/** An operation described by its fields: where each one goes is derived from the spec, not written per operation. */
export interface RequestSpec
	extends Pick<GameballOperation, 'idempotencyKey' | 'changesNothing' | 'movesMoney' | 'unsafeToRepeat' | 'doneByEarlierAttempt' | 'onlyOneOf' | 'list' | 'entries' | 'batch' | 'simplify' | 'didNothing'> {
	value: string;
	name: string;
	action: string;
	endpoint: Endpoint;
	/** Path parameters, named as in the endpoint. */
	path?: INodeProperties[];
	/** Fields Gameball requires: top-level parameters. */
	required?: INodeProperties[];
	/** Optional fields: under "Additional Fields" for a body, under "Filters" for a query. */
	optional?: INodeProperties[];
	/** Where the fields go; a body unless said otherwise. */
	sendIn?: 'body' | 'qs';
	/** Fields typed as comma-separated text and sent as arrays of strings. */
	lists?: string[];
	/** Fields Gameball wants as integers (IDs, points, days): sent as numbers, a fraction refused. */
	integers?: string[];
	/** Gameball reads the language from a `lang` header: offer it among the optional fields. */
	langHeader?: boolean;
	/** Reshapes the fields once read, e.g. to nest some of them. */
	shape?: (fields: IDataObject) => IDataObject;
	/** An update whose fields are all optional: offered as "Update Fields", and refused when none is set. */
	needsAField?: boolean;
	/** A rule across the fields once read: says why the item is refused, or nothing. */
	rejectIf?: (fields: IDataObject) => string | undefined;
	/**
	 * Optional fields whose absence widens the request, with what Gameball then does ("refunds the whole
	 * transaction"): one that was added but comes out empty (an expression that found nothing) is refused, not left out.
	 */
	widensWhenEmpty?: Record<string, string>;
	/** A caveat shown above the fields (a notice, which sends nothing). */
	notice?: string;
}


/** `"A", "B" or "C"`: fields named as the user sees them. */
function listed(names: string[], properties: INodeProperties[], conjunction: 'or' | 'and'): string {
	const shown = names.map((name) => `"${displayNameOf(properties, name)}"`);
	return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1]}` : shown.join('');
}

/**
 * Gameball takes exactly one of these fields: an item that sets none, or more than one, is refused, naming them. So
 * is one set to 0 (points, an amount, a rule ID): a field added and left at its default would be sent as the choice.
 */
function checkOnlyOneOf(context: IExecuteFunctions, spec: RequestSpec, fields: IDataObject, itemIndex: number): void {
	if (!spec.onlyOneOf) return;
	const properties = [...(spec.required ?? []), ...(spec.optional ?? [])];
	const set = spec.onlyOneOf.filter((name) => fields[name] !== undefined);
	const zero = set.find((name) => fields[name] === 0);
	if (zero) refuse(context, `"${displayNameOf(properties, zero)}" is 0: give it a value, or remove it and set one of ${listed(spec.onlyOneOf.filter((name) => name !== zero), properties, 'or')}`, itemIndex);
	if (set.length === 0) refuse(context, `Set one of ${listed(spec.onlyOneOf, properties, 'or')}`, itemIndex);
	if (set.length > 1) {
		refuse(context, `Set only one of ${listed(spec.onlyOneOf, properties, 'or')}, not ${listed(set, properties, 'and')}`, itemIndex);
	}
}

/**
 * A field that the user added (it is in `chosen`) but that is empty once read is refused when its absence widens the
 * request: one of `widensWhenEmpty`, or any filter of a query but the language (a read for one customer's tier, tag
 * or campaign would answer for all of them).
 */
function checkNotEmptied(
	context: IExecuteFunctions,
	spec: RequestSpec,
	collection: INodeProperties,
	chosen: IDataObject,
	read: IDataObject,
	itemIndex: number,
): void {
	const filters = spec.sendIn === 'qs' ? Object.keys(chosen).filter((name) => name !== 'lang') : [];
	for (const name of new Set([...Object.keys(spec.widensWhenEmpty ?? {}), ...filters])) {
		if (!(name in chosen) || read[name] !== undefined) continue;
		const field = `"${displayNameOf(spec.optional ?? [], name)}" is empty`;
		const widened = spec.widensWhenEmpty?.[name];
		const remove = `remove it from "${collection.displayName}"`;
		refuse(context, widened ? `${field}. Without it, Gameball ${widened}: to do that, ${remove}` : `${field}: to read without it, ${remove}`, itemIndex);
	}
}

/** One field's value as Gameball wants it, converted by the parameter's type. */
type FieldValue = IDataObject[string];

/** Whether Gameball wants this field as an integer. */
function wantsInteger(spec: RequestSpec, name: string): boolean {
	return spec.integers?.includes(name) ?? false;
}

function convert(
	context: IExecuteFunctions,
	spec: RequestSpec,
	property: INodeProperties,
	value: unknown,
	itemIndex: number,
): FieldValue {
	if (spec.lists?.includes(property.name)) return splitList(context, property.displayName, value, itemIndex);
	if (property.type === 'json') return readJsonValue(context, property, value, itemIndex) as FieldValue;
	// `isBlank`, not falsiness: NaN from an expression is refused as no date, not sent.
	if (property.type === 'dateTime' && !isBlank(value)) return utcTime(context, property.displayName, value, itemIndex);
	return readByType(context, property, value, itemIndex, wantsInteger(spec, property.name)) as FieldValue;
}

function readRequired(context: IExecuteFunctions, spec: RequestSpec, property: INodeProperties, itemIndex: number) {
	const { name, displayName, type } = property;
	if (type === 'number') {
		return checkRange(context, property, readNumber(context, property, itemIndex, wantsInteger(spec, name)), itemIndex);
	}
	// A time left empty is now, unless the parameter is marked required (a time only the user knows). One whose
	// expression gave nothing is refused: a missing column must not book every order today.
	if (type === 'dateTime' && !property.required && !readString(context, name, itemIndex, displayName)) {
		if (holdsExpression(context.getNode().parameters[name])) {
			refuse(context, `"${displayName}" is empty: its expression gave nothing`, itemIndex, 'Leave the field itself empty to send the current time.');
		}
		return new Date().toISOString();
	}
	const isText = type === 'string' && !spec.lists?.includes(name);
	const raw = isText ? readString(context, name, itemIndex, displayName) : context.getNodeParameter(name, itemIndex);
	const value = convert(context, spec, property, raw, itemIndex);
	if (isBlank(value)) refuse(context, `"${displayName}" is required`, itemIndex);
	return value;
}

/** A path parameter as text; one the OpenAPI document types as an integer must be a whole number. */
function readPathValue(context: IExecuteFunctions, spec: RequestSpec, property: INodeProperties, itemIndex: number): string {
	const value = context.getNodeParameter(property.name, itemIndex, '');
	if (wantsInteger(spec, property.name) && !isBlank(value)) return String(toNumber(context, property.displayName, value, itemIndex, true));
	return readString(context, property.name, itemIndex, property.displayName);
}

function optionalCollection(spec: RequestSpec): INodeProperties | undefined {
	const options = [...(spec.optional ?? []), ...(spec.langHeader ? [languageOption] : [])];
	if (!options.length) return undefined;
	if (spec.sendIn !== 'qs') return additionalFields(options, spec.needsAField ? 'Update Fields' : undefined);
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Builds an operation whose request is made of its parameters: path, required fields and optional fields. */
export function requestOperation(spec: RequestSpec): GameballOperation {
	const collection = optionalCollection(spec);
	// Everything that is not about reading the parameters is the operation's own.
	const { path = [], required = [], sendIn = 'body', shape, needsAField, rejectIf, optional, lists, integers, langHeader, notice, ...operation } = spec;
	const caveat: INodeProperties[] = notice ? [{ displayName: notice, name: `${spec.value}Notice`, type: 'notice', default: '' }] : [];
	return {
		...operation,
		properties: [...caveat, ...path, ...required, ...(collection ? [collection] : [])],
		build(itemIndex) {
			const pathParams = Object.fromEntries(path.map((property) => [property.name, readPathValue(this, spec, property, itemIndex)]));
			const fields: IDataObject = {};
			for (const property of required) fields[property.name] = readRequired(this, spec, property, itemIndex);
			const chosen = collection ? (this.getNodeParameter(collection.name, itemIndex, {}) as IDataObject) : {};
			for (const [name, value] of Object.entries(chosen)) {
				const property = collection?.options?.find((option) => option.name === name) as INodeProperties | undefined;
				fields[name] = property ? convert(this, spec, property, value, itemIndex) : value;
			}
			const { lang, ...rest } = compact(fields);
			const read = langHeader ? rest : compact(fields);
			if (collection) checkNotEmptied(this, spec, collection, chosen, read, itemIndex);
			checkOnlyOneOf(this, spec, read, itemIndex);
			const refused = rejectIf?.(read);
			if (refused) refuse(this, refused, itemIndex);
			const values = shape ? shape(read) : read;
			if (needsAField && !Object.keys(values).length) refuse(this, 'Set at least one field to update', itemIndex);
			const request: GameballRequest = sendIn === 'qs' ? { qs: values } : { body: values };
			if (path.length) request.pathParams = pathParams;
			if (langHeader && lang) request.headers = { lang: String(lang) };
			return request;
		},
	};
}
