import { createHash } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { pathValueProblem, type Endpoint, type GameballRequest } from './endpoint';
import { appendDescription, gameballApiError, gameballCodeOf, networkError, redactSecrets } from './errors';
import { pacerFor, rateGroupOf, SHORT_WINDOW_MS } from './pacing';
import type { AttemptOutcome, RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, isAmbiguous, longestWaitFollowed, namedWait, retryDelay, shouldRetry } from './retry';

export type GameballContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface SendOptions {
	itemIndex?: number;
	/** The request moves points or money: repeat it only when that is known to be safe. */
	movesMoney?: boolean;
	/**
	 * The request changes something at Gameball (`movesMoney` implies it): after an unclear failure, an error says the
	 * change may have been applied.
	 */
	writes?: boolean;
	/** Answers to a retry, after an attempt that lost its answer, that mean that attempt made the change. */
	doneByEarlierAttempt?: DoneByEarlierAttempt;
	/** The idempotency value in the body (transaction or order ID), when there is one. */
	idempotencyValue?: unknown;
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
	/** When the caller's own time limit ends (ms since the epoch): no retry waits past it, no attempt runs far past it. */
	deadline?: number;
	/** Secret values beyond the keys and this request's own secret fields, kept out of the answer (a job's tokens). */
	secrets?: unknown[];
	/** The answer, even a success, carries Gameball's error messages (a batch status): it keeps no key either. */
	redactAnswer?: boolean;
}

export interface GameballResponse {
	body: unknown;
	status: number;
	attempts: number;
	/** A retry was answered "duplicate" (or as `doneByEarlierAttempt` says): an earlier attempt had been applied. */
	alreadyApplied?: { code?: number; message?: string };
	/** A write's earlier attempt reached Gameball and lost its answer: this 2xx answer is the retry's. */
	afterLostAnswer?: true;
}

/**
 * How a repeatable write's retry tells that an earlier attempt, whose answer was lost, made the change: by a refusal
 * (Delete Customer: code 7000, no such customer) or by a success answer (Activate: nothing left pending).
 */
export interface DoneByEarlierAttempt {
	refused?: (status: number, code: number | undefined) => boolean;
	answered?: (answer: unknown) => boolean;
	/** What the item says instead of the retry's own answer. */
	message: string;
}

/** Gameball codes that, on a retry of a keyed money-moving request, mean the first attempt went through. */
// Gameball documents 9004 as "the first one was applied"; no other code says a transaction went through.
const ALREADY_APPLIED_CODES = new Set([9004]);
const BUSY_CODES = new Set([2001]);
const MAYBE_APPLIED = 'The change may or may not have been applied: check before sending it again.';
const EARLIER_ATTEMPT = 'An earlier attempt of this request may have been applied (it failed without a clear answer): this answer may be about it.';

/** True once n8n has stopped the execution (by hand, or at the workflow's timeout). */
export function isCancelled(context: GameballContext): boolean {
	return 'getExecutionCancelSignal' in context && context.getExecutionCancelSignal()?.aborted === true;
}

/**
 * Marks an error after which the change may have been applied. The message says so too: an AI agent given this node
 * as a tool reads only the message, and would otherwise send the change again.
 */
export function markMaybeApplied(error: { message: string; description?: string | null }): void {
	if (maybeAppliedErrors.has(error)) return;
	error.message = `${error.message} (the change may have been applied)`;
	appendDescription(error, MAYBE_APPLIED);
	maybeAppliedErrors.add(error);
}

const maybeAppliedErrors = new WeakSet<object>();

/**
 * A success answer that says the call did nothing (`success: false`), as an error; `why` explains it, and is followed
 * by one "check before sending again". After a write's attempt that lost its answer (`afterLostAnswer`), it is that
 * attempt's retry: the change may have been applied all the same, and the marker's sentence says so.
 */
export function refusedAnswerError(context: GameballContext, response: GameballResponse, message: string, itemIndex: number, why?: string) {
	const error = new NodeOperationError(context.getNode(), message, { itemIndex, description: why });
	if (response.afterLostAnswer) {
		appendDescription(error, EARLIER_ATTEMPT);
		markMaybeApplied(error);
	} else if (why) {
		appendDescription(error, 'Check in Gameball before sending the item again.');
	}
	return error;
}

