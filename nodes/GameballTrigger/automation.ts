import { createHash, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { GameballAutomationWebhookItem } from '../types';
import { headerValue, parseJson } from './body';

export type AutomationMethod = GameballAutomationWebhookItem['method'];

export function isAutomationMethod(method: string): method is AutomationMethod {
	return method === 'GET' || method === 'POST' || method === 'PUT';
}

/**
 * True when the shared-secret header holds exactly the configured value. Both sides are hashed first, so the
 * constant-time comparison also hides the secret's length. An empty configured secret matches nothing.
 */
export function secretHeaderMatches(received: string | undefined, expected: string): boolean {
	if (!expected || received === undefined) return false;
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(received), digest(expected));
}

/** The comma-separated header names of the "Headers to Keep" option, lower case. */
export function parseHeaderList(list: string): string[] {
	return list
		.split(',')
		.map((name) => name.trim().toLowerCase())
		.filter((name) => name !== '');
}

/** Only the headers the user chose to keep, and never the secret header. */
export function keptHeaders(headers: Record<string, string>, keep: string[], secretHeader: string) {
	const secret = secretHeader.trim().toLowerCase();
	const kept: Record<string, string> = {};
	for (const name of keep) {
		const value = headerValue(headers, name);
		if (name !== secret && value !== undefined) kept[name] = value;
	}
	return kept;
}

/**
 * Whether `text` holds the secret standing alone (`token=<secret>`, `Bearer <secret>`), not inside a word or an ID
 * (`cust-2024`): a short or numeric secret would otherwise take ordinary values for it.
 */
function holdsSecret(text: string, secret: string): boolean {
	const isWordCharacter = (character: string | undefined) => character !== undefined && /[A-Za-z0-9_-]/.test(character);
	for (let at = secret ? text.indexOf(secret) : -1; at >= 0; at = text.indexOf(secret, at + 1)) {
		if (!isWordCharacter(text[at - 1]) && !isWordCharacter(text[at + secret.length])) return true;
	}
	return false;
}

/**
 * The query without a name or value holding the shared secret (a merchant may put it in the URL too, as `?token=…` or
 * `?auth=Bearer …`), nested ones too: no secret in an item.
 */
export function queryWithoutSecret(query: IDataObject, secret: string): IDataObject {
	const kept = (value: unknown): unknown => {
		if (typeof value === 'string') return holdsSecret(value, secret) ? undefined : value;
		if (Array.isArray(value)) return value.map(kept).filter((entry) => entry !== undefined);
		if (typeof value !== 'object' || value === null) return value;
		const entries = Object.entries(value).filter(([name]) => !holdsSecret(name, secret));
		return Object.fromEntries(entries.map(([name, entry]) => [name, kept(entry)]).filter(([, entry]) => entry !== undefined));
	};
	return kept(query) as IDataObject;
}

/**
 * The query as a call's id covers it: a name or value that `queryWithoutSecret` leaves out has the secret replaced by
 * a character no URL carries, the rest as the item shows it. Calls that differ elsewhere keep distinct ids, and the id
 * says nothing of the secret that the item does not (everything else it covers is in the item).
 */
export function querySecretMasked(query: IDataObject, secret: string): IDataObject {
	if (!secret) return query;
	const maskAll = (text: string) => text.split(secret).join('\u0000');
	// `all`: under a name the item leaves out, so nothing beneath it is shown either.
	const masked = (value: unknown, all: boolean): unknown => {
		if (typeof value === 'string') return all || holdsSecret(value, secret) ? maskAll(value) : value;
		if (Array.isArray(value)) return value.map((entry) => masked(entry, all));
		if (typeof value !== 'object' || value === null) return value;
		return Object.fromEntries(
			Object.entries(value).map(([name, entry]) => {
				const hidden = all || holdsSecret(name, secret);
				return [hidden ? maskAll(name) : name, masked(entry, hidden)];
			}),
		);
	};
	return masked(query, false) as IDataObject;
}

/** The payload as received: parsed JSON, else the text, else `null` when there is no body. */
export function automationPayload(bytes: Buffer): unknown {
	if (bytes.length === 0) return null;
	const parsed = parseJson(bytes);
	return parsed.ok ? parsed.value : bytes.toString('utf8');
}

/** Identifies one call: the same method, query (pass it masked: `querySecretMasked`) and body give the same id. */
export function automationDeliveryId(method: string, query: IDataObject, bytes: Buffer): string {
	return createHash('sha1')
		.update(`${method}\u0000${JSON.stringify(query)}\u0000`)
		.update(bytes)
		.digest('hex');
}

export function automationItem(input: {
	method: AutomationMethod;
	bytes: Buffer;
	query: IDataObject;
	headers: Record<string, string>;
	deliveryId: string;
}): GameballAutomationWebhookItem {
	return {
		event: 'gameball.automation.webhook',
		method: input.method,
		body: automationPayload(input.bytes),
		query: input.query,
		headers: input.headers,
		deliveryId: input.deliveryId,
	};
}
