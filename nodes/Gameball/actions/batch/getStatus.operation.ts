import type { GameballOperation } from '../operation';
import { readString } from '../../helpers/fields';
import { getBatchStatus } from '../../transport/batch';
import { batchIdParam, describeBatch } from './batchJob';

export const getStatus: GameballOperation = {
	value: 'getStatus',
	name: 'Get Status',
	action: 'Get the status and results of a batch job',
	endpoint: 'GET /batches/{batchId}/status',
	properties: [batchIdParam],
	build(itemIndex) {
		return { pathParams: { batchId: readString(this, 'batchId', itemIndex, 'Batch Job ID') } };
	},
	async run(request, itemIndex) {
		return describeBatch(await getBatchStatus.call(this, String(request.pathParams?.batchId), { itemIndex }));
	},
};
