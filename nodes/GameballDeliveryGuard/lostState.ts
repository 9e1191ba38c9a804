import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { remembersCustomers } from '../GameballTrigger/memory';
import type { SharedMarker } from './sharedMemory';

/*
 * Track keeps its snapshots in workflow static data. In n8n 2.40 queue mode a worker runs each webhook
 * execution with empty static data (the execution's saved workflow carries none) and then saves only what that
 * execution wrote, so the snapshots are lost between executions. Track cannot fix that, but it can notice it:
 * the first time it finds no stored state, it records a marker in n8n's processed_data table (this node's own
 * context); finding no state again while the marker exists means the state was lost. A run that stores no profile
 * takes its marker back, and manual runs (whose static data n8n never saves) neither record nor read it.
 */

const STATE_MARKER = 'gameball-track-state-written';

export const LOST_STATE_MESSAGE =
	'Track Tier and Points Changes found its stored customer profiles gone, so it cannot derive tier and points changes. n8n in queue mode does not keep workflow static data between executions on workers (an imported or reset workflow also starts without it); see https://github.com/n8n-nodes-gameball/n8n-nodes-gameball/blob/main/docs/queue-mode.md.';

/** `lost`: this node stored state before and it is now gone. `marked`: this run recorded the marker. */
export type StoredStateCheck = 'kept' | 'lost' | 'marked' | 'unchecked';

type Helpers = Partial<IExecuteFunctions['helpers']> | undefined;

/** Run before Track reads its memory. */
export async function checkStoredState(context: IExecuteFunctions, memory: IDataObject): Promise<StoredStateCheck> {
	if (remembersCustomers(memory)) return 'kept';
	const helpers = context.helpers as Helpers;
	if (context.getMode() === 'manual' || typeof helpers?.checkProcessedAndRecord !== 'function') return 'unchecked';
	try {
		const answer = await helpers.checkProcessedAndRecord([STATE_MARKER], 'node', { mode: 'entries' });
		return answer.processed.length > 0 ? 'lost' : 'marked';
	} catch {
		// Two first executions at once: the primary key refused one insert. Neither has lost anything.
		return 'unchecked';
	}
}

/** Run after Track: a marker recorded by a run that stored no profile (only notifications, say) is taken back. */
export async function settleStoredState(context: IExecuteFunctions, memory: IDataObject, check: StoredStateCheck) {
	const helpers = context.helpers as Helpers;
	if (check !== 'marked' || remembersCustomers(memory) || typeof helpers?.removeProcessed !== 'function') return;
	try {
		await helpers.removeProcessed([STATE_MARKER], 'node', { mode: 'entries' });
	} catch {
		// Best effort: at worst a later run with no stored profile warns once too often.
	}
}

/*
 * Once a process finds the snapshots written by another process, it records that in the same context. It outlives
 * the processes: a process started later (a restarted worker), or one whose save happened to win, would otherwise
 * trust a save that lost another process's profiles. Every run that does not know it yet reads it, with n8n's
 * read-only count of the context's entries: the lost-state marker is the only other entry there, so the shared
 * marker is two entries, and a count of two or more means it is recorded.
 */
const SHARED_MARKERS = ['gameball-track-shared-by-processes', 'gameball-track-shared-by-processes (2)'];

export function sharedStateMarker(context: IExecuteFunctions): SharedMarker {
	const helpers = context.helpers as Helpers;
	const usable = context.getMode() !== 'manual' && typeof helpers?.getProcessedDataCount === 'function';
	return {
		recorded: async () => {
			if (!usable) return false;
			try {
				return (await helpers!.getProcessedDataCount!('node', { mode: 'entries' })) >= SHARED_MARKERS.length;
			} catch {
				return false; // Best effort: the stamps still tell.
			}
		},
		record: async () => {
			if (!usable || typeof helpers?.checkProcessedAndRecord !== 'function') return;
			try {
				await helpers.checkProcessedAndRecord(SHARED_MARKERS, 'node', { mode: 'entries' });
			} catch (error) {
				// This process still knows; processes started later learn it from the stamps only.
				context.logger.warn(SHARED_MARKER_NOT_RECORDED, { error: (error as Error).message });
			}
		},
	};
}

export const SHARED_MARKER_NOT_RECORDED =
	"Track Tier and Points Changes could not record in n8n's database that another process writes its snapshots; processes started later can tell only from the snapshots' stamps.";

export const SHARED_STATE_MESSAGE =
	'Track Tier and Points Changes found its stored customer profiles written by another n8n process running at the same time (queue mode with several workers, several main instances, or a restart in which the old process ran deliveries for more than 10 minutes after the new one started). Workflow static data is not shared safely between processes, so it derives no tier or points changes from now on. On a single instance again, replace this node with a new one under a name the workflow never used; see https://github.com/n8n-nodes-gameball/n8n-nodes-gameball/blob/main/docs/queue-mode.md.';

/** Logs `message` and shows it as an execution hint. */
export function warnTrackState(context: IExecuteFunctions, message = LOST_STATE_MESSAGE): void {
	context.logger.warn(message);
	if (typeof context.addExecutionHints === 'function') {
		context.addExecutionHints({ message, location: 'outputPane' });
	}
}
