import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { parseHeaderList } from './automation';
import { bodyBytes, flatHeaders } from './body';
import { parseLanguageList } from './deliveries';
import { DEFAULTS, TRIGGER_EVENTS, type TriggerEventOption } from './description';
import type { AutomationSettings, Delivery, V4Settings } from './pipeline';
import { readSecretKey } from './secretKey';

function positiveNumber(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
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
	return this.getNodeParameter('options', {}) as IDataObject;
}

/** The v4 settings; the Secret Key comes from `readSecretKey` (cached), so say whether it was. */
export async function readV4Settings(this: IWebhookFunctions, now: number): Promise<{ settings: V4Settings; keyFromCache: boolean }> {
	const verify = this.getNodeParameter('verifySignature', true) !== false;
	const key = verify ? await readSecretKey(this, now) : { secretKey: '', fromCache: false };
	return { settings: v4Settings.call(this, verify, key.secretKey), keyFromCache: key.fromCache };
}

function v4Settings(this: IWebhookFunctions, verify: boolean, secretKey: string): V4Settings {
	const options = readOptions.call(this);
	const events = (this.getNodeParameter('events', []) as unknown[]).filter(isTriggerEvent);
	return {
		events,
		verifySignature: verify,
		secretKey,
		simplify: this.getNodeParameter('simplify', true) !== false,
		maxBodySizeKb: positiveNumber(options.maxBodySizeKb, DEFAULTS.maxBodySizeKb),
		deduplicate: options.deduplicate !== false,
		deduplicationMemorySize: positiveNumber(options.deduplicationMemorySize, DEFAULTS.deduplicationMemorySize),
		customerMemorySize: positiveNumber(options.customerMemorySize, DEFAULTS.customerMemorySize),
		preferredLanguages: parseLanguageList(String(options.preferredLanguages ?? '')),
	};
}

export function readAutomationSettings(this: IWebhookFunctions): AutomationSettings {
	const options = readOptions.call(this);
	return {
		method: String(this.getNodeParameter('automationMethod', 'POST')).toUpperCase(),
		secretHeaderName: String(this.getNodeParameter('headerName', '')),
		secretHeaderValue: String(this.getNodeParameter('headerSecret', '')),
		keepHeaders: parseHeaderList(String(options.keepHeaders ?? '')),
		includeQuery: options.includeQuery !== false,
		maxBodySizeKb: positiveNumber(options.maxBodySizeKb, DEFAULTS.maxBodySizeKb),
	};
}
