import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GameballBatchQueuedItem, GameballBatchResultItem } from '../../types';
import type { BatchStatus } from '../transport/batch';
import { createBatchJob, MAX_BATCH_SIZE, STATUS_READ_GRACE_MS, waitForBatch } from '../transport/batch';
import { hasSecretKey, isCancelled, secretFieldValues } from '../transport/request';
import { appendDescription } from '../transport/errors';
import { readCollectionOptions } from '../../parameters';
import { JOB_KINDS, sendEffectOf } from './batch/jobKinds';
import { batchingProperty } from './description';
import { buildRequest, labelOf, type BatchEntry, type GameballOperation, type GameballRequest } from './operation';
import { asNodeError, errorItem, errorJson } from '../../errorItems';
import { entriesOf, failedItem } from './output';
import { lacksAnswer, namesAnotherItem, resultFor, withoutEntryIndex } from './batchResults';

export interface BatchSettings {
	mode: 'auto' | 'always' | 'never';
	threshold: number;
	size: number;
	timeoutSeconds: number;
	pollSeconds: number;
	/** Off: the items come out as soon as their jobs exist, with the job ID, without per-item results. */
	waitForResults: boolean;
}

export const DEFAULT_BATCH_SETTINGS: BatchSettings = {
	mode: 'auto',
	threshold: 50,
	size: MAX_BATCH_SIZE,
	timeoutSeconds: 600,
	pollSeconds: 2,
	waitForResults: true,
};

/** The Batching options, each checked as its option declares (an expression may give anything), over the defaults. */
export function batchSettings(context: IExecuteFunctions): BatchSettings {
	const chosen = context.getNodeParameter('batching', 0, {}) as IDataObject;
	return { ...DEFAULT_BATCH_SETTINGS, ...readCollectionOptions(context, batchingProperty, chosen, 0, ['size', 'threshold']) };
}

const NO_SECRET_KEY = "Gameball's batch API needs the credential's Secret Key";

/**
 * Whether to send the items through the batch API. It needs the Secret Key, which single calls such as Create or
 * Update and Send Event do not: without one, "Above Threshold" sends the items one by one and says so, and
 * "Always" stops before anything is sent.
 */
export async function shouldBatch(
	this: IExecuteFunctions,
	operation: GameballOperation,
	settings: BatchSettings,
	itemCount: number,
): Promise<boolean> {
	if (!operation.batch || settings.mode === 'never') return false;
	if (settings.mode === 'auto' && (operation.batch.keyless || itemCount < settings.threshold)) return false;
	if (await hasSecretKey(this)) return true;
	if (settings.mode === 'always') {
		throw new NodeOperationError(this.getNode(), NO_SECRET_KEY, {
			description:
				'Set the Secret Key in the Gameball API credential, or set Batching > Send in Batches to "Never" to send the items one by one with the API key.',
		});
	}
	if (typeof this.addExecutionHints === 'function') {
		this.addExecutionHints({
			message: `${NO_SECRET_KEY}, and it has none: the ${itemCount} items were sent one by one.`,
			location: 'outputPane',
		});
	}
	return false;
}

function chunk<T>(list: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
	return chunks;
}

interface BatchMeta {
	batchJobId: string;
	batchKind: string;
	batchIndex: number;
}

/** A read that its job answered without the answer: a single call reads it (a read applies nothing, so it may). */
async function readSingly(this: IExecuteFunctions, readOne: ReadOne, itemIndex: number, meta: BatchMeta): Promise<INodeExecutionData[]> {
	try {
		return (await readOne(itemIndex)).map((record) => {
			const json: GameballBatchResultItem = { ...record, success: true, ...meta };
			return { json, pairedItem: { item: itemIndex } };
		});
	} catch (error) {
		if (!this.continueOnFail() || isCancelled(this)) throw asNodeError(this.getNode(), error, itemIndex);
		return [failedItem(this, error, itemIndex, { success: false, ...meta } satisfies Partial<GameballBatchResultItem>)];
	}
}

/** The fields set in this request that the batch form would drop. */
function droppedFields(operation: GameballOperation, request: GameballRequest): string[] {
	const sent = { ...request.qs, ...request.body };
	const dropped = (operation.batch?.drops ?? []).filter((field) => sent[field] !== undefined);
	return [...dropped, ...Object.keys(request.followUp ?? {})];
}

function cannotBatchError(context: IExecuteFunctions, operation: GameballOperation, fields: string[], itemIndex: number) {
	const labels = fields.map((field) => `"${labelOf(operation, field)}"`);
	return new NodeOperationError(context.getNode(), `Gameball's batch API cannot send ${labels.join(', ')}`, {
		itemIndex,
		description: 'Set Batching > Send in Batches to "Above Threshold" or "Never" to send such items one by one.',
	});
}

