/** What a route handler receives and returns. */
import type { IncomingHttpHeaders } from 'http';
import type { BatchRunner } from '../batches';
import type { Account } from '../domain/account';
import type { ResolvedOptions } from '../options';
import type { SimulatorState } from '../state';

export interface RouteContext {
	account: Account;
	state: SimulatorState;
	/** The parsed JSON body when it is an object; {} otherwise. */
	body: Record<string, unknown>;
	query: URLSearchParams;
	params: Record<string, string>;
	headers: IncomingHttpHeaders;
	batches: BatchRunner;
	options: ResolvedOptions;
}

export interface Reply {
	status?: number;
	body: unknown;
}

export type Handler = (context: RouteContext) => Reply;

/** Handlers keyed by "METHOD contract-path". */
export type RouteTable = Record<string, Handler>;

export const API = '/api/v4.0/integrations';

export function ok(body: unknown, status = 200): Reply {
	return { status, body };
}

/** Reads a paging window: startAfter is an id, limit defaults to 50 (max 200). */
export function paging(query: URLSearchParams): { startAfter: number; limit: number } {
	const startAfter = Number(query.get('startAfter') ?? 0) || 0;
	const limit = Math.min(200, Math.max(1, Number(query.get('limit') ?? 50) || 50));
	return { startAfter, limit };
}

export function parseBoolean(value: string | null): boolean | undefined {
	if (value === null || value === '') return undefined;
	return value.toLowerCase() === 'true';
}
