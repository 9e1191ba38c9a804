import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/*
 * n8n loads a workflow's static data before each delivery and saves it after, without a lock: of two deliveries
 * handled at once, the later save drops what the other one wrote, so a lost key lets a retry run again. So every
 * memory write is also logged here, in this process, per trigger node, with a sequence number. The static data
 * records up to which number its writes are included (`replayedUpTo`, tagged with this process's epoch), and each
 * delivery first replays the writes it lacks: the next save carries them again.
 * Logged writes are kept for RECENT_MS (a save comes long before that). Static data saved by another process (queue
 * mode, or before a restart) gets only the delivery keys replayed: adding a key is always safe, an old snapshot over
 * a newer one is not. Across processes, Gameball Delivery Guard is the durable answer.
 */

const PROCESS_EPOCH = randomBytes(6).toString('base64url');
const RECENT_MS = 2 * 60 * 1000;
const MAX_WRITES_PER_NODE = 5000;
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

export class RecentWrites {
	/** Writes in sequence order, contiguous from `writes[head].seq`; the part before `head` is pruned. */
	private writes: LoggedWrite[] = [];

	private head = 0;

	private lastSeq = 0;

	record(kind: WriteKind, key: string, value: string | number, now: number): void {
		this.writes.push({ seq: ++this.lastSeq, at: now, kind, key, value });
		this.prune(now);
	}

	/**
	 * The writes that `store` lacks, oldest first, and whether all of them may be replayed: `store` was last saved
	 * by this process, or never by any (no mark: the first deliveries of a workflow, all handled at once).
	 */
	missingFrom(store: IDataObject, now: number): { writes: LoggedWrite[]; sameProcess: boolean } {
		this.prune(now);
		const [epoch, seq] = String(store[MARK] ?? '').split(':');
		const savedHere = epoch === PROCESS_EPOCH && Number.isInteger(Number(seq));
		const sameProcess = savedHere || store[MARK] === undefined;
		if (this.head === this.writes.length) return { writes: [], sameProcess };
		const after = savedHere ? Number(seq) : 0;
		// Sequence numbers are contiguous, so the first missing write is found by arithmetic.
		const first = Math.max(this.head, this.head + after + 1 - this.writes[this.head].seq);
		return { writes: this.writes.slice(first), sameProcess };
	}

	/** Marks `store` as holding every write logged so far. */
	markReplayed(store: IDataObject): void {
		const mark = `${PROCESS_EPOCH}:${this.lastSeq}`;
		if (store[MARK] !== mark) store[MARK] = mark;
	}

	private prune(now: number): void {
		const { writes } = this;
		while (this.head < writes.length && (now - writes[this.head].at > RECENT_MS || writes.length - this.head > MAX_WRITES_PER_NODE)) {
			this.head++;
		}
		if (this.head > 1024 && this.head * 2 > writes.length) {
			this.writes = writes.slice(this.head);
			this.head = 0;
		}
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
