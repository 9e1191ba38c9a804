import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/*
 * n8n loads a workflow's static data before each delivery and saves the whole of it after, when changed, without a
 * lock. With a full memory that is about 1 MB rewritten per delivery, and of two deliveries handled at once the later
 * save dropped what the other one wrote. So the trigger's writes go to this
 * log first, in this process, per trigger node, with a sequence number, and reads see the writes that the loaded
 * static data lacks. The static data records up to which write of which log it holds (`replayedUpTo`), and gets the
 * missing writes (a flush) at most every FLUSH_MS or FLUSH_WRITES writes of this log. The log keeps its own last
 * flush: deliveries in flight loaded the static data before that flush was saved and would each flush again.
 * The last CAPACITY writes are kept: those not flushed yet until they are, flushed ones for RECENT_MS (their save
 * follows within moments, and a copy of the static data loaded before it still needs them). Static data saved by
 * another log (another process in queue mode, or before a restart) gets only delivery keys replayed: adding a key is
 * always safe, an old snapshot over a newer one is not. A restart loses what was not flushed yet; across processes,
 * Gameball Delivery Guard is durable.
 * The log also keeps the static data as its last flush left it (its values are the table strings, shared, not
 * copied). A copy loaded before that flush (in flight, or saved again by a long execution in which another node
 * wrote static data) is read through it instead, and a flush starts from it: however old the copy, nothing the
 * process flushed is rolled back. That holds too for a copy that still carries the other log's mark this log last
 * flushed over (the first deliveries after a restart, in flight together): it holds no more than that flush.
 */

const RECENT_MS = 2 * 60 * 1000;
// Overlapping deliveries are at most a few hundred writes apart; a store further behind gets every kept write.
const CAPACITY = 1024;
export const FLUSH_MS = 5000;
export const FLUSH_WRITES = 200;
const MAX_NODES = 500;
const MARK = 'replayedUpTo';

export type WriteKind = 'delivery' | 'customer';

export interface LoggedWrite {
	seq: number;
	at: number;
	kind: WriteKind;
	key: string;
	value: string | number;
}

/** What a loaded static data holds of this log: read once per delivery. */
export interface StoreView {
	/** The last write of this log it holds (0 when it was saved by another log, or never). */
	after: number;
	/**
	 * Saved by this log, or never saved with a mark (the first deliveries of a workflow): this log's snapshots are
	 * the newest it can have. Static data saved by another log may hold newer ones, so it takes delivery keys only.
	 */
	takesSnapshots: boolean;
}

/** A ring of the last CAPACITY writes, in parallel arrays: logging a write allocates nothing. */
export class RecentWrites {
	private readonly id = randomBytes(6).toString('base64url');

	private readonly kinds: WriteKind[] = new Array<WriteKind>(CAPACITY);

	private readonly keys: string[] = new Array<string>(CAPACITY);

	private readonly values: Array<string | number> = new Array<string | number>(CAPACITY);

	private readonly times = new Float64Array(CAPACITY);

	/** Per kind, key -> sequence number of its latest write still in the ring. */
	private readonly latest: Record<WriteKind, Map<string, number>> = { delivery: new Map(), customer: new Map() };

	private lastSeq = 0;

	/** This log's last flush: the last write it carried, and when. */
	private flushedSeq = 0;

	private flushedAt = -Infinity;

	/** The static data as the last flush left it. */
	private flushedStore?: IDataObject;

	/** The mark of static data saved by another log that a flush of this log started from. */
	private flushedOverMark?: unknown;

	record(kind: WriteKind, key: string, value: string | number, now: number): void {
		const seq = ++this.lastSeq;
		const slot = seq % CAPACITY;
		if (seq > CAPACITY) {
			const latestOfKind = this.latest[this.kinds[slot]];
			if (latestOfKind.get(this.keys[slot]) === seq - CAPACITY) latestOfKind.delete(this.keys[slot]);
		}
		this.kinds[slot] = kind;
		this.keys[slot] = key;
		this.values[slot] = value;
		this.times[slot] = now;
		this.latest[kind].set(key, seq);
	}

