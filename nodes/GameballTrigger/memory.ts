import { hash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { isJsonObject } from './body';
import type { ProfileSnapshot } from './changes';

/*
 * What the trigger remembers, kept in the node's workflow static data in a compact form:
 *   deliveries: { <12-char key>: <unix seconds first seen> }   deliveryCount: number   previousDeliveries: {...}
 *   customers:  { <12-char key>: "[#<n>|<referralCode>|]<tierOrder>|<activated>|<pending>|<total>[|<tierName>]" }
 *               customerCount: number
 *   previousCustomers: {...}
 * Each memory is two generations of at most `limit` entries. Writes go to the current one; when it is full, it
 * becomes the previous one and the one before it is dropped whole. So the last `limit` distinct keys written are
 * always remembered, at most twice that many are stored, and no write ever walks a table (O(1), also through
 * n8n's static-data proxies). A customer's snapshot is written on every delivery, which keeps it current.
 * Best effort: n8n keeps static data per workflow, and in queue mode per process (see the README).
 */

export const DEDUPLICATION_WINDOW_MS = 2 * 60 * 60 * 1000;

interface Generations {
	current: string;
	count: string;
	previous: string;
}

const DELIVERIES: Generations = { current: 'deliveries', count: 'deliveryCount', previous: 'previousDeliveries' };
const CUSTOMERS: Generations = { current: 'customers', count: 'customerCount', previous: 'previousCustomers' };

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

/** The memory key of a customer within a Gameball account; `undefined` without any customer id. */
export function customerKey(clientId: string | null, customerId: string | null, gbCustomerId: string | null) {
	if (customerId !== null) return shortDigest(`${clientId ?? ''}\u0000c\u0000${customerId}`);
	if (gbCustomerId !== null) return shortDigest(`${clientId ?? ''}\u0000g\u0000${gbCustomerId}`);
	return undefined;
}

function tableOf(store: IDataObject, name: string): IDataObject {
	const table = store[name];
	return isJsonObject(table) ? table : {};
}

function countOf(store: IDataObject, name: string, table: IDataObject): number {
	const count = store[name];
	return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : Object.keys(table).length;
}

/** The value stored under `key`, newest generation first. */
function lookUp(store: IDataObject, tables: Generations, key: string): unknown {
	const current = tableOf(store, tables.current);
	if (Object.hasOwn(current, key)) return current[key];
	const previous = tableOf(store, tables.previous);
	return Object.hasOwn(previous, key) ? previous[key] : undefined;
}

/** Writes `key` into the current generation, first retiring it when it already holds `limit` other keys. */
function write(store: IDataObject, tables: Generations, key: string, value: string | number, limit: number): void {
	const capacity = Math.max(1, Math.floor(limit));
	let current = tableOf(store, tables.current);
	let count = countOf(store, tables.count, current);
	const isNew = !Object.hasOwn(current, key);
	if (isNew && count >= capacity) {
		store[tables.previous] = current;
		current = {};
		count = 0;
	}
	current[key] = value;
	if (store[tables.current] !== current) store[tables.current] = current;
	// Assigning through the static-data proxy marks it changed (even with the same count), so n8n saves it.
	store[tables.count] = isNew ? count + 1 : count;
}

/** True when the same delivery was accepted less than `windowMs` before `now`. */
export function wasDelivered(store: IDataObject, key: string, now: number, windowMs = DEDUPLICATION_WINDOW_MS) {
	const firstSeen = lookUp(store, DELIVERIES, key);
	return typeof firstSeen === 'number' && Math.floor(now / 1000) - firstSeen < windowMs / 1000;
}

/** Remembers a delivery; returns the stored first-seen time (unix seconds). */
export function rememberDelivery(store: IDataObject, key: string, now: number, limit: number): number {
	const firstSeen = Math.floor(now / 1000);
	write(store, DELIVERIES, key, firstSeen, limit);
	return firstSeen;
}

/** Puts back a delivery key that a concurrent save dropped; a key already there keeps its first-seen time. */
export function restoreDelivery(store: IDataObject, key: string, firstSeen: number, limit: number): void {
	if (lookUp(store, DELIVERIES, key) === undefined) write(store, DELIVERIES, key, firstSeen, limit);
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

/**
 * `<tierOrder>|<activated>|<pending>|<total>[|<tierName>]`, prefixed with `#<length>|<referralCode>|` when a
 * referral code is known. Without one, the bytes are those of the format that predates referral codes. The old
 * format never starts with `#` (its first field is empty or a number), and the code's length says where the code
 * ends, so neither the code nor the tier name (still last) needs escaping, `|` included.
 */
export function encodeSnapshot(snapshot: ProfileSnapshot): string {
	const encoded = `${numberText(snapshot.tierOrder)}|${numberText(snapshot.activatedPoints)}|${numberText(snapshot.pendingPoints)}|${numberText(snapshot.totalPoints)}`;
	const withTier = snapshot.tierName === null ? encoded : `${encoded}|${snapshot.tierName}`;
	const code = snapshot.referralCode;
	return code === null ? withTier : `${REFERRAL_MARKER}${code.length}|${code}|${withTier}`;
}

function decodeProfile(encoded: string, referralCode: string | null): ProfileSnapshot | undefined {
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
	};
}

/** A stored snapshot in either format; `undefined` for anything else. */
export function decodeSnapshot(encoded: unknown): ProfileSnapshot | undefined {
	if (typeof encoded !== 'string') return undefined;
	if (!encoded.startsWith(REFERRAL_MARKER)) return decodeProfile(encoded, null);
	const lengthEnd = encoded.indexOf('|');
	const length = Number(encoded.slice(1, lengthEnd));
	const codeEnd = lengthEnd + 1 + length;
	if (lengthEnd < 2 || !Number.isInteger(length) || length < 0 || encoded[codeEnd] !== '|') return undefined;
	return decodeProfile(encoded.slice(codeEnd + 1), encoded.slice(lengthEnd + 1, codeEnd));
}

export function recallCustomer(store: IDataObject, key: string): ProfileSnapshot | undefined {
	return decodeSnapshot(lookUp(store, CUSTOMERS, key));
}

/** Remembers a customer's snapshot; returns it as stored. */
export function rememberCustomer(store: IDataObject, key: string, snapshot: ProfileSnapshot, limit: number): string {
	const encoded = encodeSnapshot(snapshot);
	write(store, CUSTOMERS, key, encoded, limit);
	return encoded;
}

/** Puts back a stored snapshot (as `rememberCustomer` returned it) that a concurrent save dropped. */
export function restoreCustomer(store: IDataObject, key: string, encoded: string, limit: number): void {
	write(store, CUSTOMERS, key, encoded, limit);
}

function distinctKeys(store: IDataObject, tables: Generations): number {
	return new Set([...Object.keys(tableOf(store, tables.current)), ...Object.keys(tableOf(store, tables.previous))]).size;
}

/** How many distinct deliveries and customers are remembered (for tests and diagnostics). */
export function memorySize(store: IDataObject): { deliveries: number; customers: number } {
	return { deliveries: distinctKeys(store, DELIVERIES), customers: distinctKeys(store, CUSTOMERS) };
}

/** True when any customer snapshot is stored; reads only the stored count. */
export function remembersCustomers(store: IDataObject): boolean {
	return countOf(store, CUSTOMERS.count, tableOf(store, CUSTOMERS.current)) > 0;
}
