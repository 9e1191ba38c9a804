import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { isJsonObject } from './body';
import type { ProfileSnapshot } from './changes';

/*
 * What the trigger remembers, kept in the node's workflow static data in a compact form:
 *   deliveries: { <12-char key>: <unix seconds first seen> }   deliveryCount: number
 *   customers:  { <12-char key>: "<tierOrder>|<activated>|<pending>|<total>[|<tierName>]" }   customerCount: number
 * Both tables keep insertion order, oldest first, and are bounded: when one is full, the least recently
 * used 1% (at least one entry) is dropped in one pass, so inserts stay cheap at 50,000 entries.
 * Best effort: n8n keeps static data per workflow, and in queue mode per process (see the README).
 */

export const DEDUPLICATION_WINDOW_MS = 2 * 60 * 60 * 1000;

const DELIVERIES = 'deliveries';
const DELIVERY_COUNT = 'deliveryCount';
const CUSTOMERS = 'customers';
const CUSTOMER_COUNT = 'customerCount';

/** Base64url of the first 9 bytes of SHA-1: 12 characters, never mistaken for an array index. */
export function shortDigest(input: Buffer | string): string {
	return createHash('sha1').update(input).digest().subarray(0, 9).toString('base64url');
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

/** Drops the `howMany` oldest entries; returns how many remain. */
function dropOldest(table: IDataObject, howMany: number): number {
	let dropped = 0;
	for (const key in table) {
		if (dropped >= howMany) break;
		delete table[key];
		dropped++;
	}
	return Object.keys(table).length;
}

/** Puts `key` last (most recent), evicting the oldest entries first when the table is full. */
function insertLast(
	store: IDataObject,
	names: { table: string; count: string },
	key: string,
	value: string | number,
	limit: number,
): void {
	const bound = Math.max(1, Math.floor(limit));
	const table = tableOf(store, names.table);
	let count = countOf(store, names.count, table);
	if (Object.hasOwn(table, key)) {
		delete table[key];
		count--;
	}
	if (count >= bound) count = dropOldest(table, count - bound + Math.max(1, Math.floor(bound / 100)));
	table[key] = value;
	// Assigning through the static-data proxy marks it changed, so n8n saves it.
	store[names.table] = table;
	store[names.count] = count + 1;
}

/** True when the same delivery was accepted less than `windowMs` before `now`. */
export function wasDelivered(store: IDataObject, key: string, now: number, windowMs = DEDUPLICATION_WINDOW_MS) {
	const firstSeen = tableOf(store, DELIVERIES)[key];
	return typeof firstSeen === 'number' && Math.floor(now / 1000) - firstSeen < windowMs / 1000;
}

export function rememberDelivery(store: IDataObject, key: string, now: number, limit: number): void {
	insertLast(store, { table: DELIVERIES, count: DELIVERY_COUNT }, key, Math.floor(now / 1000), limit);
}

function numberText(value: number | null): string {
	return value === null ? '' : String(value);
}

function textNumber(text: string | undefined): number | null {
	if (text === undefined || text === '') return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

export function encodeSnapshot(snapshot: ProfileSnapshot): string {
	const numbers = [snapshot.tierOrder, snapshot.activatedPoints, snapshot.pendingPoints, snapshot.totalPoints];
	const encoded = numbers.map(numberText).join('|');
	return snapshot.tierName === null ? encoded : `${encoded}|${snapshot.tierName}`;
}

export function decodeSnapshot(encoded: unknown): ProfileSnapshot | undefined {
	if (typeof encoded !== 'string') return undefined;
	const parts = encoded.split('|');
	if (parts.length < 4) return undefined;
	return {
		tierOrder: textNumber(parts[0]),
		activatedPoints: textNumber(parts[1]),
		pendingPoints: textNumber(parts[2]),
		totalPoints: textNumber(parts[3]),
		// The name is last, so a "|" inside it needs no escaping.
		tierName: parts.length > 4 ? parts.slice(4).join('|') : null,
	};
}

export function recallCustomer(store: IDataObject, key: string): ProfileSnapshot | undefined {
	return decodeSnapshot(tableOf(store, CUSTOMERS)[key]);
}

export function rememberCustomer(store: IDataObject, key: string, snapshot: ProfileSnapshot, limit: number): void {
	insertLast(store, { table: CUSTOMERS, count: CUSTOMER_COUNT }, key, encodeSnapshot(snapshot), limit);
}

/** How many deliveries and customers are remembered (for tests and diagnostics). */
export function memorySize(store: IDataObject): { deliveries: number; customers: number } {
	return {
		deliveries: Object.keys(tableOf(store, DELIVERIES)).length,
		customers: Object.keys(tableOf(store, CUSTOMERS)).length,
	};
}
