import type { IDataObject } from 'n8n-workflow';

import type { ProfileSnapshot } from './changes';
import {
	decodeSnapshot,
	encodeSnapshot,
	isWithinWindow,
	recallCustomer,
	rememberCustomer,
	rememberDelivery,
	replaceContents,
	restoreCustomers,
	restoreDeliveries,
	unixSeconds,
	wasDelivered,
} from './memory';
import type { RecentWrites, StoreView } from './recentWrites';

export interface MemoryLimits {
	deduplicationMemorySize: number;
	customerMemorySize: number;
}

/**
 * What one delivery reads and writes: the node's static data, seen through this process's write log when there is
 * one (recentWrites.ts). Without a log, reads and writes go to the static data directly.
 */
export class TriggerMemory {
	private readonly view?: StoreView;

	/** What reads go to: the static data, or the log's last flush of it when that is newer. */
	private readonly readStore: IDataObject;

	/** This delivery's customer writes: static data saved by another log takes only these snapshots. */
	private readonly ownSnapshots: Array<{ key: string; encoded: string }> = [];

	/** Written to the static data directly (no log). */
	private wroteStore = false;

	constructor(
		private readonly store: IDataObject,
		private readonly limits: MemoryLimits,
		private readonly now: number,
		private readonly log?: RecentWrites,
	) {
		const loaded = log?.viewOf(store);
		const newer = log && loaded ? log.lastFlushNewerThan(loaded) : undefined;
		this.readStore = newer ?? store;
		this.view = newer ? log?.viewOf(newer) : loaded;
	}

	wasDelivered(key: string): boolean {
		if (wasDelivered(this.readStore, key, this.now)) return true;
		return isWithinWindow(this.unflushed('delivery', key), this.now);
	}

	rememberDelivery(key: string): void {
		if (this.log) {
			this.log.record('delivery', key, unixSeconds(this.now), this.now);
			return;
		}
		rememberDelivery(this.store, key, this.now, this.limits.deduplicationMemorySize);
		this.wroteStore = true;
	}

	recallCustomer(key: string): ProfileSnapshot | undefined {
		const unflushed = this.unflushed('customer', key);
		return unflushed === undefined ? recallCustomer(this.readStore, key) : decodeSnapshot(unflushed);
	}

	rememberCustomer(key: string, snapshot: ProfileSnapshot): void {
		if (!this.log) {
			rememberCustomer(this.store, key, snapshot, this.limits.customerMemorySize);
			this.wroteStore = true;
			return;
		}
		const encoded = encodeSnapshot(snapshot);
		this.log.record('customer', key, encoded, this.now);
		this.ownSnapshots.push({ key, encoded });
	}

	/**
	 * Gives the static data the logged writes it lacks when a flush is due. True when the static data changed: n8n
	 * must then save it (see `respond` in GameballTrigger.node.ts).
	 */
	finish(): boolean {
		const { log, view } = this;
		if (!log || !view) return this.wroteStore;
		if (!log.shouldFlush(view, this.now)) return false;
		const deliveries: Array<[string, number]> = [];
		const customers: Array<[string, string]> = [];
		for (const write of log.missing(view, this.now)) {
			if (write.kind === 'delivery') deliveries.push([write.key, write.value as number]);
			else customers.push([write.key, write.value as string]);
		}
		// `missing` leaves out snapshots for static data saved by another log, but this delivery's are the newest.
		if (!view.takesSnapshots) for (const { key, encoded } of this.ownSnapshots) customers.push([key, encoded]);
		if (this.readStore !== this.store) replaceContents(this.store, this.readStore);
		restoreDeliveries(this.store, deliveries, this.limits.deduplicationMemorySize);
		restoreCustomers(this.store, customers, this.limits.customerMemorySize);
		log.markFlushed(this.store, this.now);
		return true;
	}

	private unflushed(kind: 'delivery' | 'customer', key: string) {
		return this.log && this.view ? this.log.unflushedValue(kind, key, this.view, this.now) : undefined;
	}
}
