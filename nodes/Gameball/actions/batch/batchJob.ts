import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { BatchStatus } from '../../transport/batch';

export const batchIdParam: INodeProperties = {
	displayName: 'Batch Job ID',
	name: 'batchId',
	type: 'string',
	default: '={{ $json.jobId ?? $json.batchJobId }}',
	required: true,
	description:
		'The job ID that Create Job returned, or the batchJobId of items queued with Wait for Results off. All the items of one job share it: turn on the node setting Execute Once to read the job once.',
};

function byPosition<T>(map: Map<number, T>): Array<[number, T]> {
	return [...map].sort(([a], [b]) => a - b);
}

/** A batch job's status in one shape, whichever of Gameball's two documented shapes the answer had. */
export function describeBatch(status: BatchStatus): IDataObject {
	const counts = { total: status.total, processed: status.processed, failed: status.failed };
	return {
		jobId: status.jobId,
		state: status.state,
		finished: status.state !== 'running',
		...Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== undefined)),
		// `index: null`: the entry did not say which item it is for.
		successes: [
			...byPosition(status.successes).map(([index, result]) => ({ index, result })),
			...status.unplacedSuccesses.map((result) => ({ index: null, result })),
		],
		failures: [
			...byPosition(status.failures).map(([index, failure]) => ({ index, ...failure })),
			...status.unplacedFailures.map((failure) => ({ index: null, ...failure })),
		],
		raw: status.raw,
	};
}
