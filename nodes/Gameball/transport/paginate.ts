import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isJsonObject } from '../../jsonObject';
import type { Endpoint, GameballRequest, ListSpec } from './endpoint';
import { saysItFailed } from './errors';
import type { GameballContext } from './request';
import { sendToGameball } from './request';

const MAX_PAGE_SIZE = 200;

/** An answer's entry as an output record: an object as it is, anything else (a number, null) as `{ value }`. */
export function asRecord(entry: unknown): IDataObject {
	return isJsonObject(entry) ? entry : { value: entry as IDataObject[string] };
}

/** The page's records. A list key holding something other than a list is an error, not "none found". */
function recordsOf(context: GameballContext, body: unknown, list: ListSpec, endpoint: Endpoint, itemIndex: number): IDataObject[] {
	if (Array.isArray(body)) return body.map(asRecord);
	const page = (body ?? {}) as IDataObject;
	const entries = page[list.itemsKey];
	if (entries === undefined || entries === null) {
		if (Object.keys(page).some((key) => !['hasMore', 'nextCursor', 'count', 'total'].includes(key))) {
			notify(context, `Gameball's answer to ${endpoint} has no "${list.itemsKey}" list: read as none found`);
		}
		return [];
	}
	if (!Array.isArray(entries)) {
		throw new NodeOperationError(context.getNode(), `Gameball's answer to ${endpoint} has "${list.itemsKey}" that is not a list`, {
			itemIndex,
			description: `Got ${typeof entries}. Check the credential's Base URL and API Version.`,
		});
	}
	return entries.map(asRecord);
}

const digestOf = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64');

/**
 * The records not read before: by their cursor field where the list has one. Records without it (all of them, in a
 * list without a cursor field) cannot be told apart from a copy: they are dropped only when the whole page was read
 * before (a page sent again), by a digest of it. Adds what it returns to `seen`.
 */
function unseen(page: IDataObject[], cursorKey: string | undefined, seen: Set<string>): IDataObject[] {
	const keyOf = (record: IDataObject) => (cursorKey === undefined ? undefined : record[cursorKey]);
	const hasKey = (record: IDataObject) => keyOf(record) !== undefined && keyOf(record) !== null;
	const freshKeyed = new Set<IDataObject>();
	for (const record of page.filter(hasKey)) {
		if (seen.has(String(keyOf(record)))) continue;
		seen.add(String(keyOf(record)));
		freshKeyed.add(record);
	}
	const pageDigest = `page:${digestOf(page)}`;
	const pageRepeated = seen.has(pageDigest);
	seen.add(pageDigest);
	return page.filter((record) => (hasKey(record) ? freshKeyed.has(record) : !pageRepeated));
}

/** Whether Gameball's answer says it has more: `hasMore` (a boolean, 0/1, or their text), else a cursor to read on from. */
function saysMore(page: IDataObject, nextCursor: unknown): boolean {
	const { hasMore } = page;
	if (typeof hasMore === 'boolean') return hasMore;
	if (typeof hasMore === 'number') return hasMore !== 0;
	const text = typeof hasMore === 'string' ? hasMore.trim().toLowerCase() : undefined;
	if (text === 'true' || text === '1') return true;
	if (text === 'false' || text === '0') return false;
	return nextCursor !== undefined;
}

/** The answer's `nextCursor`, or `undefined` when it gives none (null, or blank text). */
function nextCursorOf(page: IDataObject): unknown {
	const cursor = page.nextCursor;
	if (typeof cursor === 'string') return cursor.trim() === '' ? undefined : cursor.trim();
	return cursor === null ? undefined : cursor;
}

/**
 * Reads pages with `startAfter` + `limit` until `limit` records (or all, when `limit` is undefined). A page that
 * repeats earlier records, or a cursor sent before, ends the list with a warning: never a loop, never a record with an ID twice.
 */
export async function fetchList(
	this: GameballContext,
	endpoint: Endpoint,
	request: GameballRequest,
	list: ListSpec,
	limit: number | undefined,
	itemIndex: number,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const cursorsSent = new Set<string>();
	const seen = new Set<string>();
	let startAfter: unknown;
	for (;;) {
		const pageSize = Math.min(MAX_PAGE_SIZE, limit === undefined ? MAX_PAGE_SIZE : limit - records.length);
		const qs: IDataObject = { ...request.qs, limit: pageSize };
		if (startAfter !== undefined) qs.startAfter = startAfter as IDataObject[string];
		const { body } = await sendToGameball.call(this, endpoint, { ...request, qs }, { itemIndex });
		const failed = saysItFailed(body);
		if (failed) {
			// A read: failing the item loses nothing, where "none found" or a partial list would pass as the whole.
			const read = records.length ? `${records.length} record${records.length === 1 ? ' had' : 's had'} been read from earlier pages.` : 'It was the first page.';
			throw new NodeOperationError(this.getNode(), failed, { itemIndex, description: `${read} Reading is safe to repeat: run the node again.` });
		}
		const pageRecords = recordsOf(this, body, list, endpoint, itemIndex);
		const page = (Array.isArray(body) ? {} : body ?? {}) as IDataObject;
		const nextCursor = nextCursorOf(page);
		const more = saysMore(page, nextCursor);
		if (!pageRecords.length) {
			if (more) warnPartialList(this, records.length, endpoint, 'an empty page');
			return records;
		}
		const fresh = unseen(pageRecords, list.cursorKey, seen);
		if (!fresh.length) {
			if (more) warnPartialList(this, records.length, endpoint, 'a page it had already sent');
			return records;
		}
		records.push(...fresh);
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
		if (!more) return records;
		const next = nextCursor ?? (list.cursorKey ? pageRecords.at(-1)?.[list.cursorKey] : undefined);
		if (next === undefined || next === null || cursorsSent.has(String(next))) {
			warnPartialList(this, records.length, endpoint, next == null ? 'no cursor to read the next page' : 'a cursor already read');
			return records;
		}
		// Every list's `startAfter` is an integer (OpenAPI): a cursor of another form would be refused, and with it the
		// records read so far.
		if (!WHOLE_NUMBER.test(String(next))) {
			const what = nextCursor === undefined ? `a last ${list.cursorKey}` : 'a nextCursor';
			warnPartialList(this, records.length, endpoint, `${what} that is not a whole number, which startAfter takes`);
			return records;
		}
		cursorsSent.add(String(next));
		startAfter = next;
	}
}

const WHOLE_NUMBER = /^\d+$/;

function notify(context: GameballContext, message: string) {
	context.logger.warn(message);
	if ('addExecutionHints' in context && typeof context.addExecutionHints === 'function') {
		context.addExecutionHints({ message, location: 'outputPane' });
	}
}

/** Gameball said there is more but gave nothing new to read on from: say so, rather than pass a partial list as whole. */
function warnPartialList(context: GameballContext, read: number, endpoint: Endpoint, why: string) {
	notify(context, `Gameball has more records than the ${read} returned, but its answer gives ${why} (${endpoint})`);
}
