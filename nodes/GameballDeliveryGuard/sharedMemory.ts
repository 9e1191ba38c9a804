import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { mergeNewerCustomers, remembersCustomers, replaceContents } from '../GameballTrigger/memory';

/*
 * n8n gives each execution its own copy of the workflow static data, loaded when it starts, and saves that whole
 * copy when it ends (if a node changed it), in whatever order the executions end. Two Track runs that overlap
 * would both read the same old snapshots, and the one saved last would undo the other's. So within one n8n
 * process, Track's snapshots live in one object per workflow and node (the process copy), and each run hands it
 * to its own copy and to those of the process's recent runs: whichever n8n saves last holds every profile stored
 * before that save.
 * A loaded copy saved by another process (or any, once the snapshots are shared) is first merged into the process
 * copy, the newest update of each customer winning. A loaded copy that remembers no customer (a new workflow, or a
 * queue-mode worker on n8n 2.x, which loads none) is answered from the process copy only where this process answers
 * the workflow's deliveries (regular mode: a run that began before the first profiles were saved). Otherwise that
 * run works on its own copy, and what it stores is then merged into the process copy.
 */

const MAX_NODES = 100;
/**
 * Copies of recent runs that may not be saved yet, held weakly: a copy is the root of an execution's whole static
 * data (the trigger's memory too), which n8n drops once it has saved it. A run saved after this many later runs may
 * miss their profiles.
 */
const MAX_HANDED = 64;
const processCopies = new Map<string, IDataObject>();
/** The stamps of the loaded copies already in each process copy: a stale copy is not merged again. */
const mergedStamps = new Map<string, Set<string>>();
const handedCopies = new Map<string, Array<WeakRef<IDataObject>>>();

/** Marks `key` as most recently used, and forgets the least recently used one beyond MAX_NODES. */
function touch<T>(entries: Map<string, T>, key: string, value: T): void {
	entries.delete(key);
	entries.set(key, value);
	if (entries.size > MAX_NODES) entries.delete(entries.keys().next().value as string);
}

/*
 * Another n8n process writing the same snapshots (queue mode with several workers on n8n 1.x, which load and save
 * static data per execution, or several main instances): each saves its whole copy, the last save wins, and a
 * process's own copy falls behind, so derived events would repeat or invent moves. Each run that stores a profile
 * stamps the snapshots with this process's ID and the time; finding a stamp of another process made after this one
 * started means both are running, and so does a marker that a process which found that recorded in processed_data
 * (lostState.ts). A stamp older than this process, with no marker, is a restart's, not a second process. So is, where
 * this process answers the workflow's deliveries (one instance, regular mode), a stamp made in its first minutes: the
 * old process finishing its last executions during a rolling restart.
 */
const WRITER_KEY = 'trackWriter';
const PROCESS_ID = randomUUID().slice(0, 8);
const PROCESS_STARTED_AT = Date.now();
const sharedWithOthers = new Map<string, true>();
/** How long after this process starts the process it replaces may still run executions (a rolling restart). */
export const RESTART_OVERLAP_MS = 10 * 60_000;

function stampOf(snapshots: IDataObject): { writer: string; at: number } | undefined {
	const [writer, at] = String(snapshots[WRITER_KEY] ?? '').split('@');
	return writer && Number.isFinite(Number(at)) ? { writer, at: Number(at) } : undefined;
}

/** The processed_data marker that outlives processes (lostState.ts): read until known, written once when found. */
export interface SharedMarker {
	recorded: () => Promise<boolean>;
	record: () => Promise<void>;
}

/**
 * True once this process knows that another process writes `nodeKey`'s snapshots too (`<workflow id>:<node id>`).
 * `deliveredHere`: this process answers the workflow's deliveries, so another process's stamp from its first
 * minutes is the one it replaced.
 */
