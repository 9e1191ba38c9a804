// Credentials, signing and a harnessed trigger; the sample payloads live in ../fixtures/gameballPayloads.
import { createHash } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { V4Settings } from '../../nodes/GameballTrigger/pipeline';
import { isStoredText, joinedText } from '../../nodes/GameballTrigger/textPieces';
import { WebhookHarness, type FakeRequest } from '../harness/run';

export { notificationPayload, profilePayload } from '../fixtures/gameballPayloads';

export const SECRET_KEY = 'sk_test_9f8e7d6c5b4a3210';
export const API_KEY = 'ak_test_0123456789';
export const CREDENTIALS: Record<string, IDataObject & Record<string, string>> = {
	gameballApi: { apiKey: API_KEY, secretKey: SECRET_KEY, apiVersion: 'v4.0', baseUrl: 'http://localhost:1' },
};

/** The pipeline's settings with the trigger's defaults and the test Secret Key. */
export function v4Settings(overrides: Partial<V4Settings> = {}): V4Settings {
	return {
		events: [],
		verifySignature: true,
		secretKey: SECRET_KEY,
		simplify: true,
		maxBodySizeKb: 1024,
		deduplicate: true,
		deduplicationMemorySize: 5000,
		customerMemorySize: 10000,
		preferredLanguages: [],
		maxDeliveryAgeMinutes: 0,
		...overrides,
	};
}

/** A text table of the trigger's static data (`<key>=<value>` lines, one string or pieces) as an object, last line winning. */
export function storedTable(store: IDataObject, name: string): Record<string, string> {
	const stored = store[name];
	if (!isStoredText(stored)) throw new Error(`static data "${name}" is not a text table: ${JSON.stringify(stored)}`);
	const text = joinedText(stored);
	const table: Record<string, string> = {};
	for (const line of text.split('\n').filter(Boolean)) table[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
	return table;
}

export function sha1(text: Buffer | string): Buffer {
	return createHash('sha1').update(text).digest();
}

/** Gameball's signature over `body`: SHA-1 of `<body>:<secret>`, hex (documented) or Base64 (older docs). */
export function sign(body: string, encoding: 'hex' | 'base64' = 'hex', secret = SECRET_KEY): string {
	return sha1(`${body}:${secret}`).toString(encoding);
}

export interface DeliveryOptions {
	encoding?: 'hex' | 'base64';
	/** The exact bytes to send; defaults to `JSON.stringify(payload)`. */
	raw?: string;
	/** Overrides the computed signature (`null` sends none). */
	signature?: string | null;
	headers?: Record<string, string>;
	method?: string;
}

/** A signed v4 delivery as Gameball sends it. */
export function signedRequest(payload: unknown, options: DeliveryOptions = {}): FakeRequest {
	const raw = options.raw ?? JSON.stringify(payload);
	const signature = options.signature === undefined ? sign(raw, options.encoding) : options.signature;
	return {
		method: options.method ?? 'POST',
		rawBody: raw,
		headers: {
			'content-type': 'application/json',
			'x-gb-webhook-version': 'v4',
			...(signature === null ? {} : { 'x-gb-signature': signature }),
			...options.headers,
		},
	};
}

/** A Gameball Trigger inside a persistent workflow, with the test credential. */
export function newTrigger(parameters: INodeParameters = {}, staticData: IDataObject = {}, credentials = CREDENTIALS) {
	return new WebhookHarness({ type: 'gameballTrigger', parameters, credentials }, staticData);
}

/** The JSON of every item the trigger emitted (empty when it started no execution). */
export function emittedJson(result: { emitted?: Array<Array<{ json: IDataObject }>> }): IDataObject[] {
	return (result.emitted ?? []).flat().map((item) => item.json);
}