/** Whether this error was marked by `markMaybeApplied`: the change it was about may have been applied. */
export function mayHaveBeenApplied(error: unknown): boolean {
	return typeof error === 'object' && error !== null && maybeAppliedErrors.has(error);
}

/** Sending stops when the execution does; a write already sent may have been applied. */
function stoppedError(context: GameballContext, itemIndex: number | undefined, maybeApplied: boolean) {
	const error = new NodeOperationError(context.getNode(), 'The execution was stopped before Gameball answered', { itemIndex });
	if (maybeApplied) markMaybeApplied(error);
	return error;
}

/** How often a wait looks whether the execution was stopped. */
const STOP_CHECK_MS = 250;

/** Waits `ms`, or less when the execution is stopped meanwhile: a stop is not kept waiting for a back-off. */
export async function sleepUnlessStopped(context: GameballContext, ms: number): Promise<void> {
	const end = Date.now() + ms;
	for (let left = ms; left > 0 && !isCancelled(context); left = end - Date.now()) await sleep(Math.min(left, STOP_CHECK_MS));
}

/**
 * The pacer would have waited past the caller's deadline, nothing was sent: `held`, Gameball held the group after a
 * 429; otherwise this process used up the documented limit of the group's 30 s window.
 */
function pacedPastDeadlineError(context: GameballContext, itemIndex: number | undefined, maybeApplied: boolean, held: boolean) {
	const why = held
		? 'Gameball answered 429 to a request of this n8n process, which now waits before sending more of the same kind'
		: "This n8n process has sent as many requests of this kind as Gameball's documented limit allows in 30 seconds";
	const error = new NodeOperationError(context.getNode(), 'Rate limited: the time limit ran out before the request could be sent', {
		itemIndex,
		description: `${why}; the wait would have passed this operation's time limit. Try again later, or give it a longer time limit.`,
	});
	if (maybeApplied) markMaybeApplied(error);
	return error;
}

const credentialCache = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

async function credentialsOf(context: GameballContext) {
	let credentials = credentialCache.get(context);
	if (!credentials) {
		credentials = context.getCredentials('gameballApi');
		credentialCache.set(context, credentials);
	}
	return await credentials;
}

function secretKeyIsSet(credentials: ICredentialDataDecryptedObject): boolean {
	return String(credentials.secretKey ?? '').trim() !== '';
}

/** Whether the credential has a Secret Key, which Gameball's batch API needs besides the API key. */
export async function hasSecretKey(context: GameballContext): Promise<boolean> {
	return secretKeyIsSet(await credentialsOf(context));
}

function apiRoot(context: GameballContext, credentials: ICredentialDataDecryptedObject, itemIndex?: number): string {
	const baseUrl = String(credentials.baseUrl || 'https://api.gameball.co').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
		// Not quoted: a key pasted into the wrong field would be shown, and kept with the execution.
		throw new NodeOperationError(context.getNode(), "The credential's Base URL is not a web address", {
			itemIndex,
			description: 'Set the Gameball API credential\'s Base URL to an address that starts with https://, e.g. https://api.gameball.co.',
		});
	}
	return `${baseUrl}/api/${String(credentials.apiVersion || 'v4.0')}/integrations`;
}

/** Fills `{param}` placeholders, encoding each value; a value that cannot be sent is a clear error, not a broken URL. */
export function fillPath(context: GameballContext, path: string, params: GameballRequest['pathParams'] = {}, itemIndex?: number) {
	return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = params[name];
		const problem = pathValueProblem(value);
		if (problem) throw new NodeOperationError(context.getNode(), `The parameter "${name}" ${problem}`, { itemIndex });
		return encodeURIComponent(String(value));
	});
}

function parseBody(body: unknown): { ok: true; value: unknown } | { ok: false } {
	if (typeof body !== 'string') return { ok: true, value: body };
	if (body.trim() === '') return { ok: true, value: {} };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false };
	}
}

