import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { remembersCustomers } from '../GameballTrigger/memory';

/*
 * n8n gives each execution its own copy of the workflow static data, loaded when it starts, and saves that whole
 * copy when it ends. Two Track runs that overlap would both read the same old snapshots, and the one saved last
 * would undo the other's. So within one n8n process, Track's snapshots live in one object per workflow and node,
 * shared by every run, and each run hands the current tables to its own copy for n8n to save.
 * A run whose loaded copy remembers no customer (the first run, or a queue-mode worker, which loads none) starts
 * again from that copy: the process never answers from memory what the stored state does not hold.
 */

const MAX_SHARED = 100;
const sharedByNode = new Map<string, IDataObject>();

/** Forgets the oldest entry once more than MAX_SHARED nodes are kept. */
function keepBounded(entries: Map<string, unknown> | Set<string>): void {
	if (entries.size > MAX_SHARED) entries.delete(entries.keys().next().value as string);
}

/** The snapshots this run reads and writes, for the node `nodeKey` (`<workflow id>:<node id>`). */
export function sharedSnapshots(nodeKey: string, loaded: IDataObject): IDataObject {
	const kept = sharedByNode.get(nodeKey);
	if (kept && remembersCustomers(loaded)) return kept;
	const fresh = { ...loaded };
	sharedByNode.delete(nodeKey);
	sharedByNode.set(nodeKey, fresh);
	keepBounded(sharedByNode);
	return fresh;
}

/*
 * Another n8n process writing the same snapshots (queue mode with several workers on n8n 1.x, which load and save
 * static data per execution, or several main instances): each saves its whole copy, the last save wins, and a
 * process's own copy falls behind, so derived events would repeat or invent moves. Each run that stores a profile
 * stamps the snapshots with this process's ID and the time; finding a stamp of another process made after this one
 * started means both are running. A stamp older than this process is a restart's, not a second process.
 */
const WRITER_KEY = 'trackWriter';
const PROCESS_ID = randomUUID().slice(0, 8);
const PROCESS_STARTED_AT = Date.now();
const sharedWithOthers = new Set<string>();

/** True once this process has seen `nodeKey`'s snapshots written by another process running at the same time. */
export function writtenByAnotherProcess(nodeKey: string, loaded: IDataObject): boolean {
	if (sharedWithOthers.has(nodeKey)) return true;
	const [writer, at] = String(loaded[WRITER_KEY] ?? '').split('@');
	if (!writer || writer === PROCESS_ID || !(Number(at) >= PROCESS_STARTED_AT)) return false;
	sharedWithOthers.add(nodeKey);
	keepBounded(sharedWithOthers);
	return true;
}

/** Marks `snapshots` as written by this process now. */
export function stampWriter(snapshots: IDataObject, now = Date.now()): void {
	snapshots[WRITER_KEY] = `${PROCESS_ID}@${now}`;
}

/** Drops the process's copy of `nodeKey`'s snapshots: once shared with another process, each run uses its own. */
export function forgetSharedSnapshots(nodeKey: string): void {
	sharedByNode.delete(nodeKey);
}
