/**
 * Batch jobs: created by POST /batch/<kind>, processed in the background in small chunks with the same
 * rules as the single-item endpoints, reported in the OpenAPI or the tutorial status shape.
 */
import { checkValue, loadContract, type ContractSchema } from './contract';
import type { Account } from './domain/account';
import { balanceView, upsertCustomer } from './domain/customers';
import { sendEvents } from './domain/campaigns';
import { cashback, manualAdjustment, orderTransactions, redeem, trackOrder } from './domain/transactions';
import { ERROR_CODES, GameballError } from './errors';
import type { BatchItemResult, BatchJob, BatchKind } from './state';
import type { TimerRegistry } from './timers';

export const BATCH_KINDS: BatchKind[] = ['customers', 'orders', 'orders/transactions', 'balance-inquiry', 'balance-adjustment', 'cashback', 'redeem', 'events'];
export const MAX_BATCH_ITEMS = 1000;
const CHUNK_SIZE = 50;

type Json = Record<string, unknown>;

function itemSchema(kind: BatchKind): ContractSchema | undefined {
	const operation = loadContract().operations.find((candidate) => candidate.method === 'POST' && candidate.path === `/api/v4.0/integrations/batch/${kind}`);
	return operation?.requestBody?.schema.properties?.body?.items;
}

/** Applies one item with the single endpoint's logic. */
function applyItem(account: Account, kind: BatchKind, item: unknown): Json {
	const body = item as Json;
	switch (kind) {
		case 'customers': {
			const { customer, created } = upsertCustomer(account, body);
			return { customerId: customer.customerId, gameballId: customer.gameballId, created };
		}
		case 'orders':
			return trackOrder(account, body);
		case 'orders/transactions':
			return { orderId: String(item), ...orderTransactions(account, String(item)) };
		case 'balance-inquiry': {
			const customer = account.getCustomer(String(body.customerId));
			return { customerId: customer.customerId, ...balanceView(account, customer) };
		}
		case 'balance-adjustment': {
			// `amount` is a number of points: positive adds, negative deducts.
			return manualAdjustment(account, { customerId: body.customerId, points: body.amount, reason: body.reason ?? 'Balance adjustment', username: 'batch' });
		}
		case 'cashback':
			return cashback(account, body);
		case 'redeem':
			return redeem(account, body);
		case 'events':
			return { customerId: String(body.customerId), ...sendEvents(account, body) };
	}
}

export class BatchRunner {
	constructor(
		private readonly account: Account,
		private readonly timers: TimerRegistry,
		private readonly itemDelayMs: () => number,
		private readonly rejectUnknownFields: () => boolean = () => true,
	) {}

	create(kind: BatchKind, items: unknown[]): BatchJob {
		const job: BatchJob = {
			jobId: this.account.state.nextId('batch'),
			kind,
			items,
			status: 'queued',
			processed: 0,
			results: [],
			errors: [],
			createdAt: new Date().toISOString(),
			stopRequested: false,
		};
		this.account.state.batches.set(job.jobId, job);
		this.timers.after(0, () => {
			this.run(job).catch((error: unknown) => {
				job.status = 'failed';
				job.errors.push({ index: -1, code: ERROR_CODES.serverError, message: error instanceof Error ? error.message : String(error) });
			});
		});
		return job;
	}

	get(jobId: string): BatchJob {
		const job = /^\d+$/.test(jobId) ? this.account.state.batches.get(Number(jobId)) : undefined;
		if (!job) throw new GameballError(404, ERROR_CODES.batchNotFound, `Batch '${jobId}' was not found`);
		return job;
	}

	stop(jobId: string): BatchJob {
		const job = this.get(jobId);
		if (job.status === 'queued' || job.status === 'running') {
			job.stopRequested = true;
			if (job.status === 'queued') this.finish(job, 'stopped');
		}
		return job;
	}

	private finish(job: BatchJob, status: BatchJob['status']): void {
		job.status = status;
		job.finishedAt = new Date().toISOString();
	}

	private async run(job: BatchJob): Promise<void> {
		if (job.stopRequested || job.status !== 'queued') return;
		job.status = 'running';
		job.startedAt = new Date().toISOString();
		const schema = itemSchema(job.kind);
		for (let start = 0; start < job.items.length; start += CHUNK_SIZE) {
			if (job.stopRequested || this.timers.isStopped) {
				this.finish(job, 'stopped');
				return;
			}
			const end = Math.min(job.items.length, start + CHUNK_SIZE);
			for (let index = start; index < end; index++) this.processItem(job, index, schema);
			await this.timers.wait((end - start) * this.itemDelayMs());
		}
		// Every item was applied: a stop that came during the last wait changes nothing.
		this.finish(job, 'completed');
	}

	private processItem(job: BatchJob, index: number, schema: ContractSchema | undefined): void {
		const item = job.items[index];
		try {
			const problem = schema ? checkValue(schema, item, '', this.rejectUnknownFields()) : undefined;
			if (problem) throw new GameballError(400, problem.code, problem.message.replace(/^ /, 'item '));
			job.results.push({ index, ...applyItem(this.account, job.kind, item) } as BatchItemResult);
		} catch (error) {
			if (error instanceof GameballError) job.errors.push({ index, code: error.code, message: error.message });
			else job.errors.push({ index, code: ERROR_CODES.serverError, message: error instanceof Error ? error.message : String(error) });
		}
		job.processed += 1;
	}
}

const OPENAPI_STATUS: Record<BatchJob['status'], string> = { queued: 'pending', running: 'processing', completed: 'completed', failed: 'failed', stopped: 'failed' };

/** How a status shows its entries: see `batchResultIndexes` and `batchResultData` in the options. */
export interface EntryView {
	withIndexes: boolean;
	resultData: 'full' | 'identity' | 'none';
}

const FULL_VIEW: EntryView = { withIndexes: true, resultData: 'full' };
const IDENTITY_FIELDS = ['index', 'customerId', 'orderId', 'transactionId'];

function identityOf(entry: BatchItemResult): object {
	return Object.fromEntries(Object.entries(entry).filter(([field]) => IDENTITY_FIELDS.includes(field)));
}

/** A job's result and error entries as `view` shows them. */
function entriesOf(job: BatchJob, view: EntryView): { results: object[]; errors: object[] } {
	const shown = view.resultData === 'full' ? job.results : view.resultData === 'identity' ? job.results.map(identityOf) : [];
	if (view.withIndexes) return { results: shown, errors: job.errors };
	const unindexed = ({ index: _index, ...entry }: { index?: number }) => entry;
	return { results: shown.map(unindexed), errors: job.errors.map(unindexed) };
}

export function openApiStatus(job: BatchJob, view = FULL_VIEW): Json {
	const total = job.items.length;
	const { results, errors } = entriesOf(job, view);
	return {
		batchId: String(job.jobId),
		status: OPENAPI_STATUS[job.status],
		progress: total === 0 ? 100 : Math.floor((job.processed / total) * 100),
		totalItems: total,
		processedItems: job.processed,
		failedItems: job.errors.length,
		results,
		errors,
	};
}

export function tutorialStatus(job: BatchJob, view = FULL_VIEW): Json {
	const { results, errors } = entriesOf(job, view);
	return {
		jobId: job.jobId,
		operation: job.kind,
		status: job.status,
		totalCount: job.items.length,
		finishedCount: job.processed,
		errorCount: job.errors.length,
		createdAt: job.createdAt,
		startedAt: job.startedAt ?? null,
		finishedAt: job.finishedAt ?? null,
		response: { successful: results, failed: errors },
	};
}