/**
 * Rejects, as a timeout, once `ms` have passed. n8n's `timeout` stops counting when the answer's headers arrive, so an
 * answer that trickles in would hold the attempt for as long as it trickles. (`AbortSignal.timeout` keeps no process
 * alive; n8n replaces a request's own abort signal with the execution's, so the late answer is left to end itself.)
 */
function attemptDeadline(ms: number): Promise<never> {
	const signal = AbortSignal.timeout(ms);
	return new Promise((_resolve, reject) => {
		signal.addEventListener('abort', () => reject(Object.assign(new Error(`no complete answer within ${ms / 1000} s`), { code: 'ETIMEDOUT' })), { once: true });
	});
}

/** An attempt's time limit: 30 s, or what is left before the caller's deadline, but never under 1 s. */
function attemptTimeout({ timeoutMs = 30000, deadline }: SendOptions): number {
	return deadline === undefined ? timeoutMs : Math.min(timeoutMs, Math.max(1000, deadline - Date.now()));
}

/** Body fields as secret as the keys (password fields): an error answer that echoes the request must not show them. */
export const SECRET_FIELDS = new Set(['deviceToken']);

/**
 * The values of secret fields anywhere in a request body (a batch job's entries too). A value under 8 characters is
 * a placeholder, not a token: redacting every "test" or "code" in an error would garble it.
 */
export function secretFieldValues(body: unknown, depth = 0): string[] {
	if (depth > 4 || typeof body !== 'object' || body === null) return [];
	return Object.entries(body).flatMap(([key, value]) => {
		if (!SECRET_FIELDS.has(key)) return secretFieldValues(value, depth + 1);
		return typeof value === 'string' && value.trim().length >= 8 ? [value] : [];
	});
}

/** Socket codes under which nothing reached Gameball: the connection was refused, or its host name not resolved. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** n8n's refusal to send the request, on the error or a cause: its SSRF protection's errors (`SsrfBlockedIpError`, ...). */
function blockedByN8n(error: unknown): object | undefined {
	let cause = error;
	for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth++) {
		const { name } = cause as { name?: unknown };
		if (typeof name === 'string' && name.startsWith('SsrfBlocked')) return cause;
		cause = (cause as { cause?: unknown }).cause;
	}
	return undefined;
}

/** n8n wraps a network failure in a NodeApiError and keeps the socket's code on its cause. */
export function networkCodeOf(error: unknown): string | undefined {
	const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
	const found = code ?? cause?.code;
	return typeof found === 'string' ? found : undefined;
}

function classify(status: number, body: unknown, headers: IDataObject): AttemptOutcome {
	if (status >= 200 && status < 300) return { kind: 'ok' };
	if (status === 429) return { kind: 'rateLimited', retryAfter: headers['retry-after'] as string | undefined };
	// Only an error answer's `code` is Gameball's: a success body may have its own (a coupon code such as "2001").
	const { code } = gameballCodeOf(body);
	if (code !== undefined && BUSY_CODES.has(code)) return { kind: 'busy' };
	// Gameball's 5xxx codes are server errors whatever the HTTP status says.
	if (status === 503) return { kind: 'serverError', retryAfter: headers['retry-after'] as string | undefined };
	if (status >= 500 || (code !== undefined && Math.floor(code / 1000) === 5)) return { kind: 'serverError' };
	return { kind: 'clientError' };
}

function rateLimitedAfter(attempts: number): string {
	return `Rate limited: Gameball still answered 429 after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}. Other clients of this account, and other n8n processes (each paces on its own), share its limits.`;
}

/**
 * The one place where the package talks HTTP: base URL and API version from the credentials, authentication through
 * n8n, client-side pacing to the documented limits, retries, and Gameball errors mapped to NodeApiError.
 */
