import { requestOperation } from '../../helpers/requestOperation';
import { batchIdParam } from './batchJob';

export const stop = requestOperation({
	value: 'stop',
	name: 'Stop',
	action: 'Stop a running batch job',
	endpoint: 'POST /batches/{batchId}/stop',
	path: [batchIdParam],
});
