import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** One Gameball endpoint, as `METHOD /path/{param}` relative to `/api/<version>/integrations`. */
export type Endpoint = `${IHttpRequestMethods} /${string}`;

/** What an operation asks the transport to send. The router and transport do everything else. */
export interface GameballRequest {
	pathParams?: Record<string, string | number>;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: Record<string, string>;
	/** Values the operation's own `run` sends in a later call (e.g. tags after an upsert); no batch form carries them. */
	followUp?: IDataObject;
}

export type BatchKind =
	| 'customers'
	| 'orders'
	| 'orders/transactions'
	| 'balance-inquiry'
	| 'balance-adjustment'
	| 'cashback'
	| 'redeem'
	| 'events';

/** One entry of a batch job's body: an object, or a bare ID for `orders/transactions`. */
export type BatchEntry = IDataObject | string;

/** Lists that page with `startAfter` + `limit` and answer `{ <itemsKey>: [...], hasMore | nextCursor }`. */
export interface ListSpec {
	itemsKey: string;
	/** The record field that the next page starts after; without it, pages follow `nextCursor` or stop. */
	cursorKey?: string;
}

/**
 * Why a path parameter's value cannot be sent, or `undefined`. A "." or ".." segment would be resolved by URL parsing
 * (encoding leaves dots): Remove Tag with the tag ".." would go to the customer's own path, Delete Customer's.
 */
export function pathValueProblem(value: string | number | undefined): string | undefined {
	if (value === undefined || String(value).trim() === '') return 'is required';
	if (value === '.' || value === '..') return `cannot be "${value}"`;
	return undefined;
}
