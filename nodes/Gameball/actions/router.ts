import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readBoolean, refuse, toNumber } from '../../parameters';
import { fetchList } from '../transport/paginate';
import { isJsonObject } from '../../jsonObject';
import { appendDescription, saysItFailed } from '../transport/errors';
import { isCancelled, refusedAnswerError, secretFieldValues, sendToGameball } from '../transport/request';
import { batchSettings, runInBatches, shouldBatch, type BatchSettings } from './batchMode';
import { buildRequest, type GameballOperation, type GameballRequest } from './operation';
import { asNodeError } from '../../errorItems';
import { failedItem, paired, recordsFrom } from './output';
import { findOperation } from './resources';

async function performOne(this: IExecuteFunctions, operation: GameballOperation, itemIndex: number) {
	const records = await fetchRecords.call(this, operation, itemIndex);
	const { simplify } = operation;
	if (!simplify || !readBoolean(this, 'simplify', 'Simplify', itemIndex, true)) return records;
	return records.map((record) => simplify(record));
}

/** Limit as a whole number of at least 1: an expression (or an AI agent) giving 0 must not read as "none found". */
function readLimit(context: IExecuteFunctions, itemIndex: number): number {
	const limit = toNumber(context, 'Limit', context.getNodeParameter('limit', itemIndex, 50), itemIndex, true);
	if (limit === undefined || limit < 1) {
		refuse(context, `"Limit" must be at least 1 (got ${String(limit ?? 'nothing')})`, itemIndex);
	}
	return limit;
}

async function fetchRecords(this: IExecuteFunctions, operation: GameballOperation, itemIndex: number) {
	const request = await buildRequest.call(this, operation, itemIndex);
	if (operation.run) return [await operation.run.call(this, request, itemIndex)].flat();
	if (operation.list) {
		const returnAll = readBoolean(this, 'returnAll', 'Return All', itemIndex, false);
		const limit = returnAll ? undefined : readLimit(this, itemIndex);
		return await fetchList.call(this, operation.endpoint, request, operation.list, limit, itemIndex);
	}
	const key = operation.idempotencyKey;
	const response = await sendToGameball.call(this, operation.endpoint, request, {
		itemIndex,
		movesMoney: operation.movesMoney === true || operation.unsafeToRepeat?.applies(request) === true,
		writes: changesGameball(operation, request),
		doneByEarlierAttempt: operation.doneByEarlierAttempt,
		idempotencyValue: key ? request.body?.[key] : undefined,
	});
	const failed = saysItFailed(response.body, secretFieldValues(request.body));
	if (failed) {
		throw refusedAnswerError(this, response, failed, itemIndex, 'Gameball answered with a success code, but its answer says the call did not succeed.');
	}
	const answer = isJsonObject(response.body) ? response.body : undefined;
	const nothingDone = answer ? operation.didNothing?.(answer) : undefined;
	if (nothingDone) {
		throw refusedAnswerError(this, response, nothingDone, itemIndex, 'Gameball answered with success, but with a status it sends only when it applied nothing.');
	}
	return recordsFrom(operation, request, response);
}

/**
 * Whether the operation's call changes something at Gameball (not a read, a preview or a check). Without the request
 * (the items before a failed one), an operation that changes nothing only for some requests may have written.
 */
function changesGameball(operation: GameballOperation, request?: GameballRequest): boolean {
	const { changesNothing } = operation;
	if (operation.endpoint.startsWith('GET ') || changesNothing === true) return false;
	return !(typeof changesNothing === 'function' && request !== undefined && changesNothing(request));
}

/**
 * A write that stops at one item leaves the items before it applied: the error says so, since running the node again
 * sends them again (most writes carry no ID that would make a repeat harmless).
 */
function earlierWrites(operation: GameballOperation, succeeded: number): string | undefined {
	if (!changesGameball(operation) || succeeded === 0) return undefined;
	const one = succeeded === 1;
	const those = one ? 'The item before it was' : `The ${succeeded} items before it were`;
	return `${those} sent to Gameball and succeeded: leave ${one ? 'it' : 'them'} out when running again, or ${one ? 'it is' : 'they are'} sent twice.`;
}

function requestedOperation(context: IExecuteFunctions): GameballOperation {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		refuse(context, `The operation "${operationName}" of "${resource}" is not supported`, 0);
	}
	return operation;
}

/** The Batching settings when the items go through the batch API; `undefined` when they go one by one. */
async function batchingFor(context: IExecuteFunctions, operation: GameballOperation, itemCount: number): Promise<BatchSettings | undefined> {
	if (!operation.batch) return undefined;
	const settings = batchSettings(context);
	return (await shouldBatch.call(context, operation, settings, itemCount)) ? settings : undefined;
}

/** The item loop, written once: every operation gets continue-on-fail, paired items and batch mode from here. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	let operation: GameballOperation | undefined;
	let batchWith: BatchSettings | undefined;
	try {
		operation = requestedOperation(this);
		batchWith = await batchingFor(this, operation, items.length);
	} catch (error) {
		// A refusal of the whole run (batch mode without a Secret Key, a Batching option that is no number) fails
		// every item under Continue On Fail: thrown, n8n would pass the items on as if they had succeeded.
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, 0);
		const asBatchFailure: IDataObject = operation?.batch ? { success: false, batchKind: operation.batch.kind } : {};
		return [items.map((_, itemIndex) => failedItem(this, error, itemIndex, asBatchFailure))];
	}
	const readOne = async (itemIndex: number) => await performOne.call(this, operation, itemIndex);
	const batched = batchWith ? await runInBatches.call(this, operation, items.length, batchWith, readOne) : undefined;
	if (batched) return [batched];

	const output: INodeExecutionData[] = [];
	// Items that came out as error items (Continue On Fail), when a stop ends the run: they did not succeed.
	let failedItems = 0;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (isCancelled(this)) refuse(this, 'The execution was stopped', itemIndex);
		try {
			output.push(...paired(await performOne.call(this, operation, itemIndex), itemIndex));
		} catch (error) {
			// Stopped: the item's own error (it may say the change was applied) ends the run, not an error item.
			if (this.continueOnFail() && !isCancelled(this)) {
				output.push(failedItem(this, error, itemIndex));
				failedItems++;
				continue;
			}
			const stopped = asNodeError(this.getNode(), error, itemIndex);
			const earlier = operation.describeEarlier ? operation.describeEarlier(output) : earlierWrites(operation, itemIndex - failedItems);
			if (earlier) appendDescription(stopped, earlier);
			throw stopped;
		}
	}
	return [output];
}
