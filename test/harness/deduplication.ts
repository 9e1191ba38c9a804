// The smallest stand-in for the deduplication provider that n8n's CLI registers (DeduplicationHelper on the
// processed_data table), so that `helpers.checkProcessedAndRecord` works under runNode. It keeps n8n's
// semantics, including what matters for concurrency: one row per (workflowId, context), read then written back
// in separate steps (another execution can run in between), and an INSERT that fails when the row exists.
import { createHash } from 'node:crypto';
import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

interface Row {
	mode: string;
	data: string[];
}

/** How n8n stores an entry: its MD5, Base64. */
const hashOf = (item: DeduplicationItemTypes) => createHash('md5').update(String(item)).digest('base64');

/** One database round trip: lets other executions interleave, as a real database does. */
const roundTrip = () => new Promise<void>((resolve) => setImmediate(resolve));

export class InMemoryDeduplicator implements IDataDeduplicator {
	readonly rows = new Map<string, Row>();

	private key(scope: DeduplicationScope, contextData: ICheckProcessedContextData) {
		const context = scope === 'node' ? `n:${contextData.node?.id ?? ''}` : '';
		return `${contextData.workflow.id}\u0000${context}`;
	}

	private async find(key: string): Promise<Row | undefined> {
		await roundTrip();
		const row = this.rows.get(key);
		return row && { mode: row.mode, data: [...row.data] };
	}

	private async insert(key: string, row: Row) {
		await roundTrip();
		if (this.rows.has(key)) throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
		this.rows.set(key, row);
	}

	private async update(key: string, row: Row) {
		await roundTrip();
		if (this.rows.has(key)) this.rows.set(key, row);
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		if (options.mode !== 'entries') throw new Error(`mode ${options.mode} is not modelled here`);
		const key = this.key(scope, contextData);
		const hashes = items.map(hashOf);
		const row = await this.find(key);
		if (!row) {
			const data = options.maxEntries ? hashes.slice(-options.maxEntries) : hashes;
			await this.insert(key, { mode: options.mode, data });
			return { new: items, processed: [] };
		}
		if (row.mode !== options.mode) throw new Error('Deduplication data was saved with an incompatible mode');
		const seen = new Set(row.data);
		const answer: IDeduplicationOutput = { new: [], processed: [] };
		hashes.forEach((hash, index) => {
			if (seen.has(hash)) answer.processed.push(items[index]);
			else {
				answer.new.push(items[index]);
				row.data.push(hash);
			}
		});
		if (options.maxEntries) row.data.splice(0, row.data.length - options.maxEntries);
		await this.update(key, row);
		return answer;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<void> {
		if (options.mode !== 'entries') throw new Error(`mode ${options.mode} is not modelled here`);
		const key = this.key(scope, contextData);
		const row = await this.find(key);
		if (!row) return;
		const removed = new Set(items.map(hashOf));
		await this.update(key, { mode: row.mode, data: row.data.filter((hash) => !removed.has(hash)) });
	}

	async clearAllProcessedItems(scope: DeduplicationScope, contextData: ICheckProcessedContextData) {
		await roundTrip();
		this.rows.delete(this.key(scope, contextData));
	}

	async getProcessedDataCount(scope: DeduplicationScope, contextData: ICheckProcessedContextData) {
		return (await this.find(this.key(scope, contextData)))?.data.length ?? 0;
	}
}

export const deduplicator = new InMemoryDeduplicator();

// n8n-core's service is a singleton per module registry (per test file): register ours once, on import.
void DataDeduplicationService.init(deduplicator).catch(() => undefined);

/** Forgets every stored row (between tests). */
export function resetDeduplication(): void {
	deduplicator.rows.clear();
}
