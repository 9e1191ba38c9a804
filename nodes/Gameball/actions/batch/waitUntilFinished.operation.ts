import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { DEFAULT_BATCH_SETTINGS } from '../batchMode';
import type { GameballOperation } from '../operation';
import { readString } from '../../helpers/fields';
import { readCollectionOptions } from '../../../parameters';
import { waitForBatch } from '../../transport/batch';
import { batchIdParam, describeBatch } from './batchJob';

const waitOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollSeconds',
			type: 'number',
			typeOptions: { minValue: 0.1 },
			default: 2,
			description: 'Longest pause between two status checks',
		},
		{
			displayName: 'Time Limit (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 600,
			description: 'How long to wait. A job still running then comes out with "finished" false.',
		},
	],
};

export const waitUntilFinished: GameballOperation = {
	value: 'waitUntilFinished',
	name: 'Wait Until Finished',
	action: 'Wait for a batch job to finish and get its results',
	endpoint: 'GET /batches/{batchId}/status',
	properties: [batchIdParam, waitOptions],
	build(itemIndex) {
		return { pathParams: { batchId: readString(this, 'batchId', itemIndex, 'Batch Job ID') } };
	},
	async run(request, itemIndex) {
		const chosen = readCollectionOptions(this, waitOptions, this.getNodeParameter('options', itemIndex, {}) as IDataObject, itemIndex);
		const { timeoutSeconds = DEFAULT_BATCH_SETTINGS.timeoutSeconds, pollSeconds = DEFAULT_BATCH_SETTINGS.pollSeconds } = chosen;
		const status = await waitForBatch.call(this, String(request.pathParams?.batchId), {
			timeoutMs: Number(timeoutSeconds) * 1000,
			pollIntervalMs: Number(pollSeconds) * 1000,
			itemIndex,
		});
		return describeBatch(status);
	},
};
