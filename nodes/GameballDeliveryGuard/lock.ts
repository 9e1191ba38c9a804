import type { Logger } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { DeduplicationHelpers } from './helpers';

/*
 * A lock per guard node, kept in n8n's `processed_data` table, whose primary key is (workflowId, context).
 * n8n's check-and-record reads the row, changes it in memory and writes it back, with no lock: two executions
 * on two workers can both read the history before either writes it, and then a delivery is kept twice or a
 * recorded id is overwritten. So each check runs while holding this lock:
 *   acquire = check-and-record ["lock"] in the node's own context (`scope: node`): when the row is absent, n8n
 *             INSERTs it and answers "new" (taken); when present, "processed" (held by someone else); when
 *             another execution inserts it at the same moment, the primary key refuses one of the two INSERTs.
 *   release = delete the row (clearAllProcessedItems, `scope: node`).
 * A lock left behind by a crashed process is broken after the lock timeout (with a warning).
 */

const LOCK_ENTRY = 'gameball-delivery-guard-lock';
const LOCK_SCOPE = 'node';
const LOCK_OPTIONS = { mode: 'entries' } as const;
const MIN_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 25;

/**
 * The lock could not be taken in time. The database's last error goes in the description: n8n replaces a message
 * that names a connection error (ECONNREFUSED) with a generic one, which would lose which lock and how long.
 */
export class LockTimeoutError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
	}
}

export interface LockSettings {
	timeoutMs: number;
	logger?: Logger;
	now?: () => number;
	/** Whether the execution was stopped: waiting ends, and nothing is recorded. */
	stopped?: () => boolean;
}

async function tryAcquire(helpers: DeduplicationHelpers): Promise<{ taken: boolean; error?: unknown }> {
	try {
		const answer = await helpers.checkProcessedAndRecord([LOCK_ENTRY], LOCK_SCOPE, LOCK_OPTIONS);
		return { taken: answer.new.length === 1 };
	} catch (error) {
		// Most often the primary key refusing a second INSERT; anything else shows in the timeout error.
		return { taken: false, error };
	}
}

export async function releaseLock(helpers: DeduplicationHelpers): Promise<void> {
	await helpers.clearAllProcessedItems(LOCK_SCOPE, LOCK_OPTIONS);
}

export const STOPPED_MESSAGE = "The execution was stopped while waiting for the delivery guard's lock: no delivery was recorded";

function failIfStopped(settings: LockSettings): void {
	if (settings.stopped?.()) throw new Error(STOPPED_MESSAGE);
}

/** Waits for the lock; breaks it once after `timeoutMs`; fails after twice that, or as soon as the execution is stopped. */
export async function acquireLock(helpers: DeduplicationHelpers, settings: LockSettings): Promise<void> {
	const now = settings.now ?? Date.now;
	const started = now();
	let broken = false;
	let backoff = MIN_BACKOFF_MS;
	let lastError: unknown;
	for (;;) {
		failIfStopped(settings);
		const attempt = await tryAcquire(helpers);
		if (attempt.taken) return;
		// Stopped while the attempt ran: a lock is not broken for an execution that has ended.
		failIfStopped(settings);
		lastError = attempt.error ?? lastError;
		const waited = now() - started;
		if (!broken && waited >= settings.timeoutMs) {
			settings.logger?.warn('Gameball Delivery Guard: breaking a lock held longer than the lock timeout', {
				waitedMs: waited,
			});
			// A database that cannot delete the row cannot take the lock either: the timeout error says why.
			await releaseLock(helpers).catch((error: unknown) => (lastError = error));
			broken = true;
		} else if (waited >= 2 * settings.timeoutMs) {
			const reason = lastError instanceof Error ? `The database's last error: ${lastError.message}` : undefined;
			throw new LockTimeoutError(`Could not take the delivery guard's lock within ${Math.round(waited / 1000)} s`, reason);
		}
		await sleep(backoff + Math.floor(Math.random() * backoff));
		backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
	}
}

/**
 * Runs `step` while holding the lock, and always tries to release it. A failed release does not fail the run:
 * `step` has already recorded its deliveries, so failing now would lose them (their retries would be dropped);
 * the lock left behind is broken after the lock timeout, as a crashed holder's is.
 */
export async function withLock<T>(helpers: DeduplicationHelpers, settings: LockSettings, step: () => Promise<T>) {
	await acquireLock(helpers, settings);
	try {
		failIfStopped(settings);
		return await step();
	} finally {
		await releaseLock(helpers).catch((error: unknown) => {
			settings.logger?.warn('Gameball Delivery Guard: could not release the lock; it will be broken after the lock timeout', {
				error: error instanceof Error ? error.message : String(error),
			});
		});
	}
}