export async function writtenByAnotherProcess(nodeKey: string, loaded: IDataObject, marker: SharedMarker, deliveredHere = false): Promise<boolean> {
	if (sharedWithOthers.has(nodeKey)) {
		touch(sharedWithOthers, nodeKey, true);
		return true;
	}
	const recorded = await marker.recorded();
	const stamp = stampOf(loaded);
	const replaced = deliveredHere && stamp !== undefined && stamp.at < PROCESS_STARTED_AT + RESTART_OVERLAP_MS;
	const seenNow = stamp !== undefined && stamp.writer !== PROCESS_ID && stamp.at >= PROCESS_STARTED_AT && !replaced;
	if (!recorded && !seenNow) return false;
	if (!sharedWithOthers.has(nodeKey) && !recorded) await marker.record();
	touch(sharedWithOthers, nodeKey, true);
	return true;
}

/** Marks `snapshots` as written by this process now. */
export function stampWriter(snapshots: IDataObject, now = Date.now()): void {
	snapshots[WRITER_KEY] = `${PROCESS_ID}@${now}`;
}

/** Merges `loaded` into `target`: newer customer snapshots, and the newer stamp. */
function mergeLoaded(target: IDataObject, loaded: IDataObject, limit: number): void {
	mergeNewerCustomers(target, loaded, limit);
	const [ours, theirs] = [stampOf(target), stampOf(loaded)];
	if (theirs && (!ours || theirs.at > ours.at)) target[WRITER_KEY] = loaded[WRITER_KEY];
}

const nodesRun = new Map<string, true>();

/** True for the first run of `nodeKey` in this process (or the first since the process forgot it, MAX_NODES). */
export function isFirstRunInProcess(nodeKey: string): boolean {
	const first = !nodesRun.has(nodeKey);
	touch(nodesRun, nodeKey, true);
	return first;
}

/** `shared`: another process writes the snapshots too. `deliveredHere`: this process answers the workflow's deliveries. */
export interface RunPlace {
	shared: boolean;
	deliveredHere: boolean;
}

/**
 * The snapshots a run reads and writes: the process copy, first merged with `loaded` when another process saved it
 * or the snapshots are shared; or, when `loaded` remembers no customer, `loaded` itself (see above).
 */
export function snapshotsForRun(nodeKey: string, loaded: IDataObject, place: RunPlace, limit: number): IDataObject {
	const kept = processCopies.get(nodeKey);
	if (!remembersCustomers(loaded)) {
		if (!place.deliveredHere || !kept) return loaded;
		touch(processCopies, nodeKey, kept);
		return kept;
	}
	const stamp = String(loaded[WRITER_KEY] ?? '');
	if (!kept) {
		const fresh = { ...loaded };
		touch(processCopies, nodeKey, fresh);
		touch(mergedStamps, nodeKey, new Set([stamp]));
		return fresh;
	}
	// A copy merged before (the one a restarted process started from, say) would only bring back customers this
	// process has since forgotten (Customer Memory Size), older than what it passed on.
	const merged = mergedStamps.get(nodeKey) ?? new Set<string>();
	const stampedHere = stamp.startsWith(`${PROCESS_ID}@`);
	if ((place.shared || !stampedHere) && !merged.has(stamp)) {
		mergeLoaded(kept, loaded, limit);
		merged.add(stamp);
		if (merged.size > MAX_HANDED) merged.delete(merged.values().next().value as string);
	}
	touch(mergedStamps, nodeKey, merged);
	touch(processCopies, nodeKey, kept);
	return kept;
}

/**
 * After a run: its snapshots join the process copy, which is given to its copy and to the copies of the recent runs
 * that stored a profile. A run that stored none is left as it loaded, so n8n does not save it: its copy holds the
 * other nodes' static data (the trigger's memory) as it was when the run started.
 */
export function handOver(nodeKey: string, runCopy: IDataObject, used: IDataObject, limit: number, stored: boolean): void {
	let processCopy = processCopies.get(nodeKey);
	if (used !== processCopy) {
		if (processCopy) mergeLoaded(processCopy, used, limit);
		else processCopy = { ...used };
		touch(processCopies, nodeKey, processCopy);
	}
	const copies = (handedCopies.get(nodeKey) ?? []).map((handed) => handed.deref()).filter((copy): copy is IDataObject => copy !== undefined && copy !== runCopy);
	if (stored) copies.push(runCopy);
	const kept = copies.slice(-MAX_HANDED);
	touch(handedCopies, nodeKey, kept.map((copy) => new WeakRef(copy)));
	for (const copy of kept) replaceContents(copy, processCopy);
}
