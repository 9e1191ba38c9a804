import type { IDataObject } from 'n8n-workflow';

import { entriesInLanguage, firstPerLanguage, languageCode } from '../languages';
import { numberOrNull } from '../numbers';
import { presentText } from '../text';
import type {
	GameballEnvelopeFields,
	GameballNotificationItem,
	GameballProfileChanges,
	GameballProfileUpdatedItem,
	GameballRawDeliveryItem,
} from '../types';
import { isJsonObject } from '../jsonObject';
import { SIGNATURE_HEADER } from './signature';

export const PROFILE_UPDATED = 'customer.profile.updated';
export const NOTIFICATION_PUSH = 'customer.notification.push';
export type GameballTopic = typeof PROFILE_UPDATED | typeof NOTIFICATION_PUSH;

/** A v4 delivery body, read tolerantly: every field may be missing, null or of the wrong type. */
export interface Envelope {
	/** The `event` field, or `null` when it is not a string. */
	topic: string | null;
	fields: GameballEnvelopeFields;
	data: unknown;
}

/** A string, or a number/boolean as its text; anything else is `null`. */
export function asText(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	return null;
}

/** `asText`, but a blank value is none: a blank tier name or referral code names nothing and changes nothing. */
export function nonBlankText(value: unknown): string | null {
	const text = asText(value);
	return text === null || text.trim() === '' ? null : text;
}

/** A finite number, or decimal text as its number; anything else is `null`. */
export const asNumber = numberOrNull;

export function readEnvelope(payload: IDataObject, deliveryId: string): Envelope {
	return {
		topic: typeof payload.event === 'string' ? payload.event : null,
		fields: {
			clientId: asText(payload.client_id),
			customerId: asText(payload.customer_id),
			gbCustomerId: asText(payload.gb_customer_id),
			createdAt: asText(payload.created_at),
			deliveryId,
		},
		data: payload.data,
	};
}

export function isKnownTopic(topic: string | null): topic is GameballTopic {
	return topic === PROFILE_UPDATED || topic === NOTIFICATION_PUSH;
}

/** The profile part of a `customer.profile.updated` item, from `data` (anything not an object counts as empty). */
export type ProfileFields = Omit<GameballProfileUpdatedItem, keyof GameballEnvelopeFields | 'event' | 'changes' | 'outOfOrder'>;

export function readProfile(data: unknown): ProfileFields {
	const profile = isJsonObject(data) ? data : {};
	return {
		email: asText(profile.email),
		mobileNumber: asText(profile.mobile_number),
		tierName: nonBlankText(profile.tier_name),
		tierOrder: asNumber(profile.tier_order),
		referralCode: nonBlankText(profile.referral_code),
		referralLink: asText(profile.referral_link),
		activatedPoints: asNumber(profile.activated_points),
		pendingPoints: asNumber(profile.pending_points),
		totalPoints: asNumber(profile.total_points),
	};
}

export function profileItem(
	envelope: Envelope,
	profile: ProfileFields,
	changes: GameballProfileChanges | null,
	outOfOrder: boolean,
): GameballProfileUpdatedItem {
	// Written out: spreading two objects into one literal cost 0.2–1 µs per delivery (bench/RESULTS.md P2).
	const { fields } = envelope;
	return {
		event: PROFILE_UPDATED,
		clientId: fields.clientId,
		customerId: fields.customerId,
		gbCustomerId: fields.gbCustomerId,
		createdAt: fields.createdAt,
		deliveryId: fields.deliveryId,
		email: profile.email,
		mobileNumber: profile.mobileNumber,
		tierName: profile.tierName,
		tierOrder: profile.tierOrder,
		referralCode: profile.referralCode,
		referralLink: profile.referralLink,
		activatedPoints: profile.activatedPoints,
		pendingPoints: profile.pendingPoints,
		totalPoints: profile.totalPoints,
		changes,
		outOfOrder,
	};
}

/** The comma-separated language list of the "Preferred Languages" option, lower case, in order. */
export function parseLanguageList(list: string): string[] {
	const languages = list
		.split(',')
		.map(languageCode)
		.filter((language) => language !== '');
	// A language named twice would give its item twice (a message sent twice).
	return [...new Set(languages)];
}

/** More language entries than any notification needs: such a delivery is refused rather than split into items. */
export const MAX_NOTIFICATION_ENTRIES = 200;

export function hasTooManyEntries(data: unknown): boolean {
	return Array.isArray(data) && data.length > MAX_NOTIFICATION_ENTRIES;
}

function notificationEntries(data: unknown): IDataObject[] {
	if (Array.isArray(data)) return data.filter(isJsonObject);
	return isJsonObject(data) ? [data] : [];
}

/**
 * Keeps the entries in the preferred languages, in the order of preference; when none is present, the first
 * entry. No preference keeps the first entry of each language, in Gameball's order.
 */
export function pickLanguages<T extends { language: string | null }>(entries: T[], preferred: string[]): T[] {
	if (preferred.length === 0) return entries.length > 1 ? firstPerLanguage(entries) : entries;
	if (entries.length === 0) return entries;
	const picked = preferred.flatMap((language) => entriesInLanguage(entries, language).slice(0, 1));
	// Two preferences may pick one entry (`en-us` and `en`): it gives one item, not a message sent twice.
	return picked.length > 0 ? [...new Set(picked)] : [entries[0]];
}

/** One item per language of a `customer.notification.push` delivery; an entry with neither title nor body gives none. */
export function notificationItems(envelope: Envelope, preferredLanguages: string[]): GameballNotificationItem[] {
	const items = notificationEntries(envelope.data).map(
		(entry): GameballNotificationItem => ({
			event: NOTIFICATION_PUSH,
			...envelope.fields,
			language: presentText(entry.local) ?? presentText(entry.language),
			title: asText(entry.title),
			body: asText(entry.body),
			icon: presentText(entry.icon),
		}),
	);
	const messages = items.filter((item) => item.title?.trim() || item.body?.trim());
	return pickLanguages(messages, preferredLanguages);
}

/** Headers a raw item leaves out: the signature, and credentials a proxy in front of n8n may add. */
const UNSHOWN_HEADERS = [SIGNATURE_HEADER, 'authorization', 'proxy-authorization', 'cookie'];

/** Request headers without the signature or credentials. */
export function shownHeaders(headers: Record<string, string>): Record<string, string> {
	const kept = { ...headers };
	for (const name of UNSHOWN_HEADERS) delete kept[name];
	return kept;
}

/** Simplify off, a profile update: the payload as received plus the headers (`shownHeaders`), and `outOfOrder`. */
export function rawProfileItem(
	payload: IDataObject,
	headers: Record<string, string>,
	deliveryId: string,
	outOfOrder: boolean,
): GameballRawDeliveryItem {
	return { event: PROFILE_UPDATED, body: payload, headers: shownHeaders(headers), deliveryId, outOfOrder };
}

/** Simplify off, a notification: the payload as received plus the headers (`shownHeaders`). */
export function rawNotificationItem(
	payload: IDataObject,
	headers: Record<string, string>,
	deliveryId: string,
): GameballRawDeliveryItem {
	return { event: NOTIFICATION_PUSH, body: payload, headers: shownHeaders(headers), deliveryId };
}
