import type { GameballResource } from '../operation';
import { createJob } from './createJob.operation';
import { getStatus } from './getStatus.operation';
import { stop } from './stop.operation';
import { waitUntilFinished } from './waitUntilFinished.operation';

export const batch: GameballResource = {
	value: 'batch',
	name: 'Batch',
	operations: [createJob, getStatus, waitUntilFinished, stop],
};
