import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BatchEntry, BatchKind } from './endpoint';
import type { GameballContext } from './request';
import { isJsonObject } from '../../jsonObject';
import { saysItFailed } from './errors';
import { markMaybeApplied, secretFieldValues, sendToGameball, sleepUnlessStopped } from './request';

export const MAX_BATCH_SIZE = 1000;

export type BatchState = 'running' | 'completed' | 'failed' | 'stopped';

export interface ItemFailure {
	code?: number;
	message: string;
}

/** A batch job's status, read from either documented shape. */
export interface BatchStatus {
	jobId: string;
	state: BatchState;
	total?: number;
	processed?: number;
	failed?: number;
	/** Per-item results by position in the job's body, as sent (no schema: an object, or a bare value). */
	successes: Map<number, unknown>;
	failures: Map<number, ItemFailure>;
	/** Entries that do not say which item they are for (no `index`, and their place in the list does not tell). */
	unplacedSuccesses: unknown[];
	unplacedFailures: ItemFailure[];
	/** The answer held a list of failures (`errors` or `response.failed`), maybe empty. */
	listsFailures: boolean;
	raw: IDataObject;
}

const STATES: Record<string, BatchState> = {
	pending: 'running',
	queued: 'running',
	processing: 'running',
	running: 'running',
	completed: 'completed',
	finished: 'completed',
	failed: 'failed',
	stopped: 'stopped',
	cancelled: 'stopped',
};

/**
 * A status list's entries, as sent. Neither documented shape gives them a schema: a bare value stays (Batch > Get
 * Status shows it; `resultFor` reads it), and in a list of failures bare text is the failure's message.
 */
function listOf(entries: unknown, bareText?: 'message'): unknown[] {
	if (!Array.isArray(entries)) return [];
	return entries.map((entry: unknown) => (bareText && typeof entry === 'string' ? { message: entry } : entry));
}

/** An entry's `index`, when it is an object that has one. */
function indexOf(entry: unknown): unknown {
	return isJsonObject(entry) ? entry.index : undefined;
}

/** An `index` that can be an item's position in a job of `size` items (any whole number from 0 when unknown). */
function isPosition(index: unknown, size: number | undefined): index is number {
	const withinJob = size === undefined || !Number.isFinite(size) || (index as number) < size;
	return typeof index === 'number' && Number.isInteger(index) && index >= 0 && withinJob;
}

/** The job's size: the smaller of what Gameball reports and what was sent, when either is known. */
function jobSize(reported: number | undefined, sent: number | undefined): number | undefined {
	const known = [reported, sent].filter((size): size is number => size !== undefined && Number.isFinite(size));
	return known.length ? Math.min(...known) : undefined;
}

/**
 * Entries by their item's position in the job. Neither documented shape gives entries a schema, so an entry without
 * a numeric `index` is placed by its position only when its list is the only one and covers the whole job: in a
 * list of successes beside a list of failures, position says nothing about which item an entry is. An `index` that is
 * no position in the job leaves its entry unplaced.
 */
function place<T>(entries: unknown[], positionIsItem: boolean, size: number | undefined, map: (entry: unknown) => T) {
	const placed = new Map<number, T>();
	const unplaced: T[] = [];
	entries.forEach((entry, position) => {
		const index = indexOf(entry);
		const hasIndex = index !== undefined && index !== null;
		if (isPosition(index, size)) placed.set(index, map(entry));
		else if (!hasIndex && positionIsItem) placed.set(position, map(entry));
		else unplaced.push(map(entry));
	});
	return { placed, unplaced };
}

/** A failure entry: `{code, message}` or `{error}` with text, or `error` as Gameball's error body `{code, message}`. */
function toFailure(sent: unknown): ItemFailure {
	const entry: IDataObject = isJsonObject(sent) ? sent : {};
	const nested = isJsonObject(entry.error) ? entry.error : undefined;
	const rawCode = entry.code ?? nested?.code;
	const code = rawCode === undefined || rawCode === null || !Number.isFinite(Number(rawCode)) ? undefined : Number(rawCode);
	const text = [entry.message, nested ? nested.message : entry.error].find(
		(value) => (typeof value === 'string' && value.trim() !== '') || typeof value === 'number',
	);
	return { code, message: text === undefined ? 'failed in the batch job' : String(text) };
}

function toNumber(value: unknown): number | undefined {
	return value === undefined || value === null ? undefined : Number(value);
}

/**
 * Parses the status answer. The OpenAPI document says `{status, totalItems, processedItems, failedItems, results,
 * errors}`; Gameball's batch tutorial says `{status, totalCount, finishedCount, errorCount, response: {successful,
 * failed}}`. Unknown states count as still running, so a new state never ends a wait early. `sentItems`, when the
 * caller knows how many items it sent, also bounds which indexes name an item.
 */
