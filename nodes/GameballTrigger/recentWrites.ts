import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/*
 * n8n loads a workflow's static data before each delivery and saves it after, without a lock: of two deliveries
 * handled at once, the later save drops what the other one wrote, so a lost key lets a retry run again. So every
 * memory write is also logged here, in this process, per trigger node, with a sequence number. The static data
 * records up to which number its writes are included (`replayedUpTo`, tagged with this process's epoch), and each
 * delivery first replays the writes it lacks: the next save carries them again.
 * The last CAPACITY writes of the last RECENT_MS are kept (a save comes long before). Static data saved by another
 * process (queue mode, or before a restart) gets only the delivery keys replayed: adding a key is always safe, an old
 * snapshot over a newer one is not. Across processes, Gameball Delivery Guard is the durable answer.
 */

const PROCESS_EPOCH = randomBytes(6).toString('base64url');
const RECENT_MS = 2 * 60 * 1000;
// Overlapping deliveries are at most a few hundred writes apart; a store further behind gets every kept write.
const CAPACITY = 1024;
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

const NOTHING_MISSING = { writes: [] as LoggedWrite[], sameProcess: true };

/** A ring of the last CAPACITY writes, in parallel arrays: logging a write allocates nothing. */
export class RecentWrites {
	private readonly kinds: WriteKind[] = new Array<WriteKind>(CAPACITY);

	private readonly keys: string[] = new Array<string>(CAPACITY);

	private readonly values: Array<string | number> = new Array<string | number>(CAPACITY);

	private readonly times = new Float64Array(CAPACITY);

	private lastSeq = 0;

	/** `<epoch>:<lastSeq>`, rebuilt only when a write was logged since. */
	private mark = `${PROCESS_EPOCH}:0`;

	private markSeq = 0;

	record(kind: WriteKind, key: string, value: string | number, now: number): void {
		const slot = ++this.lastSeq % CAPACITY;
		this.kinds[slot] = kind;
		this.keys[slot] = key;
		this.values[slot] = value;
		this.times[slot] = now;
	}

	/**
	 * The writes that `store` lacks, oldest first, and whether all of them may be replayed: `store` was last saved
	 * by this process, or never by any (no mark: the first deliveries of a workflow, all handled at once).
	 */
	missingFrom(store: IDataObject, now: number): { writes: LoggedWrite[]; sameProcess: boolean } {
		const stored = store[MARK];
		// The usual case: the static data was saved after this process's last write.
		if (stored === this.currentMark()) return NOTHING_MISSING;
		const [epoch, seq] = String(stored ?? '').split(':');
		const savedHere = epoch === PROCESS_EPOCH && Number.isInteger(Number(seq));
		const writes: LoggedWrite[] = [];
		let first = Math.max(savedHere ? Number(seq) + 1 : 1, this.lastSeq - CAPACITY + 1);
		while (first <= this.lastSeq && now - this.times[first % CAPACITY] > RECENT_MS) first++;
		for (let at = first; at <= this.lastSeq; at++) {
			const slot = at % CAPACITY;
			writes.push({ seq: at, at: this.times[slot], kind: this.kinds[slot], key: this.keys[slot], value: this.values[slot] });
		}
		return { writes, sameProcess: savedHere || stored === undefined };
	}

	/** Marks `store` as holding every write logged so far. */
	markReplayed(store: IDataObject): void {
		const mark = this.currentMark();
		if (store[MARK] !== mark) store[MARK] = mark;
	}

	private currentMark(): string {
		if (this.markSeq !== this.lastSeq) {
			this.mark = `${PROCESS_EPOCH}:${this.lastSeq}`;
			this.markSeq = this.lastSeq;
		}
		return this.mark;
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
