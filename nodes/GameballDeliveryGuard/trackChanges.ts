import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pointsChangedItem, stepProfile, tierChangedItem } from '../GameballTrigger/changes';
import { customerKey, recallCustomer, rememberCustomer, replaceContents } from '../GameballTrigger/memory';
import { GUARD_DEFAULTS } from './description';
import { checkStoredState, settleStoredState, warnLostState } from './lostState';
import { DERIVED_EVENTS, readProfileUpdate } from './profiles';
import { failedItem, positiveNumber, readOptions } from './settings';
import { sharedSnapshots } from './sharedMemory';

interface TrackSettings {
	tierChanged: boolean;
	pointsChanged: boolean;
	keepInput: boolean;
	customerMemorySize: number;
}

function readTrackSettings(context: IExecuteFunctions): TrackSettings {
	const events = context.getNodeParameter('events', 0, []) as string[];
	const options = readOptions(context);
	return {
		tierChanged: events.includes('tierChanged'),
		pointsChanged: events.includes('pointsChanged'),
		keepInput: options.keepInput !== false,
		customerMemorySize: positiveNumber(options.customerMemorySize, GUARD_DEFAULTS.customerMemorySize),
	};
}

/** The output items of one input item; updates the customer's snapshot in `memory`. */
function track(item: IDataObject, settings: TrackSettings, memory: IDataObject): IDataObject[] {
	if (DERIVED_EVENTS.includes(String(item.event))) return [];
	const update = readProfileUpdate(item);
	if (!update) return settings.keepInput ? [item] : [];

	const { envelope, snapshot: current } = update;
	const key = customerKey(envelope.clientId, envelope.customerId, envelope.gbCustomerId);
	const step = stepProfile(key === undefined ? undefined : recallCustomer(memory, key), current);
	if (key !== undefined && step.remember) rememberCustomer(memory, key, step.remember, settings.customerMemorySize);

	const output: IDataObject[] = [];
	if (settings.keepInput) {
		output.push(update.simplified ? { ...item, changes: step.changes as IDataObject | null, outOfOrder: step.outOfOrder } : item);
	}
	const previous = step.compareWith;
	if (!previous) return output;
	const tier = settings.tierChanged ? tierChangedItem(envelope, previous, current) : undefined;
	if (tier) output.push(tier as unknown as IDataObject);
	const points = settings.pointsChanged ? pointsChangedItem(envelope, previous, current) : undefined;
	if (points) output.push(points as unknown as IDataObject);
	return output;
}

/**
 * Derives tier and points changes from each customer's previous profile update, remembered in this node's
 * workflow static data, which n8n saves in its database after each execution, and shared by the runs of one
 * process (sharedMemory.ts; a manual run works on its own copy, which n8n never saves). Warns when that state was
 * lost (n8n queue mode: see lostState.ts).
 */
export async function trackChanges(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const settings = readTrackSettings(this);
	const staticData = this.getWorkflowStaticData('node');
	const stateCheck = await checkStoredState(this, staticData);
	if (stateCheck === 'lost') warnLostState(this);
	const memory = this.getMode() === 'manual' ? staticData : sharedSnapshots(`${this.getWorkflow().id}:${this.getNode().id}`, staticData);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			for (const json of track(items[itemIndex].json, settings, memory)) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			output.push(failedItem(error, itemIndex));
		}
	}
	// This run's copy gets the latest tables, for n8n to save.
	if (memory !== staticData) replaceContents(staticData, memory);
	await settleStoredState(this, staticData, stateCheck);
	return [output];
}
