import type { LoyaltyEvent } from '../../types';
import { isObject, str, type Json } from '../read';
import {
	fromGameballAutomationBody,
	fromGameballCustomer,
	fromGameballTriggerItem,
	fromGameballWebhookBody,
	isGameballAutomationItem,
	isGameballCustomer,
	isGameballTriggerItem,
	isGameballWebhookBody,
} from './gameball';
import { fromOpenLoyaltyBody, isOpenLoyaltyBody, openLoyaltyRefusal } from './openLoyalty';

export const EXPECTED_INPUTS =
	'a Gameball Trigger item ({ event, customerId, ... }), a Gameball webhook body ({ event, customer_id, data }), ' +
	'a customer from the Gameball node ({ customerId, gameballId, ... }) or an Open Loyalty webhook body ({ type, data })';

/** An input item this node cannot read; the message names what was expected and what came. */
export class UnrecognisedInputError extends Error {
	constructor(detail: string) {
		super(`Unrecognised loyalty input: ${detail}. Expected ${EXPECTED_INPUTS}.`);
		this.name = 'UnrecognisedInputError';
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * n8n's Webhook node puts the request body under `body`, next to `headers`, `params` and `query`; so do the
 * Gameball Trigger's raw (Simplify off) and automation items.
 */
function unwrapBody(json: Json): unknown {
	const wrapped = 'body' in json && ('headers' in json || 'webhookUrl' in json || 'query' in json);
	if (!wrapped) return json;
	const body = json.body;
	// An automation call by GET (or with no body) carries what the merchant configured in its query.
	if ((body === null || body === '') && isGameballAutomationItem(json) && isObject(json.query)) return json.query;
	if (typeof body !== 'string') return body;
	let parsed = parseJson(body);
	if (parsed === undefined && isGameballAutomationItem(json)) parsed = formFields(body, sentAsForm(json.headers));
	if (parsed === undefined) throw new UnrecognisedInputError('the webhook body is text that is not JSON');
	return parsed;
}

/** The item kept a Content-Type header saying the body is a form (Headers to Keep). */
function sentAsForm(headers: unknown): boolean {
	return isObject(headers) && /application\/x-www-form-urlencoded/i.test(str(headers['content-type']) ?? '');
}

/**
 * `a=1&b=2` (an automation campaign may send a form) as `{ a: '1', b: '2' }`; `undefined` for other text. A `+` is a
 * space only in a body sent as a form (its encoder writes a plus as %2B): a hand-written body's `+20100…` or `+02:00`
 * means a plus.
 */
function formFields(text: string, plusIsSpace: boolean): Json | undefined {
	if (!/^[^=&\s]+=[^&]*(?:&[^=&\s]+=[^&]*)*$/.test(text.trim())) return undefined;
	const decoded = (part: string) => {
		const spaced = plusIsSpace ? part.replace(/\+/g, ' ') : part;
		try {
			return decodeURIComponent(spaced);
		} catch {
			return spaced;
		}
	};
	return Object.fromEntries(
		text
			.trim()
			.split('&')
			.map((pair) => pair.split('='))
			.map(([name, ...value]) => [decoded(name), decoded(value.join('='))]),
	);
}

function describeValue(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (!isObject(value)) return `a ${value === null ? 'null' : typeof value} value`;
	const keys = Object.keys(value);
	return keys.length ? `an object with keys ${keys.slice(0, 12).join(', ')}` : 'an empty object';
}

function recognise(value: Json, wrapper: Json): LoyaltyEvent | null {
	// The Gameball Trigger's raw item (Simplify off) says beside the body whether the update came late; Track, fed
	// bare bodies, says it on the body itself.
	if (isGameballWebhookBody(value)) return fromGameballWebhookBody(value, wrapper.outOfOrder === true || value.outOfOrder === true);
	if (isGameballTriggerItem(value)) return fromGameballTriggerItem(value);
	if (isOpenLoyaltyBody(value)) return fromOpenLoyaltyBody(value);
	if (isGameballCustomer(value)) return fromGameballCustomer(value);
	return null;
}

/** Why a body that looks like one the node reads is refused, after the keys it has; empty when there is no more to say. */
function reasonOf(value: Json): string {
	const refusal = openLoyaltyRefusal(value);
	return refusal ? `: ${refusal}` : '';
}

const AUTOMATION_NAMES_NO_CUSTOMER =
	': an automation campaign body names its customer with customerId, customer_id, playerUniqueId, email, mobile, mobileNumber, mobile_number or phone';

/**
 * The event `value` holds, or why none. `where`: which part of the item it is, for the error (empty: the item).
 * `element`: its index in a batch, which its delivery ID gets (`<id>#<index>`): elements are distinct events.
 */
function readOne(value: unknown, wrapper: Json, where: string, element?: number): LoyaltyEvent | UnrecognisedInputError {
	if (!isObject(value)) return new UnrecognisedInputError(`got ${describeValue(value)}${where}`);
	const wrapperId = str(wrapper.deliveryId);
	const deliveryId = wrapperId === null || element === undefined ? wrapperId : `${wrapperId}#${element}`;
	// A campaign body is the merchant's design: read by its own keys, never taken for another source's shape.
	if (isGameballAutomationItem(wrapper)) {
		return fromGameballAutomationBody(value, deliveryId) ?? new UnrecognisedInputError(`got ${describeValue(value)}${where}${AUTOMATION_NAMES_NO_CUSTOMER}`);
	}
	const event = recognise(value, wrapper);
	if (!event) return new UnrecognisedInputError(`got ${describeValue(value)}${where}${reasonOf(value)}`);
	return event.deliveryId === null && deliveryId !== null ? { ...event, deliveryId } : event;
}

/** The loyalty events of one input item, and the elements of its webhook batch that could not be read. */
export interface NormalisedItem {
	events: LoyaltyEvent[];
	failures: UnrecognisedInputError[];
}

/**
 * The events of `payload`: one, or one per element when it is an array (a batch), where an element that cannot be
 * read fails alone, named by its index. `whole` names the payload in errors (empty: the item itself).
 */
function eventsOf(payload: unknown, wrapper: Json, whole: string): NormalisedItem {
	if (!Array.isArray(payload)) {
		const event = readOne(payload, wrapper, whole ? ` in ${whole}` : '');
		if (event instanceof UnrecognisedInputError) throw event;
		return { events: [event], failures: [] };
	}
	if (payload.length === 0) throw new UnrecognisedInputError(`${whole} is an empty array`);
	const read: NormalisedItem = { events: [], failures: [] };
	payload.forEach((entry, index) => {
		const event = readOne(entry, wrapper, ` in element ${index} of ${whole} (an array)`, index);
		if (event instanceof UnrecognisedInputError) read.failures.push(event);
		else read.events.push(event);
	});
	return read;
}

/** Reads one input item as loyalty events (see `eventsOf`). An item that cannot be read at all throws. */
export function normalise(json: Json): NormalisedItem {
	// n8n's items hold an object, but a Code node can put anything in `json`.
	if (!isObject(json)) throw new UnrecognisedInputError(`got ${describeValue(json)} as the item`);
	const payload = unwrapBody(json);
	return eventsOf(payload, json, payload === json ? '' : 'the webhook body');
}

/** The events of the Loyalty Event JSON parameter (text, or a value from an expression), for use as an AI tool. */
export function normaliseEventParameter(value: unknown): NormalisedItem {
	const parsed = typeof value === 'string' ? parseJson(value) : value;
	if (Array.isArray(parsed)) return eventsOf(parsed, {}, 'the Loyalty Event JSON parameter');
	if (!isObject(parsed)) {
		throw new UnrecognisedInputError('the Loyalty Event JSON parameter is neither a JSON object nor an array');
	}
	return normalise(parsed);
}
