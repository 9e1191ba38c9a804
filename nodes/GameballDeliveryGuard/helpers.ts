import type { DeduplicationHelperFunctions, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The part of n8n's database-backed deduplication helper (the one behind Remove Duplicates v2) the guard uses. */
export type DeduplicationHelpers = Pick<
	DeduplicationHelperFunctions,
	'checkProcessedAndRecord' | 'clearAllProcessedItems'
>;

/**
 * n8n's deduplication helpers, or a clear error on an n8n without them (they came with Remove Duplicates v2;
 * n8n 1.123 and 2.40 both have them).
 */
export function deduplicationHelpers(context: IExecuteFunctions): DeduplicationHelpers {
	const helpers = context.helpers as Partial<DeduplicationHelperFunctions> | undefined;
	if (typeof helpers?.checkProcessedAndRecord !== 'function' || typeof helpers.clearAllProcessedItems !== 'function') {
		throw new NodeOperationError(
			context.getNode(),
			'This n8n has no deduplication helpers (checkProcessedAndRecord), so deliveries cannot be checked in its database',
			{ description: 'Update n8n: the helpers come with the Remove Duplicates node version 2 (n8n 1.x and 2.x).' },
		);
	}
	return {
		checkProcessedAndRecord: helpers.checkProcessedAndRecord.bind(helpers),
		clearAllProcessedItems: helpers.clearAllProcessedItems.bind(helpers),
	};
}
