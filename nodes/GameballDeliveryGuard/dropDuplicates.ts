import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { GUARD_DEFAULTS } from './description';
import { deduplicationHelpers } from './helpers';
import { withLock } from './lock';
import { errorItem } from '../errorItems';
import { readOptions } from './settings';

/** The deduplication history lives in the workflow's context of n8n's processed_data table. */
const HISTORY_SCOPE = 'workflow';

const ID_ADVICE =
	'Gameball Trigger items carry deliveryId ({{ $json.deliveryId }}). For items from elsewhere, set "Delivery ID" to an expression that gives a text that is the same for every retry of one delivery.';

/**
 * The item's delivery ID. Refused: none; a number that is none (`NaN`, as `Number()` of a missing field gives); a
 * list, an object or a boolean; and fixed text, or an expression left as text (the field in Fixed mode), which
 * would be every item's ID and drop every later delivery.
 */
function readDeliveryId(context: IExecuteFunctions, itemIndex: number): string {
	const value: unknown = context.getNodeParameter('deliveryId', itemIndex, '');
	const refuse = (message: string) => new NodeOperationError(context.getNode(), message, { itemIndex, description: ID_ADVICE });
	if (typeof value === 'number' && !Number.isFinite(value)) throw refuse(`The item's delivery ID is ${String(value)}, not an ID`);
	if (value !== null && typeof value === 'object') throw refuse(`The item's delivery ID is ${Array.isArray(value) ? 'a list' : 'an object'}, not a text`);
	if (typeof value === 'boolean') throw refuse(`The item's delivery ID is ${String(value)}, not a text`);
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (id === '') throw refuse('The item has no delivery ID');
	if (id.includes('{{')) throw refuse(`The delivery ID "${id}" is an expression left as text: switch the field to Expression`);
	const raw = context.getNode().parameters.deliveryId;
	if (typeof raw === 'string' && !raw.startsWith('=')) {
		throw refuse('"Delivery ID" is fixed text: every delivery would share it, and all but the first would be dropped');
	}
	return id;
}

/**
 * Keeps the items whose delivery ID was never recorded for this workflow, and records them, in one locked
 * check. Items sharing an ID in one run are kept (or dropped) together, in input order.
 */
export async function dropDuplicates(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const idOf: Array<string | undefined> = [];
	const failed = new Map<number, INodeExecutionData>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			idOf.push(readDeliveryId(this, itemIndex));
		} catch (error) {
			if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			idOf.push(undefined);
			failed.set(itemIndex, errorItem(this, error, itemIndex));
		}
	}
	const ids = [...new Set(idOf.filter((id): id is string => id !== undefined))];
	if (ids.length === 0) return [[...failed.values()]];

	const helpers = deduplicationHelpers(this);
	const options = readOptions(this);
	const historySize = (options.historySize as number | undefined) ?? GUARD_DEFAULTS.historySize;
	const timeoutSeconds = (options.lockTimeoutSeconds as number | undefined) ?? GUARD_DEFAULTS.lockTimeoutSeconds;
	// Below the minimum (even 0 or less) is raised to it, as the option says, not refused.
	const timeoutMs = Math.max(GUARD_DEFAULTS.minLockTimeoutSeconds, timeoutSeconds) * 1000;
	const stopped = () => this.getExecutionCancelSignal()?.aborted === true;
	const answer = await withLock(helpers, { timeoutMs, logger: this.logger, stopped }, async () =>
		helpers.checkProcessedAndRecord(ids, HISTORY_SCOPE, { mode: 'entries', maxEntries: historySize }),
	);

	const kept = new Set(answer.new.map(String));
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const failure = failed.get(itemIndex);
		if (failure) {
			output.push(failure);
			continue;
		}
		const id = idOf[itemIndex];
		if (id !== undefined && kept.has(id)) output.push({ ...items[itemIndex], pairedItem: { item: itemIndex } });
	}
	this.logger.debug('Gameball Delivery Guard dropped duplicate deliveries', {
		kept: answer.new.length,
		dropped: answer.processed.length,
	});
	return [output];
}
