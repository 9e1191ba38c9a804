import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pointsChangedItem, stepProfile, tierChangedItem } from '../GameballTrigger/changes';
import { customerKey, recallCustomer, rememberCustomer } from '../GameballTrigger/memory';
import { answersDeliveriesOf } from '../GameballTrigger/webhookProcess';
import { GUARD_DEFAULTS, guardProperties } from './description';
import { checkStoredState, settleStoredState, SHARED_STATE_MESSAGE, sharedStateMarker, warnTrackState } from './lostState';
import { isDerivedEvent, isProfileUpdate, readProfileUpdate } from './profiles';
import { errorItem } from '../errorItems';
import { readChoices } from '../parameters';
import { nodeKey } from '../nodeKey';
import { nodeStaticData } from '../staticData';
import { readOptions } from './settings';
import { handOver, isFirstRunInProcess, snapshotsForRun, stampWriter, writtenByAnotherProcess } from './sharedMemory';

interface TrackSettings {
	tierChanged: boolean;
	pointsChanged: boolean;
	keepInput: boolean;
	customerMemorySize: number;
	/** False when the snapshots cannot be trusted (written by another process at the same time): only remembered. */
	derive: boolean;
}

const eventsProperty = guardProperties.find((property) => property.name === 'events') as INodeProperties;

function readTrackSettings(context: IExecuteFunctions, derive: boolean): TrackSettings {
	const events = readChoices(context, eventsProperty, context.getNodeParameter('events', 0, []), 0) as string[];
	const options = readOptions(context);
	// None selected means both, as the trigger's Events: a Track that derives nothing would be no use.
	const wants = (event: string) => events.length === 0 || events.includes(event);
	return {
		tierChanged: wants('tierChanged'),
		pointsChanged: wants('pointsChanged'),
		keepInput: options.keepInput !== false,
		customerMemorySize: (options.customerMemorySize as number | undefined) ?? GUARD_DEFAULTS.customerMemorySize,
		derive,
	};
}

/**
 * The output items of one input item, the input's own first when it is kept; updates the customer's snapshot in
 * `memory`, and says whether it did.
 */
function track(item: IDataObject, settings: TrackSettings, memory: IDataObject): { items: IDataObject[]; remembered: boolean } {
	if (isDerivedEvent(item)) return { items: [], remembered: false };
	const update = readProfileUpdate(item);
	if (!update) return { items: settings.keepInput ? [item] : [], remembered: false };

	const { envelope, snapshot: current } = update;
	const key = customerKey(envelope.clientId, envelope.customerId, envelope.gbCustomerId);
	const step = stepProfile(key === undefined ? undefined : recallCustomer(memory, key), current);
	const remembered = key !== undefined && step.remember !== undefined;
	if (remembered) rememberCustomer(memory, key, step.remember!, settings.customerMemorySize);

	const output: IDataObject[] = [];
	const changes = settings.derive ? (step.changes as IDataObject | null) : null;
	if (settings.keepInput) {
		// A body without a delivery ID takes its derived items' (so Loyalty to CRM reads them as one event).
		const deliveryId = item.deliveryId === undefined ? { deliveryId: envelope.deliveryId } : {};
		output.push(update.simplified ? { ...item, changes, outOfOrder: step.outOfOrder } : { ...item, ...deliveryId, outOfOrder: step.outOfOrder });
	}
	const previous = settings.derive ? step.compareWith : undefined;
	if (!previous) return { items: output, remembered };
	const tier = settings.tierChanged ? tierChangedItem(envelope, previous, current) : undefined;
	if (tier) output.push(tier as unknown as IDataObject);
	const points = settings.pointsChanged ? pointsChangedItem(envelope, previous, current) : undefined;
	if (points) output.push(points as unknown as IDataObject);
	return { items: output, remembered };
}

/** The run got the trigger's derived items, which it drops, and no profile update to derive its own from. */
function onlyDerivedItems(items: INodeExecutionData[]): boolean {
	const derived = items.some(({ json }) => isDerivedEvent(json));
	return derived && !items.some(({ json }) => isProfileUpdate(json));
}

export const ONLY_DERIVED_MESSAGE =
	"Track Tier and Points Changes got the Gameball Trigger's tier or points items but no Profile Updated item: it drops the trigger's own and derives them from profile updates. Select \"Profile Updated\" in the trigger's Events (a Filter after this node can keep only the tier and points items).";

/**
 * Derives tier and points changes from each customer's previous profile update, remembered in this node's
 * workflow static data, which n8n saves in its database after each execution, and shared by the runs of one
 * process (sharedMemory.ts; a manual run works on its own copy, which n8n never saves). Warns when that state was
 * lost (n8n 2.x queue mode: see lostState.ts; in a process that answers the workflow's Gameball deliveries,
 * webhookProcess.ts, only its first run checks), and derives nothing once another process writes it too.
 */
export async function trackChanges(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const staticData = nodeStaticData(this);
	const manual = this.getMode() === 'manual';
	const workflowId = this.getWorkflow().id;
	const key = nodeKey(workflowId, this.getNode().id);
	// Regular mode: after this process's first run, nothing loaded means an earlier run is not saved yet, not a loss.
	// The first run still checks: a restart finds out whether n8n kept the snapshots.
	const deliveredHere = !manual && answersDeliveriesOf(workflowId);
	const firstInProcess = !manual && isFirstRunInProcess(key);
	const stateCheck = deliveredHere && !firstInProcess ? 'unchecked' : await checkStoredState(this, staticData);
	// Settled whatever happens next: a marker left by a run that failed on its settings would warn of a loss.
	try {
		if (stateCheck === 'lost') warnTrackState(this);
		const sharedWithAnotherProcess = !manual && (await writtenByAnotherProcess(key, staticData, sharedStateMarker(this), deliveredHere));
		if (sharedWithAnotherProcess) warnTrackState(this, SHARED_STATE_MESSAGE);
		const settings = readTrackSettings(this, !sharedWithAnotherProcess);
		const memory = manual
			? staticData
			: snapshotsForRun(key, staticData, { shared: sharedWithAnotherProcess, deliveredHere }, settings.customerMemorySize);
		const output: INodeExecutionData[] = [];
		let remembered = false;
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const { json: input, binary } = items[itemIndex];
				const tracked = track(input, settings, memory);
				remembered ||= tracked.remembered;
				tracked.items.forEach((json, position) => {
					// The input's own item keeps its binary data; a derived event has none.
					const keepsBinary = binary !== undefined && settings.keepInput && position === 0;
					output.push({ json, pairedItem: { item: itemIndex }, ...(keepsBinary ? { binary } : {}) });
				});
			} catch (error) {
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				output.push(errorItem(this, error, itemIndex));
			}
		}
		if (onlyDerivedItems(items)) warnTrackState(this, ONLY_DERIVED_MESSAGE);
		if (remembered && !manual) stampWriter(memory);
		// This run's copy (if it stored a profile) and the recent ones that did get the latest tables for n8n to save.
		if (!manual) handOver(key, staticData, memory, settings.customerMemorySize, remembered);
		return [output];
	} finally {
		await settleStoredState(this, staticData, stateCheck);
	}
}
