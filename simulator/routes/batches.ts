/** Batch endpoints: create jobs of each kind, status in the OpenAPI shape, stop. The tutorial paths live in the server. */
import { BATCH_KINDS, MAX_BATCH_ITEMS, openApiStatus, tutorialStatus, type EntryView } from '../batches';
import { badRequest, ERROR_CODES } from '../errors';
import type { ResolvedOptions } from '../options';
import type { BatchKind } from '../state';
import { API, ok, type Handler, type RouteTable } from './types';

function entryView(options: ResolvedOptions): EntryView {
	return { withIndexes: options.batchResultIndexes, resultData: options.batchResultData };
}

function createJob(kind: BatchKind): Handler {
	return (context) => {
		const items = context.body.body;
		if (!Array.isArray(items)) throw badRequest(ERROR_CODES.missingField, 'body is required and must be an array of items');
		if (items.length === 0) throw badRequest(ERROR_CODES.invalidValue, 'body must contain at least one item');
		if (items.length > MAX_BATCH_ITEMS) throw badRequest(ERROR_CODES.batchTooLarge, `body must contain at most ${MAX_BATCH_ITEMS} items (got ${items.length})`);
		const job = context.batches.create(kind, items);
		return ok({ jobId: job.jobId });
	};
}

export const batchRoutes: RouteTable = {
	...Object.fromEntries(BATCH_KINDS.map((kind) => [`POST ${API}/batch/${kind}`, createJob(kind)])),
	[`GET ${API}/batches/{batchId}/status`]: (context) => {
		const job = context.batches.get(context.params.batchId);
		const view = entryView(context.options);
		return ok(context.options.batchStatusShape === 'tutorial' ? tutorialStatus(job, view) : openApiStatus(job, view));
	},
	[`POST ${API}/batches/{batchId}/stop`]: (context) => {
		const job = context.batches.stop(context.params.batchId);
		return ok({ batchId: String(job.jobId), status: openApiStatus(job).status, message: job.stopRequested ? 'Batch stop requested' : `Batch already ${job.status}` });
	},
};

/** GET/DELETE /api/v4/integrations/batch/{jobId}, from Gameball's batch tutorial. */
export const tutorialBatchStatus: Handler = (context) =>
	ok(tutorialStatus(context.batches.get(context.params.jobId), entryView(context.options)));
export const tutorialBatchStop: Handler = (context) =>
	ok(tutorialStatus(context.batches.stop(context.params.jobId), entryView(context.options)));