export async function sendToGameball(
	this: GameballContext,
	endpoint: Endpoint,
	request: GameballRequest,
	options: SendOptions = {},
): Promise<GameballResponse> {
	const { itemIndex, movesMoney = false, doneByEarlierAttempt: done } = options;
	// Whether an unclear failure (a lost or cut answer) may have applied the change.
	const mayApply = movesMoney || options.writes === true;
	const hasKey = options.idempotencyValue !== undefined && options.idempotencyValue !== '';
	const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
	const credentials = await credentialsOf(this);
	const [method, pathTemplate] = endpoint.split(' ') as [IHttpRequestMethods, string];
	const url = apiRoot(this, credentials, itemIndex) + fillPath(this, pathTemplate, request.pathParams, itemIndex);
	const account = `${url.split('/api/')[0]}|${createHash('sha256').update(String(credentials.apiKey).trim()).digest('hex').slice(0, 12)}`;
	const pacer = pacerFor(account, rateGroupOf(endpoint));
	const secretKeySet = secretKeyIsSet(credentials);

	// Whether an attempt so far reached Gameball and failed without a clear answer, so may have been applied.
	let earlierAmbiguous = false;
	for (let attempt = 1; ; attempt++) {
		if (isCancelled(this)) throw stoppedError(this, itemIndex, mayApply && earlierAmbiguous);
		const pastDeadline = (delay: number) => options.deadline !== undefined && Date.now() + delay > options.deadline;
		// A 429 hold may not pass the deadline; the documented limits' own waits may, by the 1 s window, as any
		// request is paced (the 30 s window's could by up to half a minute).
		let heldAtGiveUp = false;
		const givesUp = (delay: number, held: boolean) => {
			heldAtGiveUp = held;
			return isCancelled(this) || pastDeadline(held ? delay : delay - SHORT_WINDOW_MS);
		};
		const paced = await pacer.acquire(Date.now, async (ms) => await sleepUnlessStopped(this, ms), givesUp);
		// The pacer may have waited: a request not sent yet is not sent once the execution is stopped.
		if (isCancelled(this)) throw stoppedError(this, itemIndex, mayApply && earlierAmbiguous);
		if (paced === undefined) throw pacedPastDeadlineError(this, itemIndex, mayApply && earlierAmbiguous, heldAtGiveUp);
		let outcome: AttemptOutcome;
		let response: IN8nHttpFullResponse | undefined;
		let networkFailure: unknown;
		const timeoutMs = attemptTimeout(options);
		try {
			const sent = this.helpers.httpRequestWithAuthentication.call(this, 'gameballApi', {
				method,
				url,
				qs: request.qs,
				body: request.body,
				headers: request.headers,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// A redirect would carry the keys to its address (n8n keeps custom headers across origins) and turn a
				// POST into a GET that reads as success: it is an error instead (classify).
				disableFollowRedirect: true,
				timeout: timeoutMs,
			});
			response = (await Promise.race([sent, attemptDeadline(timeoutMs)])) as IN8nHttpFullResponse;
			const parsed = parseBody(response.body);
			if (parsed.ok) response.body = parsed.value as IN8nHttpFullResponse['body'];
			const succeeded = response.statusCode >= 200 && response.statusCode < 300;
			// No answer keeps a key it may echo (a proxy or a mock in front of Gameball): n8n saves outputs and errors.
			// An error answer becomes a NodeApiError, and keeps no secret field of the request either (nor does an
			// answer that carries error messages, `redactAnswer`); a success keeps those, which its caller sent.
			const keys = [credentials.apiKey, credentials.secretKey];
			// In a success, a key too short to be Gameball's (a test key such as `demo`) is left: it would garble IDs.
			const longKeys = keys.filter((key) => typeof key === 'string' && key.trim().length >= 8);
			const secrets = !succeeded || options.redactAnswer ? [...keys, ...secretFieldValues(request.body), ...(options.secrets ?? [])] : longKeys;
			response.body = redactSecrets(response.body, secrets) as IN8nHttpFullResponse['body'];
			// Only a 2xx body that does not parse is malformed: a 429 or a proxy's HTML 502 keeps its status.
			outcome = parsed.ok || !succeeded ? classify(response.statusCode, response.body, response.headers) : { kind: 'malformed' };
		} catch (error) {
			const blocked = blockedByN8n(error);
			// A block is told by its own message: the error around it says only that no connection was made.
			networkFailure = blocked ?? error;
			outcome = blocked ? { kind: 'blocked' } : { kind: 'network', notSent: NOT_SENT_CODES.has(networkCodeOf(error) ?? '') };
		}

		if (outcome.kind === 'ok' && response) {
			const doneEarlier = earlierAmbiguous && done?.answered?.(response.body) === true;
			return {
				body: response.body,
				status: response.statusCode,
				attempts: attempt,
				...(mayApply && earlierAmbiguous ? { afterLostAnswer: true as const } : {}),
				...(doneEarlier ? { alreadyApplied: { message: done.message } } : {}),
			};
		}
		if (outcome.kind === 'clientError' && response) {
			const { code, message } = gameballCodeOf(response.body);
			// A duplicate answer means "applied" only after an attempt that may have been: after a 429 or a busy answer
			// it is a real duplicate (the ID was used before).
			const duplicate = earlierAmbiguous && movesMoney && hasKey && code !== undefined && ALREADY_APPLIED_CODES.has(code);
			const doneEarlier = earlierAmbiguous && done?.refused?.(response.statusCode, code) === true;
			if (duplicate || doneEarlier) {
				const alreadyApplied = { code, message: doneEarlier ? done?.message : message };
				return { body: response.body, status: response.statusCode, attempts: attempt, alreadyApplied };
			}
			const error = gameballApiError(this.getNode(), response.statusCode, response.body, itemIndex, secretKeySet);
			if (earlierAmbiguous && method !== 'GET') appendDescription(error, EARLIER_ATTEMPT);
			// Said in the message too: an error output item keeps only the message.
			if (earlierAmbiguous && mayApply) markMaybeApplied(error);
			throw error;
		}
		earlierAmbiguous ||= isAmbiguous(outcome);
		if (isCancelled(this)) throw stoppedError(this, itemIndex, mayApply && earlierAmbiguous);
		const delay = retryDelay(attempt, outcome, policy);
		const outOfTime = options.deadline !== undefined && Date.now() + delay > options.deadline;
		// Sending before the time Gameball named would only be refused again.
		const askedWait = namedWait(outcome);
		const waitTooLong = askedWait !== undefined && askedWait > longestWaitFollowed(policy);
		const givingUp = attempt >= policy.maxAttempts || !shouldRetry(outcome, movesMoney, hasKey) || outOfTime || waitTooLong;
		// Gameball refused the account's rate: the other executions sending to this group wait as well. A request not
		// tried again holds them only for a wait Gameball named (Retry-After), not for a back-off of its own.
		if (outcome.kind === 'rateLimited' && (!givingUp || namedWait(outcome) !== undefined)) pacer.holdUntil(Date.now() + delay);
		if (givingUp) {
			if (response && outcome.kind !== 'malformed') {
				const error = gameballApiError(this.getNode(), response.statusCode, response.body, itemIndex, secretKeySet);
				if (outcome.kind === 'rateLimited') {
					// In the message too: an error output item, or an AI agent, gets only the message.
					error.message = `${error.message} after ${attempt} ${attempt === 1 ? 'attempt' : 'attempts'}`;
					appendDescription(error, rateLimitedAfter(attempt));
				} else if (attempt > 1) {
					appendDescription(error, `The node gave up after ${attempt} attempts.`);
				}
				if (waitTooLong) {
					const seconds = Math.ceil(askedWait / 1000);
					appendDescription(error, `Gameball asked to wait ${seconds} s before sending again (Retry-After), longer than the node waits (${longestWaitFollowed(policy) / 1000} s): run it again after that.`);
				}
				if (mayApply && earlierAmbiguous) markMaybeApplied(error);
				throw error;
			}
			if (outcome.kind === 'malformed') {
				const error = new NodeApiError(this.getNode(), { message: 'Malformed JSON' }, {
					message: `Gameball answered with a body that is not valid JSON (attempt ${attempt})`,
					itemIndex,
				});
				if (mayApply) markMaybeApplied(error);
				throw error;
			}
			const error = networkError(this.getNode(), networkFailure, networkCodeOf(networkFailure), attempt, itemIndex);
			if (mayApply && earlierAmbiguous) markMaybeApplied(error);
			throw error;
		}
		await sleepUnlessStopped(this, delay);
	}
}
