import { hash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { ProfileSnapshot } from './changes';
import { hasEntries, keyCount, readEntry, tableEntries, writeEntries, writeEntry, type TableNames } from './textTables';

/*
 * What the trigger remembers, kept in the node's workflow static data as text tables (textTables.ts), two
 * generations each:
 *   deliveries, previousDeliveries   =<unix seconds first seen>, then one <12-char key> line per key first seen then
 *                                    (earlier versions: <12-char key>=<unix seconds first seen>; both are read)
 *   customers, previousCustomers     <12-char key>=[@<made at, ms>|][#<n>|<referralCode>|]<tierOrder>|<activated>|<pending>|<total>[|<tierName>]
 * The last `limit` keys written are always remembered, at most twice that many are stored, and no write walks a
 * table. A customer's snapshot is written on every delivery that changes it, which keeps it current.
 * Best effort: n8n keeps static data per workflow, and in queue mode per process (see the README).
 */

export const DEDUPLICATION_WINDOW_MS = 2 * 60 * 60 * 1000;

const DELIVERIES: TableNames = { current: 'deliveries', previous: 'previousDeliveries', legacyCount: 'deliveryCount', sharesValues: true };
const CUSTOMERS: TableNames = { current: 'customers', previous: 'previousCustomers', legacyCount: 'customerCount' };

const KEY_LENGTH = 12;

/** Base64url of the first 9 bytes of SHA-1: 12 characters, never mistaken for an array index. */
export function shortDigest(input: Buffer | string): string {
	return hash('sha1', input, 'base64url').slice(0, KEY_LENGTH);
}

/** The deduplication key of a delivery, from the hex SHA-1 of its raw body (its `deliveryId`). */
export function deliveryKeyOfDigest(bodySha1Hex: string): string {
	return Buffer.from(bodySha1Hex.slice(0, 18), 'hex').toString('base64url');
}

/** The deduplication key of a delivery: its raw body, digested. */
export function deliveryKey(rawBody: Buffer): string {
	return shortDigest(rawBody);
}

function isId(id: string | null): id is string {
	return id !== null && id.trim() !== '';
}

/** The memory key of a customer within a Gameball account; `undefined` without any customer id (blank is none). */
export function customerKey(clientId: string | null, customerId: string | null, gbCustomerId: string | null) {
	if (isId(customerId)) return shortDigest(`${clientId ?? ''}\u0000c\u0000${customerId}`);
	if (isId(gbCustomerId)) return shortDigest(`${clientId ?? ''}\u0000g\u0000${gbCustomerId}`);
	return undefined;
}

/** `now` in unix seconds, as first-seen times are stored. */
export function unixSeconds(now: number): number {
	return Math.floor(now / 1000);
}

/** True when a delivery first seen at `firstSeen` (unix seconds) is still within `windowMs` of `now`. */
export function isWithinWindow(firstSeen: unknown, now: number, windowMs = DEDUPLICATION_WINDOW_MS): boolean {
	return typeof firstSeen === 'number' && Number.isFinite(firstSeen) && unixSeconds(now) - firstSeen < windowMs / 1000;
}

/** True when the same delivery was accepted less than `windowMs` before `now`. */
export function wasDelivered(store: IDataObject, key: string, now: number, windowMs = DEDUPLICATION_WINDOW_MS) {
	return isWithinWindow(Number(readEntry(store, DELIVERIES, key)), now, windowMs);
}

export function rememberDelivery(store: IDataObject, key: string, now: number, limit: number): void {
	writeEntry(store, DELIVERIES, key, String(unixSeconds(now)), limit);
}

/** Writes delivery keys with their first-seen times (unix seconds), in order, e.g. ones logged earlier (recentWrites.ts). */
export function restoreDeliveries(store: IDataObject, deliveries: Array<[key: string, firstSeen: number]>, limit: number): void {
	writeEntries(store, DELIVERIES, deliveries.map(([key, firstSeen]) => [key, String(firstSeen)]), limit);
}

function numberText(value: number | null): string {
	return value === null ? '' : String(value);
}

function textNumber(text: string | undefined): number | null {
	if (text === undefined || text === '') return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

const REFERRAL_MARKER = '#';
const MADE_AT_MARKER = '@';

/**
 * `<tierOrder>|<activated>|<pending>|<total>[|<tierName>]`, prefixed with `#<length>|<referralCode>|` when a
 * referral code is known, and before that with `@<ms>|` when the update's time is. Without either, the bytes are
 * those of the format that predates them. The old format never starts with `#` or `@` (its first field is empty or
 * a number), and the code's length says where the code ends, so neither the code nor the tier name (still last)
 * needs escaping, `|` included.
 */
export function encodeSnapshot(snapshot: ProfileSnapshot): string {
	const encoded = `${numberText(snapshot.tierOrder)}|${numberText(snapshot.activatedPoints)}|${numberText(snapshot.pendingPoints)}|${numberText(snapshot.totalPoints)}`;
	const withTier = snapshot.tierName === null ? encoded : `${encoded}|${snapshot.tierName}`;
	const code = snapshot.referralCode;
	const withCode = code === null ? withTier : `${REFERRAL_MARKER}${code.length}|${code}|${withTier}`;
	return snapshot.madeAt === null ? withCode : `${MADE_AT_MARKER}${snapshot.madeAt}|${withCode}`;
}

function decodeProfile(encoded: string, referralCode: string | null, madeAt: number | null): ProfileSnapshot | undefined {
	const parts = encoded.split('|');
	if (parts.length < 4) return undefined;
	return {
		tierOrder: textNumber(parts[0]),
		activatedPoints: textNumber(parts[1]),
		pendingPoints: textNumber(parts[2]),
		totalPoints: textNumber(parts[3]),
		// The name is last, so a "|" inside it needs no escaping.
		tierName: parts.length > 4 ? parts.slice(4).join('|') : null,
		referralCode,
		madeAt,
	};
}

function decodeWithoutTime(encoded: string, madeAt: number | null): ProfileSnapshot | undefined {
	if (!encoded.startsWith(REFERRAL_MARKER)) return decodeProfile(encoded, null, madeAt);
	const lengthEnd = encoded.indexOf('|');
	const length = Number(encoded.slice(1, lengthEnd));
	const codeEnd = lengthEnd + 1 + length;
	if (lengthEnd < 2 || !Number.isInteger(length) || length < 0 || encoded[codeEnd] !== '|') return undefined;
	return decodeProfile(encoded.slice(codeEnd + 1), encoded.slice(lengthEnd + 1, codeEnd), madeAt);
}

/** A stored snapshot in any of its formats; `undefined` for anything else. */
export function decodeSnapshot(encoded: unknown): ProfileSnapshot | undefined {
	if (typeof encoded !== 'string') return undefined;
	if (!encoded.startsWith(MADE_AT_MARKER)) return decodeWithoutTime(encoded, null);
	const timeEnd = encoded.indexOf('|');
	const madeAt = timeEnd < 2 ? NaN : Number(encoded.slice(1, timeEnd));
	return Number.isSafeInteger(madeAt) ? decodeWithoutTime(encoded.slice(timeEnd + 1), madeAt) : undefined;
}

export function recallCustomer(store: IDataObject, key: string): ProfileSnapshot | undefined {
	return decodeSnapshot(readEntry(store, CUSTOMERS, key));
}

export function rememberCustomer(store: IDataObject, key: string, snapshot: ProfileSnapshot, limit: number): void {
	writeEntry(store, CUSTOMERS, key, encodeSnapshot(snapshot), limit);
}

/** Writes snapshots encoded as `encodeSnapshot` does, in order, e.g. ones logged earlier (recentWrites.ts). */
export function restoreCustomers(store: IDataObject, customers: Array<[key: string, encoded: string]>, limit: number): void {
	writeEntries(store, CUSTOMERS, customers, limit);
}

/**
 * Writes into `target` each customer snapshot of `source` that `target` lacks or holds from an earlier update
 * (by update time; a snapshot without one never replaces another). Returns how many it wrote.
 */
export function mergeNewerCustomers(target: IDataObject, source: IDataObject, limit: number): number {
	const writes: Array<[string, string]> = [];
	for (const [key, encoded] of tableEntries(source, CUSTOMERS)) {
		const theirs = decodeSnapshot(encoded);
		if (!theirs) continue;
		const ours = recallCustomer(target, key);
		if (!ours || (theirs.madeAt !== null && (ours.madeAt === null || theirs.madeAt > ours.madeAt))) writes.push([key, encoded]);
	}
	writeEntries(target, CUSTOMERS, writes, limit);
	return writes.length;
}

/** How many distinct deliveries and customers are remembered (for tests and diagnostics). */
export function memorySize(store: IDataObject): { deliveries: number; customers: number } {
	return { deliveries: keyCount(store, DELIVERIES), customers: keyCount(store, CUSTOMERS) };
}

/** True when any customer snapshot is stored, without reading the snapshots. */
export function remembersCustomers(store: IDataObject): boolean {
	return hasEntries(store, CUSTOMERS);
}

/** Makes `target` (a copy of static data) hold exactly `source`'s fields; a field already equal is not set again. */
export function replaceContents(target: IDataObject, source: IDataObject): void {
	for (const key of Object.keys(target)) if (!(key in source)) delete target[key];
	for (const [key, value] of Object.entries(source)) if (target[key] !== value) target[key] = value;
}