	/** The last mark read, and its view: most deliveries load static data with the same mark. */
	private lastView?: { mark: unknown; view: StoreView };

	viewOf(store: IDataObject): StoreView {
		const stored = store[MARK];
		const last = this.lastView;
		if (last && last.mark === stored && stored !== undefined) return last.view;
		const view = this.parseMark(stored);
		this.lastView = { mark: stored, view };
		return view;
	}

	private parseMark(stored: unknown): StoreView {
		const [id, seq] = String(stored ?? '').split(':');
		const savedHere = id === this.id && Number.isInteger(Number(seq));
		// Static data saved by another log takes no snapshots, unless this log already flushed over it (a restart).
		const takesSnapshots = savedHere || stored === undefined || stored === this.flushedOverMark;
		return { after: savedHere ? Number(seq) : 0, takesSnapshots };
	}

	/** The latest logged value of `key` that the viewed static data lacks, if any. */
	unflushedValue(kind: WriteKind, key: string, view: StoreView, now: number): string | number | undefined {
		const seq = this.latest[kind].get(key);
		if (seq === undefined || seq <= view.after) return undefined;
		if (kind === 'customer' && !view.takesSnapshots) return undefined;
		return this.isExpired(seq, now) ? undefined : this.values[seq % CAPACITY];
	}

	/** Whether the viewed static data should get the missing writes now (and so be saved by n8n). */
	shouldFlush(view: StoreView, now: number): boolean {
		if (this.lastSeq === view.after) return false;
		return this.lastSeq - this.flushedSeq >= FLUSH_WRITES || now - this.flushedAt >= FLUSH_MS;
	}

	/** The writes the viewed static data lacks, oldest first; snapshots only when it may take them. */
	missing(view: StoreView, now: number): LoggedWrite[] {
		const writes: LoggedWrite[] = [];
		let first = Math.max(view.after + 1, this.lastSeq - CAPACITY + 1, 1);
		while (first <= this.lastSeq && this.isExpired(first, now)) first++;
		for (let seq = first; seq <= this.lastSeq; seq++) {
			const slot = seq % CAPACITY;
			if (this.kinds[slot] === 'customer' && !view.takesSnapshots) continue;
			writes.push({ seq, at: this.times[slot], kind: this.kinds[slot], key: this.keys[slot], value: this.values[slot] });
		}
		return writes;
	}

	/** A flushed write older than RECENT_MS. A write not flushed yet never expires: no static data holds it. */
	private isExpired(seq: number, now: number): boolean {
		return seq <= this.flushedSeq && now - this.times[seq % CAPACITY] > RECENT_MS;
	}

	/** Marks `store` as holding every write logged so far, flushed at `now`. */
	markFlushed(store: IDataObject, now: number): void {
		if (!this.viewOf(store).takesSnapshots) this.flushedOverMark = store[MARK];
		this.lastView = undefined;
		store[MARK] = `${this.id}:${this.lastSeq}`;
		this.flushedSeq = this.lastSeq;
		this.flushedAt = now;
		this.flushedStore = { ...store };
	}

	/** The static data as the last flush left it, when the viewed copy holds less of this log (else `undefined`). */
	lastFlushNewerThan(view: StoreView): IDataObject | undefined {
		return view.takesSnapshots && view.after < this.flushedSeq ? this.flushedStore : undefined;
	}
}

const logs = new Map<string, RecentWrites>();

/** The write log of one trigger node (`<workflow id>:<node id>`). */
export function recentWritesOf(nodeKey: string): RecentWrites {
	let log = logs.get(nodeKey);
	if (!log) {
		if (logs.size >= MAX_NODES) logs.clear();
		log = new RecentWrites();
		logs.set(nodeKey, log);
	}
	return log;
}