/** Above Threshold, an item sets a field the batch form cannot carry: all are sent one by one, and a hint says why. */
function sentOneByOne(context: IExecuteFunctions, operation: GameballOperation, fields: string[], itemIndex: number, itemCount: number): undefined {
	if (typeof context.addExecutionHints === 'function') {
		const labels = fields.map((field) => `"${labelOf(operation, field)}"`).join(', ');
		context.addExecutionHints({
			message: `Item ${itemIndex} sets ${labels}, which Gameball's batch API cannot send: the ${itemCount} items were sent one by one.`,
			location: 'outputPane',
		});
	}
	return undefined;
}

/**
 * The batch form of a keyless operation drops its idempotency key (a Manual Adjustment's Transaction ID): Gameball
 * would apply twice an item that repeats an earlier one's key, which a single call refuses (9004). So it is refused.
 */
function checkKeyNotRepeated(context: IExecuteFunctions, operation: GameballOperation, request: GameballRequest, itemIndex: number, firstWithKey: Map<string, number>) {
	const field = operation.idempotencyKey;
	const key = field === undefined ? undefined : request.body?.[field];
	if (key === undefined || key === null || key === '') return;
	const first = firstWithKey.get(String(key));
	if (first === undefined) {
		firstWithKey.set(String(key), itemIndex);
		return;
	}
	throw new NodeOperationError(context.getNode(), `"${labelOf(operation, field!)}" "${String(key)}" is item ${first}'s too`, {
		itemIndex,
		description: "Gameball's batch form has no transaction ID, so it would apply both: a single call refuses a repeated ID (9004).",
	});
}

/**
 * Stopping the node does not stop jobs Gameball already has: the error names them, so that a re-run does not send
 * their items again (points jobs and events would be applied twice).
 */
function namingCreatedJobs<T extends { description?: string | null }>(error: T, created: CreatedJobs): T {
	if (!created.length) return error;
	const jobs = created.map(({ job, jobId }) => `${jobId} (items ${job[0].itemIndex}-${job[job.length - 1].itemIndex})`);
	appendDescription(error, jobsAlreadyRunning(jobs, 'this run'));
	return error;
}

type CreatedJobs = Array<{ job: Array<{ itemIndex: number }>; jobId: string }>;

/**
 * A created job whose results could not be read: the run stops naming the jobs Gameball has, or (Continue On Fail)
 * each of its items fails saying it may have been applied. A plain error would read as "not applied" and invite a
 * second send.
 */
function unreadJob(
	context: IExecuteFunctions,
	error: unknown,
	jobId: string,
	job: Array<{ itemIndex: number }>,
	created: CreatedJobs,
	batchKind: GameballBatchResultItem['batchKind'],
	results: INodeExecutionData[][],
): void {
	if (!context.continueOnFail()) throw namingCreatedJobs(asNodeError(context.getNode(), error, job[0].itemIndex), created);
	const unread = asNodeError(context.getNode(), error, job[0].itemIndex);
	appendDescription(unread, `Batch job ${jobId} was created and Gameball runs it, so this item may have been applied: check it with Batch > Get Status before sending it again.`);
	for (const [batchIndex, { itemIndex }] of job.entries()) {
		const json: GameballBatchResultItem = {
			success: false,
			batchJobId: jobId,
			batchKind,
			batchIndex,
			...(errorJson(unread) as { error: string }),
			mayHaveBeenApplied: true,
		};
		results[itemIndex] = [errorItem(context, unread, itemIndex, json)];
	}
}

/** Says which batch jobs (`jobs`: "101 (item 0)") Gameball already has from `from`, so that a re-run skips their items. */
export function jobsAlreadyRunning(jobs: string[], from: string): string {
	return (
		`Gameball already has ${jobs.length === 1 ? 'the batch job' : 'the batch jobs'} ${jobs.join(', ')} from ${from}, and runs them: ` +
		'check them with Batch > Get Status and send only the other items again.'
	);
}

/**
 * Some items failed in their jobs and the others were applied. The error says so and names the jobs: sending every
 * item again would apply the others twice (events and points jobs have no idempotency key).
 */
