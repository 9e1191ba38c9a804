/** When and how long to wait before sending a request again. */
export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 300, maxDelayMs: 20000 };

/** Gameball's longest rate-limit window: a Retry-After up to it is waited out in full, not cut to `maxDelayMs`. */
export const LONGEST_RATE_WINDOW_MS = 30000;

/** What one attempt produced, as far as retrying is concerned. */
export type AttemptOutcome =
	| { kind: 'ok' }
	| { kind: 'rateLimited'; retryAfter?: string }
	/** `retryAfter`: a 503's Retry-After, followed as a 429's is. */
	| { kind: 'serverError'; retryAfter?: string }
	| { kind: 'busy' }
	| { kind: 'malformed' }
	| { kind: 'network'; notSent: boolean }
	/** n8n refused to send it (its SSRF protection blocked the address): nothing left, and a repeat is refused too. */
	| { kind: 'blocked' }
	| { kind: 'clientError' };

/** Codes under which the request reached Gameball but may still have been applied. */
export function isAmbiguous(outcome: AttemptOutcome): boolean {
	return (
		outcome.kind === 'serverError' ||
		outcome.kind === 'malformed' ||
		(outcome.kind === 'network' && !outcome.notSent)
	);
}

/**
 * Whether to send again. A request that moves money is only repeated when Gameball is known not to have applied it
 * (429, busy, connection refused, host name not resolved), or when it carries an idempotency key that makes a repeat harmless.
 */
export function shouldRetry(outcome: AttemptOutcome, movesMoney: boolean, hasIdempotencyKey: boolean): boolean {
	if (outcome.kind === 'ok' || outcome.kind === 'clientError' || outcome.kind === 'blocked') return false;
	if (!movesMoney || hasIdempotencyKey) return true;
	return !isAmbiguous(outcome);
}

/** Seconds or an HTTP date, as Retry-After allows. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A 429 without Retry-After backs off from this, with jitter only upwards, so that the waits between 5 attempts
 * (2.1 + 4.2 + 8.4 + 16.8 s at least) outlast Gameball's 30 s window, which the pacer stretches by 5 %.
 */
export const RATE_LIMITED_BASE_DELAY_MS = 2100;

/** A shorter Retry-After is not followed: the 429 backs off as one without it. */
export const MIN_RETRY_AFTER_MS = 1000;

/** The wait the answer names (a Retry-After of a second or more, which the node follows), in ms; else `undefined`. */
export function namedWait(outcome: AttemptOutcome): number | undefined {
	const retryAfter = 'retryAfter' in outcome ? parseRetryAfter(outcome.retryAfter) : undefined;
	// Under a second (`0`, or a date just past by a clock ahead of Gameball's) would spend every attempt at once.
	return retryAfter !== undefined && retryAfter >= MIN_RETRY_AFTER_MS ? retryAfter : undefined;
}

/** The longest wait between attempts the node follows; a longer Retry-After makes it give up instead. */
export function longestWaitFollowed(policy: RetryPolicy): number {
	return Math.max(policy.maxDelayMs, LONGEST_RATE_WINDOW_MS);
}

/**
 * Exponential back-off with full jitter, or the Retry-After of a 429 or 503 when Gameball (or a proxy in front of it)
 * sent one of a second or more.
 */
export function retryDelay(
	attempt: number,
	outcome: AttemptOutcome,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const retryAfter = namedWait(outcome);
	if (retryAfter !== undefined) return Math.min(retryAfter, longestWaitFollowed(policy));
	if (outcome.kind === 'rateLimited') {
		const floor = Math.min(longestWaitFollowed(policy), RATE_LIMITED_BASE_DELAY_MS * 2 ** (attempt - 1));
		return Math.round(floor + (random() * floor) / 4);
	}
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
