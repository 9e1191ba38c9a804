import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isJsonObject } from '../../jsonObject';

/** Gameball's error body: `{ code, type, message, requestId }`, or `{ error: <HTTP status>, message }` (Manual Adjustment). */
export interface GameballErrorBody {
	code?: number;
	error?: number;
	type?: string;
	message?: string;
	requestId?: string;
	documentationUrl?: string;
}

const HINTS: Record<number, string> = {
	1001: 'authentication failed: check the API key, and set the Secret Key (Gameball\'s API reference lists it for most operations, and v4.1 and High Security Mode need it on every call)',
	2001: 'another request for this customer is in progress; retry shortly',
	7000: 'customer not found',
	7001: 'customer already exists',
	9004: 'duplicate transaction ID: a transaction with this ID was already applied',
	9008: 'insufficient points',
};

/** 1001 when the credential's Secret Key is known to be set, or known to be missing. */
const AUTHENTICATION_HINTS = {
	secretKeySet: 'authentication failed: check the API Key and the Secret Key in the Gameball credential',
	noSecretKey: "authentication failed: set the credential's Secret Key (v4.1, High Security Mode and most operations need it), and check the API Key",
};

/** What to do, added to the description, for the errors users meet most. */
const ADVICE: Record<number, string> = {
	7000: 'Check the Customer ID. Operations that only read or reward a customer do not create one: create it first with Customer > Create or Update.',
};

/** What to do about a Gameball error code, where there is more to say than its hint (a batch job's results too). */
export function adviceFor(code: number | undefined): string | undefined {
	return code === undefined ? undefined : ADVICE[code];
}

/** Advice for an answer with no Gameball code, by HTTP status: it may not come from Gameball's API at all. */
const UNCODED_REFUSAL =
	'The answer has no Gameball error code: check the API Key, Secret Key and Base URL in the Gameball credential (a proxy or firewall may have answered).';
const UNCODED_ADVICE: Record<number, string> = { 401: UNCODED_REFUSAL, 403: UNCODED_REFUSAL };

export const REDIRECT_ADVICE =
	'The node follows no redirect: it would send the keys to another address. Check the Base URL in the Gameball credential (https://api.gameball.co, or the address it redirects to).';

const FAMILY_HINTS: Record<number, string> = {
	1: 'authentication problem',
	2: 'request problem',
	3: 'invalid payload',
	4: 'general error',
	5: 'Gameball server error',
	6: 'configuration problem in the Gameball account',
	7: 'customer problem',
	8: 'subscription problem: the plan may not include this feature',
	9: 'transaction problem',
};

/** The plain words after a Gameball code; 1001 names the key to look at when whether a Secret Key is set is known. */
export function hintFor(code: number | undefined, secretKeySet?: boolean): string | undefined {
	if (code === undefined) return undefined;
	if (code === 1001 && secretKeySet !== undefined) return AUTHENTICATION_HINTS[secretKeySet ? 'secretKeySet' : 'noSecretKey'];
	return HINTS[code] ?? FAMILY_HINTS[Math.floor(code / 1000)];
}

export function isGameballErrorBody(body: unknown): body is GameballErrorBody {
	return typeof body === 'object' && body !== null && ('code' in body || 'message' in body);
}

/**
 * An error answer's Gameball code and message, when it has them: a code is a whole number above 0 (a body with only a
 * message, or `code: null`, has none), a message is text.
 */
export function gameballCodeOf(body: unknown): { code?: number; message?: string } {
	if (!isGameballErrorBody(body)) return {};
	const code = Number(body.code);
	return { code: Number.isInteger(code) && code > 0 ? code : undefined, message: typeof body.message === 'string' ? body.message : undefined };
}

const HEADLINE_MESSAGE_LENGTH = 200;

/**
 * A NodeApiError that keeps Gameball's code and message and adds a plain hint, e.g. "7000: customer not found". An
 * answer without a code is headed by its own message when it has a short one.
 */
export function gameballApiError(
	node: INode,
	status: number,
	body: unknown,
	itemIndex?: number,
	secretKeySet?: boolean,
): NodeApiError {
	const error: GameballErrorBody = isGameballErrorBody(body) ? body : {};
	const { code } = gameballCodeOf(body);
	const message = typeof error.message === 'string' ? error.message.trim() : '';
	const headedByMessage = !code && message !== '' && message.length <= HEADLINE_MESSAGE_LENGTH;
	// A 429 is a rate limit whatever its code says.
	// 304 (not modified) is no redirect: the node sends no conditional request, so it is only an unexpected answer.
	const redirected = status >= 300 && status < 400 && status !== 304;
	const words =
		status === 429 ? 'rate limited' : redirected ? 'a redirect, not followed' : ((code ? hintFor(code, secretKeySet) : headedByMessage ? message : undefined) ?? `HTTP ${status}`);
	const headline = code ? `${code}: ${words}` : `Gameball answered ${status}: ${words}`;
	const advice = code ? adviceFor(code) : redirected ? REDIRECT_ADVICE : UNCODED_ADVICE[status];
	const details = [message, error.requestId ? `Request ID: ${error.requestId}` : undefined, advice]
		.filter(Boolean)
		.join(' · ');
	return new NodeApiError(node, { ...error, httpCode: String(status) } as JsonObject, {
		message: headline,
		description: details || undefined,
		httpCode: String(status),
		itemIndex,
	});
}

