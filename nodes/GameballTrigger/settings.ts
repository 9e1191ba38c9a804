import type { IDataObject, INode, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isBlank, toBoolean, toNumber } from '../parameters';
import { parseHeaderList } from './automation';
import { bodyBytes, flatHeaders } from './body';
import { parseLanguageList } from './deliveries';
import { DEFAULTS, TRIGGER_EVENTS, triggerProperties, type TriggerEventOption } from './description';
import type { AutomationSettings, Delivery, V4Settings } from './pipeline';
import { readParameter } from './parameters';
import { readSecretKey } from './secretKey';

const optionProperties = (triggerProperties.find((property) => property.name === 'options')?.options ?? []) as INodeProperties[];
const LABELS = new Map(optionProperties.map((option) => [option.name, option.displayName]));
const labelOf = (name: string) => LABELS.get(name) ?? name;

/**
 * A number option: a number, or one written as text (an expression's, an imported workflow's); blank, 0 or less
 * gives the fallback. Anything else stops the delivery with an error naming the option (n8n answers 500 and Gameball
 * retries): a typo never turns a protection off.
 */
function numberOption(context: IWebhookFunctions, options: IDataObject, name: string, fallback: number): number {
	const stored = options[name];
	// Read on every delivery: a number or nothing, the usual case, costs no more than before.
	const value = typeof stored === 'number' || stored === undefined ? stored : toNumber(context, labelOf(name), stored, 0);
	return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * A protection whose fallback is off: added to the options but blank (an expression that gave nothing, such as an
 * unset variable), negative or not a number stops the delivery by name. Only 0 turns it off.
 */
function protectionOption(context: IWebhookFunctions, options: IDataObject, name: string): number {
	if (!(name in options)) return 0;
	const stored = options[name];
	const refuse = (message: string) =>
		new NodeOperationError(context.getNode(), `"${labelOf(name)}" ${message}`, {
			description: 'Set a number, or 0 to turn it off: an expression that gives nothing, or a negative number, would turn the protection off unseen.',
		});
	if (isBlank(stored)) throw refuse('is empty');
	const value = typeof stored === 'number' ? stored : (toNumber(context, labelOf(name), stored, 0) as number);
	if (!Number.isFinite(value) || value < 0) throw refuse(`must be 0 or more (got ${value})`);
	return value;
}

/** A comma-separated list option: text, or a list from an expression; anything else stops the delivery by name. */
function listOption(context: IWebhookFunctions, options: IDataObject, name: string, example: string): string {
	const value = options[name];
	if (value === undefined || value === null) return '';
	if (typeof value === 'string' || typeof value === 'number') return String(value);
	if (Array.isArray(value) && value.every((entry) => typeof entry === 'string' || typeof entry === 'number')) return value.join(',');
	throw new NodeOperationError(context.getNode(), `"${labelOf(name)}" must be text such as "${example}" (got ${Array.isArray(value) ? 'a list of other values' : typeof value})`);
}

/** A text parameter, trimmed (n8n strips a header value's end spaces too); blank, or anything but text, is ''. */
function textParameter(context: IWebhookFunctions, name: string): string {
	const value = readParameter(context, name, '');
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** A switch: a boolean, or "true"/"false" as text; blank gives the fallback, anything else stops the delivery. */
function flag(context: IWebhookFunctions, label: string, stored: unknown, fallback: boolean): boolean {
	if (typeof stored === 'boolean') return stored;
	return stored === undefined ? fallback : (toBoolean(context, label, stored, 0) ?? fallback);
}

function flagOption(context: IWebhookFunctions, options: IDataObject, name: string, fallback: boolean): boolean {
	return flag(context, labelOf(name), options[name], fallback);
}

function isTriggerEvent(value: unknown): value is TriggerEventOption {
	return TRIGGER_EVENTS.includes(value as TriggerEventOption);
}

/** The request as the pipeline sees it. */
export async function readDelivery(this: IWebhookFunctions): Promise<Delivery> {
	const request = this.getRequestObject();
	if (request.rawBody === undefined && typeof request.readRawBody === 'function') await request.readRawBody();
	return {
		method: String(request.method ?? 'POST').toUpperCase(),
		bytes: bodyBytes(request.rawBody, request.body),
		headers: flatHeaders(this.getHeaderData() as Record<string, unknown>),
		query: (this.getQueryData() ?? {}) as IDataObject,
	};
}

export function readOptions(this: IWebhookFunctions): IDataObject {
	return readParameter(this, 'options', {}) as IDataObject;
}

/** The v4 settings; the Secret Key comes from `readSecretKey` (cached), so say whether it was. */
export async function readV4Settings(
	this: IWebhookFunctions,
	node: INode,
	now: number,
): Promise<{ settings: V4Settings; keyFromCache: boolean }> {
	// Only a stored `false` turns verification off (the editor then shows its warning); any other value keeps it on.
	const verify = readParameter(this, 'verifySignature', true) !== false;
	const key = verify ? await readSecretKey(this, node, now) : { secretKey: '', fromCache: false };
	return { settings: v4Settings.call(this, verify, key.secretKey), keyFromCache: key.fromCache };
}

function v4Settings(this: IWebhookFunctions, verify: boolean, secretKey: string): V4Settings {
	const options = readOptions.call(this);
	const events = readParameter(this, 'events', []);
	if (!Array.isArray(events)) {
		throw new NodeOperationError(this.getNode(), 'The Events parameter must be a list', {
			description: 'Choose events in the node, or none for all; an imported workflow may have set it to something else.',
		});
	}
	const known = events.filter(isTriggerEvent);
	// An empty list means all events: a list of events this version does not know must not become that.
	if (events.length > 0 && known.length === 0) {
		throw new NodeOperationError(this.getNode(), `The Events parameter holds no event this version knows: ${events.map(String).join(', ')}`, {
			description: 'Choose the events again in the node (an imported workflow may come from another version), or none for all.',
		});
	}
	return {
		events: known,
		verifySignature: verify,
		secretKey,
		simplify: flag(this, 'Simplify', readParameter(this, 'simplify', true), true),
		maxBodySizeKb: numberOption(this, options, 'maxBodySizeKb', DEFAULTS.maxBodySizeKb),
		deduplicate: flagOption(this, options, 'deduplicate', true),
		deduplicationMemorySize: numberOption(this, options, 'deduplicationMemorySize', DEFAULTS.deduplicationMemorySize),
		customerMemorySize: numberOption(this, options, 'customerMemorySize', DEFAULTS.customerMemorySize),
		preferredLanguages: parseLanguageList(listOption(this, options, 'preferredLanguages', 'en, ar')),
		maxDeliveryAgeMinutes: protectionOption(this, options, 'maxDeliveryAgeMinutes'),
	};
}

export function readAutomationSettings(this: IWebhookFunctions): AutomationSettings {
	const options = readOptions.call(this);
	return {
		method: String(readParameter(this, 'automationMethod', 'POST')).toUpperCase(),
		// Blank (an expression that gave nothing) is '', never "undefined": every call is then refused.
		secretHeaderName: textParameter(this, 'headerName'),
		secretHeaderValue: textParameter(this, 'headerSecret'),
		keepHeaders: parseHeaderList(listOption(this, options, 'keepHeaders', 'X-Campaign-Name, X-Source')),
		includeQuery: flagOption(this, options, 'includeQuery', true),
		maxBodySizeKb: numberOption(this, options, 'maxBodySizeKb', DEFAULTS.maxBodySizeKb),
	};
}