function partialFailure(
	context: IExecuteFunctions,
	failed: INodeExecutionData[],
	itemCount: number,
	created: Array<{ job: Array<{ itemIndex: number }>; jobId: string }>,
) {
	const unknown = failed.filter((item) => item.json.mayHaveBeenApplied === true).length;
	const definite = failed.length - unknown;
	const applied = itemCount - failed.length;
	const jobs = created.map(({ job, jobId }) => `${jobId} (items ${job[0].itemIndex}-${job[job.length - 1].itemIndex})`);
	const first = failed[0];
	const counts = [
		...(definite ? [`${definite} of ${itemCount} items failed in Gameball's batch API`] : []),
		...(unknown ? [`${unknown}${definite ? '' : ` of ${itemCount} items in Gameball's batch API`} may or may not have been applied`] : []),
		...(applied ? [`the other ${applied} were applied and must not be sent again`] : []),
	];
	return new NodeOperationError(context.getNode(), counts.join('; '), {
		itemIndex: (first.pairedItem as { item: number }).item,
		description:
			`First failure: ${String(first.json.error)}${first.json.description ? ` (${String(first.json.description)})` : ''}. ` +
			`${jobs.length === 1 ? 'Batch job' : 'Batch jobs'} ${jobs.join(', ')}: Batch > Get Status shows each item's result. ` +
			'Turn on "Continue On Fail" to get one result per item, successes included, and send again only the failed items ' +
			'that do not say `mayHaveBeenApplied`.',
	});
}

/** A read applied nothing: it stops on its first failed item's own error, as a single call does. */
function firstReadError(context: IExecuteFunctions, failed: INodeExecutionData) {
	const { error, description } = failed.json;
	return new NodeOperationError(context.getNode(), String(error), {
		itemIndex: (failed.pairedItem as { item: number }).item,
		description: typeof description === 'string' ? description : undefined,
	});
}

/** One item's records from a single call, as the item loop gets them. */
export type ReadOne = (itemIndex: number) => Promise<IDataObject[]>;

/**
 * Sends the items through Gameball's batch API: jobs of at most 1,000, created first, then awaited, and each job's
 * per-item results fanned back to the input item they came from. A read whose result lacks its answer is read again
 * with `readOne`. `undefined` in Auto mode when an item sets a field that the batch form would drop: then every item
 * goes one by one.
 */
export async function runInBatches(
	this: IExecuteFunctions,
	operation: GameballOperation,
	itemCount: number,
	settings: BatchSettings,
	readOne: ReadOne,
): Promise<INodeExecutionData[] | undefined> {
	const batch = operation.batch!;
	// Per input item: its error item, or its result (one item per entry where the operation's answer wraps a list).
	const results: INodeExecutionData[][] = new Array(itemCount);
	const entries: Array<{ itemIndex: number; entry: BatchEntry; request: GameballRequest }> = [];
	const firstWithKey = new Map<string, number>();
	// Every item is built before any job is sent: an invalid one stops the node before anything is applied.
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const request = await buildRequest.call(this, operation, itemIndex);
			const dropped = droppedFields(operation, request);
			if (dropped.length && settings.mode === 'auto') return sentOneByOne(this, operation, dropped, itemIndex, itemCount);
			if (dropped.length) throw cannotBatchError(this, operation, dropped, itemIndex);
			if (batch.keyless) checkKeyNotRepeated(this, operation, request, itemIndex, firstWithKey);
			entries.push({ itemIndex, entry: batch.toItem(request), request });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
			results[itemIndex] = [failedItem(this, error, itemIndex, { success: false, batchKind: batch.kind } satisfies Partial<GameballBatchResultItem>)];
		}
	}
	const effect = sendEffectOf(JOB_KINDS.find((kind) => kind.kind === batch.kind));
	const jobs = chunk(entries, settings.size);
	const created: Array<{ job: typeof entries; jobId: string }> = [];
	for (const job of jobs) {
		const itemIndex = job[0].itemIndex;
		try {
			created.push({ job, jobId: await createBatchJob.call(this, batch.kind, job.map(({ entry }) => entry), { itemIndex, ...effect }) });
		} catch (error) {
			// Stopped: the error names the jobs Gameball already runs, rather than error items that read as not applied.
			if (!this.continueOnFail() || isCancelled(this)) throw namingCreatedJobs(asNodeError(this.getNode(), error, itemIndex), created);
			// A job that may exist says so on each of its items, as one whose status could not be read does.
			const fields = { success: false, batchKind: batch.kind } satisfies Partial<GameballBatchResultItem>;
			for (const { itemIndex: failed } of job) results[failed] = [failedItem(this, error, failed, fields)];
		}
	}
	// One time limit for all the jobs: each wait gets what is left of it, and one grace for failing reads.
	const deadline = Date.now() + settings.timeoutSeconds * 1000;
	const graceEndsAt = deadline + STATUS_READ_GRACE_MS;
	const readAgain: Array<{ itemIndex: number; meta: BatchMeta }> = [];
	const isRead = batch.answeredBy !== undefined;
	/** Each item of a finished (or timed-out) job: its result, or a single read to come. */
	const placeResults = (status: BatchStatus, job: typeof entries) => {
		job.forEach(({ itemIndex, request, entry }, position) => {
			const result = namesAnotherItem(status, resultFor(status, position), entry);
			const meta = { batchJobId: status.jobId, batchKind: batch.kind, batchIndex: position };
			if ('ok' in result ? lacksAnswer(operation, result.ok) : isRead && result.unknown) {
				readAgain.push({ itemIndex, meta });
				return;
			}
			if ('ok' in result) {
				// The entry's fields at the top, as the single call puts its answer's: expressions work at any item count.
				results[itemIndex] = entriesOf(operation, request, withoutEntryIndex(result.ok)).map((record) => {
					const json: GameballBatchResultItem = { ...record, success: true, ...meta };
					return { json, pairedItem: { item: itemIndex } };
				});
				return;
			}
			const { failed, description, unknown } = result;
			const json: GameballBatchResultItem = {
				success: false,
				...meta,
				error: failed,
				...(description ? { description } : {}),
				...(unknown ? { mayHaveBeenApplied: true as const } : {}),
			};
			const error = new NodeOperationError(this.getNode(), failed, { itemIndex, description });
			results[itemIndex] = [errorItem(this, error, itemIndex, json)];
		});
	};
	for (const { job, jobId } of created) {
		if (!settings.waitForResults) {
			job.forEach(({ itemIndex }, position) => {
				const queued: GameballBatchQueuedItem = { queued: true, batchJobId: jobId, batchKind: batch.kind, batchIndex: position };
				results[itemIndex] = [{ json: queued, pairedItem: { item: itemIndex } }];
			});
			continue;
		}
		let status: BatchStatus;
		try {
			status = await waitForBatch.call(this, jobId, {
				timeoutMs: Math.max(0, deadline - Date.now()),
				graceEndsAt,
				pollIntervalMs: settings.pollSeconds * 1000,
				itemIndex: job[0].itemIndex,
				sentItems: job.length,
				secrets: secretFieldValues(job.map(({ entry }) => entry)),
			});
		} catch (error) {
			if (isCancelled(this)) throw namingCreatedJobs(asNodeError(this.getNode(), error, job[0].itemIndex), created);
			// A read applies nothing: what its job did not answer is read with single calls.
			if (isRead) {
				job.forEach(({ itemIndex }, position) => readAgain.push({ itemIndex, meta: { batchJobId: jobId, batchKind: batch.kind, batchIndex: position } }));
				continue;
			}
			unreadJob(this, error, jobId, job, created, batch.kind, results);
			continue;
		}
		try {
			placeResults(status, job);
		} catch (error) {
			// An answer no code path foresaw: the job ran, so its items must not pass on as if it had not (nor as a
			// success). A read's items are read singly; a write's say they may have been applied.
			const ofJob = new Set(job.map(({ itemIndex }) => itemIndex));
			for (let at = readAgain.length - 1; at >= 0; at--) if (ofJob.has(readAgain[at].itemIndex)) readAgain.splice(at, 1);
			if (isRead) job.forEach(({ itemIndex }, position) => readAgain.push({ itemIndex, meta: { batchJobId: jobId, batchKind: batch.kind, batchIndex: position } }));
			else unreadJob(this, error, jobId, job, created, batch.kind, results);
		}
	}
	// A success spreads Gameball's entry, which may hold `error: null`: only items not marked a success failed.
	const hasFailed = (item: INodeExecutionData) => item.json.success !== true && item.json.error !== undefined;
	// A read that already failed stops the node now, without the single calls it would throw away.
	const failedRead = isRead && !this.continueOnFail() ? results.flat().find(hasFailed) : undefined;
	if (failedRead) throw firstReadError(this, failedRead);
	// A stop ends this too: the transport refuses to send once the execution is stopped, and readSingly rethrows.
	for (const { itemIndex, meta } of readAgain) results[itemIndex] = await readSingly.call(this, readOne, itemIndex, meta);
	const failed = results.flat().filter(hasFailed);
	// A read got here only with Continue On Fail on, or with none failed: a failed single call throws (readSingly).
	if (failed.length && !this.continueOnFail()) throw partialFailure(this, failed, itemCount, created);
	return results.flat();
}