/**
 * `body` with every occurrence of a secret replaced, in strings at any depth (keys too): an error answer that echoes
 * the request's headers (a proxy, a debug mode) must not carry the keys into the error n8n shows and saves.
 */
export function redactSecrets<T>(body: T, secrets: unknown[]): T {
	// As sent: the credential sends its keys trimmed.
	// Longest first: a key that holds another (`gbKEY`, `gbKEY-private`) must not be left half shown.
	const words = secrets
		.filter((secret): secret is string => typeof secret === 'string')
		.map((secret) => secret.trim())
		.filter((secret) => secret.length >= 4)
		.sort((a, b) => b.length - a.length);
	if (words.length === 0) return body;
	const redact = (text: string) => words.reduce((out, word) => out.split(word).join('[redacted]'), text);
	const walk = (value: unknown, depth: number): unknown => {
		if (typeof value === 'string') return redact(value);
		if (typeof value !== 'object' || value === null) return value;
		if (depth > 64) return holdsSecret(value, words) ? '[redacted: nested too deep to clean]' : value;
		if (Array.isArray(value)) return value.map((entry) => walk(entry, depth + 1));
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [redact(key), walk(entry, depth + 1)]));
	};
	return walk(body, 0) as T;
}

/** Whether a value nested too deep to walk holds a secret anywhere (or cannot be read to tell). */
function holdsSecret(value: object, words: string[]): boolean {
	try {
		const text = JSON.stringify(value);
		// As JSON writes it: a key with a quote, backslash or control character appears escaped.
		return words.some((word) => text.includes(word) || text.includes(JSON.stringify(word).slice(1, -1)));
	} catch {
		return true;
	}
}

/** Adds a sentence to an error's description, keeping what is there. */
export function appendDescription(error: { description?: string | null }, sentence: string): void {
	const current = error.description?.trim();
	error.description = current ? `${current}${/[.!?]$/.test(current) ? '' : '.'} ${sentence}` : sentence;
}

const UNKNOWN_HOST_HINT = "The Base URL's host name was not found: check the Base URL in the Gameball credential.";

/** A network failure, described by its code and message only, so that no request header reaches the error. */
export function networkError(
	node: INode,
	cause: unknown,
	code: string | undefined,
	attempts: number,
	itemIndex?: number,
): NodeApiError {
	const message = (cause as { message?: unknown } | undefined)?.message;
	const detail = typeof message === 'string' && message !== code ? message : undefined;
	const hint = code === 'ENOTFOUND' ? `${UNKNOWN_HOST_HINT} ` : '';
	const error = new NodeApiError(node, { message: detail ?? 'Network error', networkCode: code ?? null } as JsonObject, {
		description: code && detail ? `${hint}${detail}` : hint.trim() || undefined,
		itemIndex,
	});
	// Set afterwards: NodeApiError swaps any message naming a socket code (ECONNREFUSED...) for a generic one.
	error.message = `Could not reach Gameball after ${attempts} attempt(s): ${code ?? detail ?? 'network error'}`;
	return error;
}

/**
 * A 2xx answer, or a batch result entry, with `success: false` (the document's answer of Release Hold, Burn, Send
 * Event, tags and more): what it says, with Gameball's code when it gives one (beside it, or in an error body under
 * `error`). A success answer keeps the request's secret fields (Device Tokens): pass them as `secrets`, since these
 * words become an error.
 */
export function saysItFailed(body: unknown, secrets: unknown[] = []): string | undefined {
	if (!isJsonObject(body) || body.success !== false) return undefined;
	const nested = isJsonObject(body.error) ? body.error : undefined;
	// Gameball's codes are whole numbers (7000): another `code` (a coupon's) is no error code.
	const code = [body.code, nested?.code].find((value) => /^[1-9]\d{3}$/.test(String(value ?? '').trim()));
	const message = [body.message, nested ? nested.message : body.error].find((value): value is string => typeof value === 'string' && value.trim() !== '');
	const said = [code === undefined ? undefined : String(code).trim(), message?.trim()].filter(Boolean).join(': ');
	return redactSecrets(`Gameball answered "success": false${said ? `: ${said}` : ''}`, secrets);
}
