import type { IDataObject } from 'n8n-workflow';

import type { BatchStatus } from '../transport/batch';
import { isJsonObject } from '../../jsonObject';
import { adviceFor, hintFor, saysItFailed } from '../transport/errors';
import type { BatchEntry, GameballOperation } from './operation';

/* How a finished (or timed-out) job's status answers for each item sent in it. */

/** `unknown`: Gameball may have applied the item (its job had not finished, or did not say which entries failed). */
export type ItemResult = { ok: IDataObject } | { failed: string; description?: string; unknown?: true };

/** A result entry without its `index` (its position in the job, not the input item's): items carry `batchIndex`. */
export function withoutEntryIndex(entry: IDataObject): IDataObject {
	if (!('index' in entry)) return entry;
	const answer = { ...entry };
	delete answer.index;
	return answer;
}

const CHECK_FIRST = 'Check with Batch > Get Status before sending it again';

/** The result Gameball gave the item at `position` (the status places only indexes within the job). */
export function resultFor(status: BatchStatus, position: number): ItemResult {
	const failure = status.failures.get(position);
	// Headed as a single call's error is ("7000: customer not found"), Gameball's own words as its description.
	// Batch jobs need the Secret Key, so the credential has one.
	const hint = hintFor(failure?.code, true);
	// As a single call's: Gameball's words, then the advice (7000: create the customer first).
	const advice = adviceFor(failure?.code);
	if (failure && hint) return { failed: `${failure.code}: ${hint}`, description: [failure.message, advice].filter(Boolean).join(' · ') };
	if (failure) return { failed: failure.code ? `${failure.code}: ${failure.message}` : failure.message, ...(advice ? { description: advice } : {}) };
	const success: unknown = status.successes.get(position);
	// A result that says it failed is a failure; a bare value (`true`, an ID) reads as `{ value }`, as a single call's.
	const saidFailed = saysItFailed(success);
	if (saidFailed) return { failed: saidFailed };
	if (success) return { ok: isJsonObject(success) ? success : { value: success } };
	if (status.state === 'running') {
		return { failed: `Batch job ${status.jobId} had not finished when the time limit passed, and runs on. ${CHECK_FIRST}`, unknown: true };
	}
	const placedFailures = status.failures.size;
	// A result entry that says it failed, placed nowhere, is a failure placed nowhere.
	const unplacedFailures = status.unplacedFailures.length + status.unplacedSuccesses.filter((entry) => saysItFailed(entry)).length;
	if (unplacedFailures > 0) {
		return {
			failed: `Batch job ${status.jobId} reported ${unplacedFailures} failed entries without saying which; this item may have failed or been applied. ${CHECK_FIRST}`,
			unknown: true,
		};
	}
	// Every failure is placed and this item is not one of them: it succeeded, unless the job lists successes by
	// index (any placed, or any with an index that is no position of the job) and this item is not among them. An
	// answer with neither a failure count nor a failure list says nothing of failures: nothing is inferred from it.
	const failuresTold = status.failed !== undefined || status.listsFailures;
	const allFailuresPlaced = failuresTold && (status.failed ?? placedFailures) === placedFailures;
	const hasIndex = (entry: unknown) => isJsonObject(entry) && entry.index !== undefined && entry.index !== null;
	const listsSuccesses = status.successes.size > 0 || status.unplacedSuccesses.some(hasIndex);
	if (status.state === 'completed' && allFailuresPlaced && !listsSuccesses) return { ok: {} };
	return { failed: `Batch job ${status.jobId} ended "${status.state}" without a result for this item: it may have failed or been applied. ${CHECK_FIRST}`, unknown: true };
}

const IDENTITY_FIELDS = ['customerId', 'orderId', 'transactionId'];

/**
 * A success placed at this item's position that names another customer, order or transaction than the item sent:
 * Gameball listed its results in another order (no schema says it keeps the job's), so it is not this item's.
 */
export function namesAnotherItem(status: BatchStatus, result: ItemResult, sent: BatchEntry): ItemResult {
	if (!('ok' in result)) return result;
	// A bare string is an order ID (Orders > Get Transactions).
	const identity: IDataObject = typeof sent === 'string' ? { orderId: sent } : sent;
	for (const field of IDENTITY_FIELDS) {
		const theirs = result.ok[field];
		const ours = identity[field];
		if (theirs === undefined || theirs === null || ours === undefined || ours === null || String(theirs) === String(ours)) continue;
		return {
			failed: `Batch job ${status.jobId} gave this item's place a result for ${field} "${String(theirs)}", not "${String(ours)}": its results are not in the job's order, so this item's is unknown. ${CHECK_FIRST}`,
			unknown: true,
		};
	}
	return result;
}

/** A read's result that carries none of its answer's fields (a success that says no more than which item it was). */
export function lacksAnswer(operation: GameballOperation, result: IDataObject): boolean {
	const fields = operation.batch?.answeredBy;
	return fields !== undefined && !fields.some((field) => result[field] !== undefined);
}
