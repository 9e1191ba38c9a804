import { hash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { GameballTriggerItem } from '../types';
import {
	automationDeliveryId,
	automationItem,
	isAutomationMethod,
	keptHeaders,
	querySecretMasked,
	queryWithoutSecret,
	secretHeaderMatches,
} from './automation';
import { isJsonObject } from '../jsonObject';
import { headerValue, isTooLarge, parseJson } from './body';
import { madeAtOf, MAX_AHEAD_OF_CLOCK_MS, pointsChangedItem, snapshotOf, stepProfile, tierChangedItem } from './changes';
import {
	hasTooManyEntries,
	isKnownTopic,
	NOTIFICATION_PUSH,
	notificationItems,
	profileItem,
	rawNotificationItem,
	rawProfileItem,
	readEnvelope,
	readProfile,
	type Envelope,
} from './deliveries';
import type { TriggerEventOption } from './description';
import { customerKey, deliveryKeyOfDigest } from './memory';
import type { RecentWrites } from './recentWrites';
import { isValidSignature, SIGNATURE_HEADER, verifySignature } from './signature';
import { TriggerMemory } from './triggerMemory';

/**
 * What to answer a delivery with. Reasons are short codes: safe to log and to send. `storeChanged`: this delivery
 * changed the node's static data, which n8n must save.
 */
export type Outcome =
	| { kind: 'reject'; status: 400 | 401 | 405 | 413; reason: string }
	| { kind: 'ignore'; reason: 'not-selected' | 'duplicate' | 'nothing-to-emit' }
	/** `topic` and `webhookVersion` (the X-GB-Webhook-Version header) as received: the sender's text, for the log. */
	| { kind: 'ignore'; reason: 'unknown-topic'; topic: string | null; webhookVersion: string | undefined }
	| { kind: 'emit'; items: GameballTriggerItem[]; storeChanged: boolean };

/** The header naming the webhook version chosen in Gameball's dashboard. */
const WEBHOOK_VERSION_HEADER = 'x-gb-webhook-version';

export interface Delivery {
	method: string;
	/** The body bytes (see `bodyBytes`). */
	bytes: Buffer;
	/** Lower-case header names. */
	headers: Record<string, string>;
	query: IDataObject;
}

export interface V4Settings {
	/** Empty means all. */
	events: TriggerEventOption[];
	verifySignature: boolean;
	/** Read from the credential only when verifying. */
	secretKey: string;
	simplify: boolean;
	maxBodySizeKb: number;
	deduplicate: boolean;
	deduplicationMemorySize: number;
	customerMemorySize: number;
	preferredLanguages: string[];
	/** Replay protection: refuse deliveries made longer ago than this; 0 is off. */
	maxDeliveryAgeMinutes: number;
}

function wants(settings: V4Settings, event: TriggerEventOption): boolean {
	return settings.events.length === 0 || settings.events.includes(event);
}

function profileEventsWanted(settings: V4Settings): boolean {
	return wants(settings, 'profileUpdated') || wants(settings, 'tierChanged') || wants(settings, 'pointsChanged');
}

function profileOutcome(
	envelope: Envelope,
	payload: IDataObject,
	delivery: Delivery,
	settings: V4Settings,
	memory: TriggerMemory,
	now: number,
): GameballTriggerItem[] {
	const profile = readProfile(envelope.data);
	const current = snapshotOf(profile, envelope.fields.createdAt);
	const { clientId, customerId, gbCustomerId } = envelope.fields;
	const key = customerKey(clientId, customerId, gbCustomerId);
	const step = stepProfile(key === undefined ? undefined : memory.recallCustomer(key), current, now);
	if (key !== undefined && step.remember) memory.rememberCustomer(key, step.remember);

	const items: GameballTriggerItem[] = [];
	if (wants(settings, 'profileUpdated')) {
		items.push(
			settings.simplify
				? profileItem(envelope, profile, step.changes, step.outOfOrder)
				: rawProfileItem(payload, delivery.headers, envelope.fields.deliveryId, step.outOfOrder),
		);
	}
	const previous = step.compareWith;
	if (!previous) return items;
	const tier = wants(settings, 'tierChanged') ? tierChangedItem(envelope.fields, previous, current) : undefined;
	if (tier) items.push(tier);
	const points = wants(settings, 'pointsChanged') ? pointsChangedItem(envelope.fields, previous, current) : undefined;
	if (points) items.push(points);
	return items;
}

/**
 * Why replay protection refuses a delivery, if it does: made more than `maxAgeMinutes` before `now` or with no
 * readable `created_at` (nothing proves it is recent), or made over an hour ahead of the clock (a future time,
 * believed, would keep a replay fresh until then; a clock is off, which no limit mends).
 */
function ageRefusal(createdAt: string | null, now: number, maxAgeMinutes: number): 'delivery-too-old' | 'delivery-from-future' | undefined {
	const madeAt = madeAtOf(createdAt);
	if (madeAt !== null && madeAt > now + MAX_AHEAD_OF_CLOCK_MS) return 'delivery-from-future';
	return madeAt === null || now - madeAt > maxAgeMinutes * 60_000 ? 'delivery-too-old' : undefined;
}

/** `JSON.stringify`, or `undefined` for a value it cannot handle (e.g. nested thousands of levels deep). */
function reserialiseJson(value: unknown): string | undefined {
	try {
		return JSON.stringify(value);
	} catch {
		return undefined;
	}
}

/**
 * A Gameball v4 delivery, step by step: size, signature (raw bytes, then re-serialised), JSON, topic,
 * selection, deduplication, items. `store` is the node's static data and `recent` this process's log of writes
 * to it; `now` is the time in ms.
 */
export function handleV4Delivery(
	delivery: Delivery,
	settings: V4Settings,
	store: IDataObject,
	now: number,
	recent?: RecentWrites,
): Outcome {
	if (delivery.method !== 'POST') return { kind: 'reject', status: 405, reason: 'method-not-allowed' };
	if (isTooLarge(delivery.bytes, settings.maxBodySizeKb)) return { kind: 'reject', status: 413, reason: 'body-too-large' };

	const parsed = parseJson(delivery.bytes);
	// The bytes the signature holds for: a body verified only once re-serialised is known by those, so the same
	// delivery re-spaced in transit (or replayed so) is still a duplicate.
	let signed: Buffer | string = delivery.bytes;
	if (settings.verifySignature) {
		let reserialised: string | undefined;
		const verdict = verifySignature({
			header: delivery.headers[SIGNATURE_HEADER],
			raw: delivery.bytes,
			reserialise: () => (reserialised = parsed.ok ? reserialiseJson(parsed.value) : undefined),
			secretKey: settings.secretKey,
		});
		if (!isValidSignature(verdict)) return { kind: 'reject', status: 401, reason: `signature-${verdict}` };
		if (verdict === 'valid-reserialised' && reserialised !== undefined) signed = reserialised;
	}
	if (!parsed.ok || !isJsonObject(parsed.value)) return { kind: 'reject', status: 400, reason: 'body-not-a-json-object' };

	const payload = parsed.value;
	const bodySha1 = hash('sha1', signed, 'hex');
	const envelope = readEnvelope(payload, bodySha1);
	if (!isKnownTopic(envelope.topic)) {
		const webhookVersion = headerValue(delivery.headers, WEBHOOK_VERSION_HEADER);
		return { kind: 'ignore', reason: 'unknown-topic', topic: envelope.topic, webhookVersion };
	}
	const isNotification = envelope.topic === NOTIFICATION_PUSH;
	if (isNotification ? !wants(settings, 'notification') : !profileEventsWanted(settings)) {
		return { kind: 'ignore', reason: 'not-selected' };
	}
	const ageRefused = settings.maxDeliveryAgeMinutes > 0 && ageRefusal(envelope.fields.createdAt, now, settings.maxDeliveryAgeMinutes);
	if (ageRefused) return { kind: 'reject', status: 400, reason: ageRefused };
	if (isNotification && settings.simplify && hasTooManyEntries(envelope.data)) {
		return { kind: 'reject', status: 400, reason: 'too-many-notification-entries' };
	}
	// A profile update without a profile would run the workflow with every field empty.
	if (!isNotification && !isJsonObject(envelope.data)) return { kind: 'reject', status: 400, reason: 'profile-data-not-an-object' };

	// Only a delivery that gets this far reads or writes the memory.
	const memory = new TriggerMemory(store, settings, now, recent);
	if (settings.deduplicate) {
		const key = deliveryKeyOfDigest(bodySha1);
		if (memory.wasDelivered(key)) {
			memory.finish();
			return { kind: 'ignore', reason: 'duplicate' };
		}
		memory.rememberDelivery(key);
	}

	let items: GameballTriggerItem[];
	if (!isNotification) items = profileOutcome(envelope, payload, delivery, settings, memory, now);
	else if (settings.simplify) items = notificationItems(envelope, settings.preferredLanguages);
	else items = [rawNotificationItem(payload, delivery.headers, envelope.fields.deliveryId)];
	const storeChanged = memory.finish();
	return items.length > 0 ? { kind: 'emit', items, storeChanged } : { kind: 'ignore', reason: 'nothing-to-emit' };
}

export interface AutomationSettings {
	method: string;
	secretHeaderName: string;
	secretHeaderValue: string;
	keepHeaders: string[];
	includeQuery: boolean;
	maxBodySizeKb: number;
}

/** An automation campaign "Send Webhook" call: method, size, shared-secret header, then one item. */
export function handleAutomationCall(delivery: Delivery, settings: AutomationSettings): Outcome {
	const method = delivery.method.toUpperCase();
	if (method !== settings.method || !isAutomationMethod(method)) {
		return { kind: 'reject', status: 405, reason: 'method-not-allowed' };
	}
	if (isTooLarge(delivery.bytes, settings.maxBodySizeKb)) return { kind: 'reject', status: 413, reason: 'body-too-large' };
	const headerName = settings.secretHeaderName.trim().toLowerCase();
	if (!headerName || !settings.secretHeaderValue) return { kind: 'reject', status: 401, reason: 'secret-header-not-set' };
	if (!secretHeaderMatches(headerValue(delivery.headers, headerName), settings.secretHeaderValue)) {
		return { kind: 'reject', status: 401, reason: 'secret-header-mismatch' };
	}
	const query = settings.includeQuery ? queryWithoutSecret(delivery.query, settings.secretHeaderValue) : {};
	// Not over the secret: everything else the id covers is in the item, so a reader could guess a short one offline.
	const idQuery = querySecretMasked(delivery.query, settings.secretHeaderValue);
	return {
		kind: 'emit',
		storeChanged: false,
		items: [
			automationItem({
				method,
				bytes: delivery.bytes,
				query,
				headers: keptHeaders(delivery.headers, settings.keepHeaders, headerName),
				deliveryId: automationDeliveryId(method, idQuery, delivery.bytes),
			}),
		],
	};
}
