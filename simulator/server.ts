/**
 * The request pipeline: route -> auth -> rate limit -> faults -> contract validation -> handler -> answer.
 * Every request is recorded (keys redacted) and logged in one line.
 */
import { randomUUID } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import type { BatchRunner } from './batches';
import { findOperation, isContractError, validateRequest, type ContractOperation } from './contract';
import type { Account } from './domain/account';
import { ERROR_CODES, errorAnswer, errorBody, GameballError } from './errors';
import { mayApplyBeforeFault, truncateJson, type FaultInjector } from './faults';
import { BodyTooLargeError, isPlainObject, readBody, redactHeaders, sendText } from './http';
import type { ResolvedOptions } from './options';
import { rateGroupOf, type RateLimiter } from './rateLimit';
import { routes, tutorialBatchStatus, tutorialBatchStop } from './routes';
import type { Handler, Reply, RouteContext } from './routes/types';
import type { TimerRegistry } from './timers';

export interface RequestRecord {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	/** 0 when the connection was reset without an answer. */
	status: number;
	at: number;
	durationMs: number;
	headers: Record<string, string>;
	requestId: string;
	fault?: string;
	errorCode?: number;
}

export interface ServerDependencies {
	account: Account;
	batches: BatchRunner;
	options: ResolvedOptions;
	limiter: RateLimiter;
	faults: FaultInjector;
	timers: TimerRegistry;
	requests: RequestRecord[];
	counters: { rateLimited: number };
}

interface ResolvedRoute {
	handler: Handler;
	/** The contract operation; undefined for the tutorial's batch paths. */
	operation?: ContractOperation;
	contractPath: string;
	params: Record<string, string>;
	requireSecret: boolean;
}

/** Documented statuses that differ from the generic 400 for one field of one operation. */
const VALIDATION_STATUS_OVERRIDES: Record<string, Record<string, number>> = {
	// "Unprocessable entity. Returned when campaignId is zero or negative."
	'GET /api/v4.0/integrations/customers/{customerId}/reward-campaigns-progress': { campaignId: 422 },
};

const TUTORIAL_BATCH = /^\/api\/v4(?:\.0)?\/integrations\/batch\/(\d+)\/?$/i;
const BATCH_CREATE = /^\/api\/v4\.0\/integrations\/batch\//;

/** Maps /api/v4/ and /api/v4.1/ onto the contract's /api/v4.0/ paths; v4.1 needs both keys on every call. */
function normalisePath(pathname: string): { path: string; requireSecret: boolean } {
	const match = /^\/api\/v4(\.[01])?\/integrations(\/.*)?$/i.exec(pathname);
	if (!match) return { path: pathname, requireSecret: false };
	return { path: `/api/v4.0/integrations${match[2] ?? ''}`, requireSecret: match[1] === '.1' };
}

