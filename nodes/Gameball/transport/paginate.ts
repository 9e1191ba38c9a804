import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Endpoint, GameballRequest, ListSpec } from './endpoint';
import type { GameballContext } from './request';
import { sendToGameball } from './request';

const MAX_PAGE_SIZE = 200;

/** An answer's entry as an output record: an object as it is, anything else (a number, null) as `{ value }`. */
export function asRecord(entry: unknown): IDataObject {
	return typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as IDataObject) : { value: entry as IDataObject[string] };
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

/**
 * The records not read before: by their cursor field where the list has one (a record without it counts as new),
 * else the page as a whole, by a digest of it. Adds what it returns to `seen`.
 */
function unseen(page: IDataObject[], cursorKey: string | undefined, seen: Set<string>): IDataObject[] {
	if (!cursorKey) {
		const digest = createHash('sha1').update(JSON.stringify(page)).digest('base64');
		if (seen.has(digest)) return [];
		seen.add(digest);
		return page;
	}
	return page.filter((record) => {
		const key = record[cursorKey];
		if (key === undefined || key === null) return true;
		if (seen.has(String(key))) return false;
		seen.add(String(key));
		return true;
	});
}

/**
 * Reads pages with `startAfter` + `limit` until `limit` records (or all, when `limit` is undefined). A page that
 * repeats earlier records, or a cursor sent before, ends the list with a warning: never a loop, never a record twice.
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
		const pageRecords = recordsOf(this, body, list, endpoint, itemIndex);
		const page = (Array.isArray(body) ? {} : body ?? {}) as IDataObject;
		const more = page.hasMore ?? page.nextCursor != null;
		if (!pageRecords.length) {
			if (more) warnPartialList(this, records.length, endpoint, 'an empty page');
			return records;
		}
		const fresh = unseen(pageRecords, list.cursorKey, seen);
		if (!fresh.length) {
			warnPartialList(this, records.length, endpoint, 'a page it had already sent');
			return records;
		}
		records.push(...fresh);
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
		if (!more) return records;
		const next = page.nextCursor ?? (list.cursorKey ? pageRecords.at(-1)?.[list.cursorKey] : undefined);
		if (next === undefined || next === null || cursorsSent.has(String(next))) {
			warnPartialList(this, records.length, endpoint, next == null ? 'no cursor to read the next page' : 'a cursor already read');
			return records;
		}
		// Every list's `startAfter` is an integer (OpenAPI): a record's ID of another form would be refused, and with
		// it the records read so far.
		if (page.nextCursor == null && !WHOLE_NUMBER.test(String(next))) {
			warnPartialList(this, records.length, endpoint, `a last ${list.cursorKey} that is not a whole number, which startAfter takes`);
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
