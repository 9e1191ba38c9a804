import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deduplicationHelpers } from '../../nodes/GameballDeliveryGuard/helpers';

const node = { name: 'Gameball Delivery Guard' } as INode;

describe('an n8n without deduplication helpers', () => {
	it('gets a clear NodeOperationError, not a crash', () => {
		const context = { helpers: {}, getNode: () => node } as unknown as IExecuteFunctions;
		expect(() => deduplicationHelpers(context)).toThrow(NodeOperationError);
		expect(() => deduplicationHelpers(context)).toThrow(/no deduplication helpers \(checkProcessedAndRecord\)/);
	});
});