function resolveRoute(method: string, pathname: string): ResolvedRoute | GameballError {
	const tutorial = TUTORIAL_BATCH.exec(pathname);
	if (tutorial && (method === 'GET' || method === 'DELETE')) {
		return {
			handler: method === 'GET' ? tutorialBatchStatus : tutorialBatchStop,
			contractPath: '/api/v4/integrations/batch/{jobId}',
			params: { jobId: tutorial[1] },
			requireSecret: true,
		};
	}
	const { path, requireSecret } = normalisePath(pathname);
	const { match, methodMismatch } = findOperation(method, path);
	if (!match) {
		return methodMismatch
			? new GameballError(405, ERROR_CODES.methodNotAllowed, `Method ${method} is not allowed on ${pathname}`)
			: new GameballError(404, ERROR_CODES.notFound, `No such endpoint: ${method} ${pathname}`);
	}
	const handler = routes[`${match.operation.method} ${match.operation.path}`];
	if (!handler) return new GameballError(501, ERROR_CODES.serverError, `${method} ${pathname} is not implemented by the simulator`);
	return {
		handler,
		operation: match.operation,
		contractPath: match.operation.path,
		params: match.pathParams,
		requireSecret: requireSecret || match.operation.security.includes('secretKey'),
	};
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function authenticate(request: IncomingMessage, options: ResolvedOptions, requireSecret: boolean): void {
	const apiKey = headerValue(request, 'apikey');
	const secretKey = headerValue(request, 'secretkey');
	if (!apiKey) throw new GameballError(401, ERROR_CODES.authentication, 'The APIKey header is required');
	if (apiKey !== options.apiKey) throw new GameballError(401, ERROR_CODES.authentication, 'The APIKey is invalid');
	const checked = requireSecret || options.checkSecretKeyEverywhere;
	if (checked && secretKey !== undefined && secretKey !== options.secretKey) throw new GameballError(401, ERROR_CODES.authentication, 'The SecretKey is invalid');
	if (requireSecret && secretKey === undefined) throw new GameballError(401, ERROR_CODES.authentication, 'The SecretKey header is required for this operation');
}

function validate(route: ResolvedRoute, method: string, path: string, query: URLSearchParams, parsed: unknown, rejectUnknownFields: boolean): void {
	if (!route.operation) return;
	if (method === 'POST' && BATCH_CREATE.test(route.contractPath)) {
		// Items are checked one by one while the job runs, so one bad item does not reject the job.
		if (!isPlainObject(parsed)) throw new GameballError(400, ERROR_CODES.missingField, 'A JSON object body { body: [...] } is required');
		const unknown = Object.keys(parsed).find((name) => name !== 'body');
		if (rejectUnknownFields && unknown !== undefined) throw new GameballError(400, ERROR_CODES.invalidValue, `${unknown} is not a field of this request`);
		return;
	}
	const result = validateRequest(method, normalisePath(path).path, query, parsed, rejectUnknownFields);
	if (isContractError(result)) {
		const { status, code, message, field } = result.error;
		const override = code === ERROR_CODES.invalidValue && field ? VALIDATION_STATUS_OVERRIDES[`${method} ${route.contractPath}`]?.[field] : undefined;
		throw new GameballError(override ?? status, code, message);
	}
}

export function createRequestHandler(deps: ServerDependencies): (request: IncomingMessage, response: ServerResponse) => void {
	const { account, options } = deps;

	return (request, response) => {
		handle(request, response).catch((error: unknown) => {
			options.log(`simulator error: ${error instanceof Error ? error.stack : String(error)}`);
			if (!response.headersSent) sendText(response, 500, JSON.stringify(errorBody(ERROR_CODES.serverError, 'Internal simulator error', 'n/a')));
		});
	};

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const started = Date.now();
		const method = (request.method ?? 'GET').toUpperCase();
		const url = new URL(request.url ?? '/', 'http://simulator.local');
		const requestId = randomUUID();
		const record: RequestRecord = {
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			body: undefined,
			status: 0,
			at: started,
			durationMs: 0,
			headers: redactHeaders(request.headers),
			requestId,
		};
		deps.requests.push(record);

		const finish = (status: number, text: string, headers: Record<string, string> = {}) => {
			record.status = status;
			record.durationMs = Date.now() - started;
			sendText(response, status, text, { 'X-Request-Id': requestId, ...headers });
			options.log(`${method} ${url.pathname}${url.search} -> ${status} (${record.durationMs} ms)${record.fault ? ` [fault: ${record.fault}]` : ''}`);
		};
		const fail = (error: GameballError) => {
			if (error.code) record.errorCode = error.code;
			finish(error.status, JSON.stringify(errorAnswer(error, requestId)), error.headers);
		};

		let raw: string;
		try {
			raw = await readBody(request);
		} catch (error) {
			if (error instanceof BodyTooLargeError) fail(new GameballError(413, ERROR_CODES.invalidValue, error.message));
			return;
		}
		let parsed: unknown;
		let invalidJson = false;
		if (raw.trim() !== '') {
			try {
				parsed = JSON.parse(raw);
			} catch {
				invalidJson = true;
			}
		}
		record.body = invalidJson ? raw : parsed;

		try {
			const route = resolveRoute(method, url.pathname);
			if (route instanceof GameballError) throw route;
			authenticate(request, options, route.requireSecret || options.highSecurityMode);
			const rateGroup = rateGroupOf(method, route.contractPath);
			let takenAt: number | undefined;
			if (options.rateLimits) {
				const taken = deps.limiter.take(rateGroup);
				if (taken.allowed) takenAt = taken.at;
				else {
					deps.counters.rateLimited += 1;
					throw new GameballError(429, ERROR_CODES.rateLimited, `Rate limit exceeded; retry after ${taken.retryAfterSeconds} s`, { 'Retry-After': String(taken.retryAfterSeconds) });
				}
			}
			const fault = deps.faults.decide(mayApplyBeforeFault(method, route.contractPath));
			if (fault.latencyMs > 0) await deps.timers.wait(fault.latencyMs);
			if (deps.timers.isStopped) {
				request.socket.destroy();
				return;
			}
			if (fault.kind === 'burst429') {
				if (takenAt !== undefined) deps.limiter.giveBack(rateGroup, takenAt);
				record.fault = 'burst429';
				deps.counters.rateLimited += 1;
				throw new GameballError(429, ERROR_CODES.rateLimited, 'Rate limit exceeded (burst); retry after 1 s', { 'Retry-After': '1' });
			}
			if (fault.kind === 'concurrent') {
				// The OpenAPI document answers it with a 400 ("a concurrent request for this customer is in progress").
				record.fault = 'concurrent';
				throw new GameballError(400, ERROR_CODES.concurrentRequest, 'A concurrent request for the same customer is in progress; retry');
			}
			const run = (): Reply => {
				if (invalidJson) throw new GameballError(400, ERROR_CODES.wrongType, 'The request body is not valid JSON');
				validate(route, method, url.pathname, url.searchParams, parsed, options.rejectUnknownFields);
				const context: RouteContext = {
					account,
					state: account.state,
					body: isPlainObject(parsed) ? parsed : {},
					query: url.searchParams,
					params: route.params,
					headers: request.headers,
					batches: deps.batches,
					options,
				};
				return route.handler(context);
			};
			if (fault.kind === 'reset' || fault.kind === 'error5xx') {
				record.fault = fault.applyFirst ? `${fault.kind} after applying` : fault.kind;
				if (fault.applyFirst) {
					try {
						run();
					} catch {
						// the fault below is the answer either way
					}
				}
				if (fault.kind === 'reset') {
					record.durationMs = Date.now() - started;
					options.log(`${method} ${url.pathname} -> connection reset [fault]`);
					request.socket.destroy();
					return;
				}
				const code = fault.status5xx === 500 ? ERROR_CODES.serverError : fault.status5xx === 502 ? ERROR_CODES.badGateway : ERROR_CODES.unavailable;
				throw new GameballError(fault.status5xx, code, 'Simulated server error');
			}
			const reply = run();
			const text = JSON.stringify(reply.body ?? {});
			if (fault.kind === 'malformed') {
				record.fault = 'malformed';
				finish(200, truncateJson(text));
				return;
			}
			finish(reply.status ?? 200, text);
		} catch (error) {
			if (error instanceof GameballError) fail(error);
			else {
				options.log(`handler error: ${error instanceof Error ? error.stack : String(error)}`);
				fail(new GameballError(500, ERROR_CODES.serverError, error instanceof Error ? error.message : 'Internal error'));
			}
		}
	}
}

/** Contract operations that have no handler (should be none). */
export function missingRoutes(operations: ContractOperation[]): string[] {
	return operations.map((operation) => `${operation.method} ${operation.path}`).filter((key) => !routes[key]);
}