export function parseBatchStatus(jobId: string, body: unknown, sentItems?: number): BatchStatus {
	const raw = (body ?? {}) as IDataObject;
	const response = (raw.response ?? {}) as IDataObject;
	const total = toNumber(raw.totalItems ?? raw.totalCount);
	const size = jobSize(total, sentItems);
	const successList = listOf(raw.results ?? response.successful);
	const failureList = listOf(raw.errors ?? response.failed, 'message');
	const covers = (list: unknown[], other: unknown[]) => other.length === 0 && list.length === total;
	const successes = place(successList, covers(successList, failureList), size, (entry) => entry);
	const failures = place(failureList, covers(failureList, successList), size, toFailure);
	return {
		jobId,
		state: STATES[String(raw.status ?? '').toLowerCase()] ?? 'running',
		total,
		processed: toNumber(raw.processedItems ?? raw.finishedCount),
		failed: toNumber(raw.failedItems ?? raw.errorCount),
		successes: successes.placed,
		failures: failures.placed,
		unplacedSuccesses: successes.unplaced,
		unplacedFailures: failures.unplaced,
		listsFailures: Array.isArray(raw.errors ?? response.failed),
		raw,
	};
}

/** Creates a job. One that moves money is never sent twice after an ambiguous failure (its entries carry no key). */
export async function createBatchJob(
	this: GameballContext,
	kind: BatchKind,
	entries: BatchEntry[],
	options: { itemIndex?: number; movesMoney: boolean; writes: boolean },
): Promise<string> {
	const { body } = await sendToGameball.call(this, `POST /batch/${kind}`, { body: { body: entries } }, options);
	return String(createdJobId.call(this, body, options.itemIndex, secretFieldValues(entries)));
}

/** The job ID of a create's answer: `jobId`, or `batchId` as the status calls it. */
export function createdJobId(this: GameballContext, answer: unknown, itemIndex?: number, secrets: unknown[] = []): string | number {
	const { jobId, batchId } = (answer ?? {}) as IDataObject;
	const id = [jobId, batchId].find((value) => typeof value === 'number' || (typeof value === 'string' && value.trim() !== ''));
	if (id !== undefined) return id as string | number;
	// Gameball said it did not take the job.
	const refused = saysItFailed(answer, secrets);
	if (refused) throw new NodeOperationError(this.getNode(), refused, { itemIndex, description: 'Gameball created no batch job: nothing in it was applied.' });
	// Gameball took the job and runs it: a plain failure would invite sending its entries again.
	const error = new NodeOperationError(this.getNode(), 'Gameball created the batch job but sent no job ID', { itemIndex });
	markMaybeApplied(error);
	throw error;
}

/** What a status read knows of its job, when it knows it. */
export interface StatusReadOptions {
	itemIndex?: number;
	/** How many items the job was sent with. */
	sentItems?: number;
	/** When the caller's time limit ends (ms since the epoch). */
	deadline?: number;
	/** Secret values the job's entries carry (Device Tokens), kept out of the answer as the keys are. */
	secrets?: unknown[];
	/** 1: a read that fails is not retried (a run whose time limit and grace are spent reads each job once). */
	maxAttempts?: number;
}

export async function getBatchStatus(this: GameballContext, jobId: string, options: StatusReadOptions = {}) {
	const { itemIndex, sentItems, deadline, secrets, maxAttempts } = options;
	const { body } = await sendToGameball.call(
		this,
		'GET /batches/{batchId}/status',
		{ pathParams: { batchId: jobId } },
		// Its entries' error messages end up in items and errors, as an error answer's do.
		{ itemIndex, redactAnswer: true, deadline, secrets, ...(maxAttempts ? { retry: { maxAttempts } } : {}) },
	);
	// An answer that says the read failed, with no status: read as one, it would be "still running" until the limit.
	const failed = isJsonObject(body) && body.status === undefined ? saysItFailed(body) : undefined;
	if (failed) throw new NodeOperationError(this.getNode(), failed, { itemIndex, description: `Batch job ${jobId}'s status could not be read.` });
	return parseBatchStatus(jobId, body, sentItems);
}

export interface WaitOptions extends Omit<StatusReadOptions, 'deadline'> {
	timeoutMs: number;
	pollIntervalMs: number;
	/** How long a status read may retry when the time limit is (nearly) over: `STATUS_READ_GRACE_MS`. */
	readGraceMs?: number;
	/**
	 * When that grace ends for good (ms since the epoch): a run of several jobs gives them one, so that its overrun
	 * does not grow with the number of jobs. Past it, each read is a single attempt.
	 */
	graceEndsAt?: number;
}

/** How long a status read may retry when the wait's own time limit is (nearly) over. */
export const STATUS_READ_GRACE_MS = 10000;

/** Polls until the job ends or the time limit passes; the last status tells which. */
export async function waitForBatch(this: GameballContext, jobId: string, options: WaitOptions): Promise<BatchStatus> {
	const deadline = Date.now() + options.timeoutMs;
	let interval = Math.min(options.pollIntervalMs, 250);
	for (;;) {
		// A failing status read retries within the time limit, or for STATUS_READ_GRACE_MS when less is left.
		const now = Date.now();
		const readDeadline = Math.min(Math.max(deadline, now + (options.readGraceMs ?? STATUS_READ_GRACE_MS)), options.graceEndsAt ?? Infinity);
		// Past the grace, one attempt, as short as an attempt gets (1 s), and no wait for a 429 hold.
		const read = readDeadline > now ? { deadline: readDeadline } : { maxAttempts: 1, deadline: now };
		const status = await getBatchStatus.call(this, jobId, { ...options, ...read });
		if (status.state !== 'running' || Date.now() + interval > deadline) return status;
		// A stop ends the wait at once: the next status read then throws it.
		await sleepUnlessStopped(this, interval);
		interval = Math.min(options.pollIntervalMs, interval * 2);
	}
}
