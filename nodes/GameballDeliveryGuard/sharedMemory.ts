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

/** The snapshots this run reads and writes, for the node `nodeKey` (`<workflow id>:<node id>`). */
export function sharedSnapshots(nodeKey: string, loaded: IDataObject): IDataObject {
	const kept = sharedByNode.get(nodeKey);
	if (kept && remembersCustomers(loaded)) return kept;
	const fresh = { ...loaded };
	sharedByNode.delete(nodeKey);
	sharedByNode.set(nodeKey, fresh);
	if (sharedByNode.size > MAX_SHARED) sharedByNode.delete(sharedByNode.keys().next().value as string);
	return fresh;
}
