import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { remembersCustomers } from '../GameballTrigger/memory';

/*
 * Track keeps its snapshots in workflow static data. In n8n 2.40 queue mode a worker runs each webhook
 * execution with empty static data (the execution's saved workflow carries none) and then saves only what that
 * execution wrote, so the snapshots are lost between executions. Track cannot fix that, but it can notice it:
 * the first time it finds no stored state, it records a marker in n8n's processed_data table (this node's own
 * context); finding no state again while the marker exists means the state was lost.
 */

const STATE_MARKER = 'gameball-track-state-written';

export const LOST_STATE_MESSAGE =
	'Track Tier and Points Changes found its stored customer profiles gone, so it cannot derive tier and points changes. n8n in queue mode does not keep workflow static data between executions on workers; see docs/queue-mode.md.';

/** True when this node stored state before and it is now gone. */
export async function stateWasLost(context: IExecuteFunctions, memory: IDataObject): Promise<boolean> {
	if (remembersCustomers(memory)) return false;
	const helpers = context.helpers as Partial<IExecuteFunctions['helpers']> | undefined;
	if (typeof helpers?.checkProcessedAndRecord !== 'function') return false;
	try {
		const answer = await helpers.checkProcessedAndRecord([STATE_MARKER], 'node', { mode: 'entries' });
		return answer.processed.length > 0;
	} catch {
		// Two first executions at once: the primary key refused one insert. Neither has lost anything.
		return false;
	}
}

export function warnLostState(context: IExecuteFunctions): void {
	context.logger.warn(LOST_STATE_MESSAGE);
	if (typeof context.addExecutionHints === 'function') {
		context.addExecutionHints({ message: LOST_STATE_MESSAGE, location: 'outputPane' });
	}
}
