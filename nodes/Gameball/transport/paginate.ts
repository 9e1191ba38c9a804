import type { IDataObject } from 'n8n-workflow';

import type { Endpoint, GameballRequest, ListSpec } from '../actions/operation';
import type { GameballContext } from './request';
import { sendToGameball } from './request';

const MAX_PAGE_SIZE = 200;

/** Reads pages with `startAfter` + `limit` until `limit` records (or all, when `limit` is undefined). */
export async function fetchList(
	this: GameballContext,
	endpoint: Endpoint,
	request: GameballRequest,
	list: ListSpec,
	limit: number | undefined,
	itemIndex: number,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	let startAfter: unknown;
	for (;;) {
		const pageSize = Math.min(MAX_PAGE_SIZE, limit === undefined ? MAX_PAGE_SIZE : limit - records.length);
		const qs: IDataObject = { ...request.qs, limit: pageSize };
		if (startAfter !== undefined) qs.startAfter = startAfter as IDataObject[string];
		const { body } = await sendToGameball.call(this, endpoint, { ...request, qs }, { itemIndex });
		const page = (body ?? {}) as IDataObject;
		const pageRecords = (Array.isArray(page) ? page : page[list.itemsKey] ?? []) as IDataObject[];
		records.push(...pageRecords);
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
		const next = page.nextCursor ?? (list.cursorKey ? pageRecords.at(-1)?.[list.cursorKey] : undefined);
		const more = page.hasMore ?? page.nextCursor != null;
		if (!pageRecords.length || !more) return records;
		if (next === undefined || next === null || next === startAfter) {
			warnPartialList(this, records.length, endpoint);
			return records;
		}
		startAfter = next;
	}
}

/** Gameball said there is more but gave nothing to read on from: say so, rather than pass a partial list as whole. */
function warnPartialList(context: GameballContext, read: number, endpoint: Endpoint) {
	const message = `Gameball has more records than the ${read} returned, but its answer gives no cursor to read the next page (${endpoint})`;
	context.logger.warn(message);
	if ('addExecutionHints' in context && typeof context.addExecutionHints === 'function') {
		context.addExecutionHints({ message, location: 'outputPane' });
	}
}
