import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { guardProperties, type GuardOperation } from './description';
import { dropDuplicates } from './dropDuplicates';
import { errorItem } from '../errorItems';
import { trackChanges } from './trackChanges';

export class GameballDeliveryGuard implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gameball Delivery Guard',
		name: 'gameballDeliveryGuard',
		icon: { light: 'file:gameball.svg', dark: 'file:gameball.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "trackChanges" ? "Track tier and points changes" : "Drop duplicate deliveries"}}',
		description: 'Drop retried Gameball deliveries durably (for n8n queue mode), and track tier and points changes on a single n8n instance',
		defaults: { name: 'Gameball Delivery Guard' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: guardProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as GuardOperation;
		try {
			return operation === 'trackChanges' ? await trackChanges.call(this) : await dropDuplicates.call(this);
		} catch (error) {
			// Item errors never get here under continueOnFail; this is the lock or the database: every item fails.
			if (this.continueOnFail()) {
				return [this.getInputData().map((_, itemIndex) => errorItem(this, error, itemIndex))];
			}
			// NodeOperationError returns an error that already is one unchanged.
			throw new NodeOperationError(this.getNode(), error as Error);
		}
	}
}
