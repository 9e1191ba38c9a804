import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, WorkflowExecuteMode } from 'n8n-workflow';

import { runNode, WebhookHarness } from '../harness/run';

export const GUARD = 'gameballDeliveryGuard';

/** Runs Drop Duplicate Deliveries once through n8n-core. */
export function drop(items: IDataObject[], parameters: INodeParameters = {}, continueOnFail = false) {
	return runNode({ type: GUARD, parameters: { operation: 'dropDuplicates', ...parameters }, continueOnFail }, items);
}

export function keptJson(outputs: INodeExecutionData[][]): IDataObject[] {
	return (outputs[0] ?? []).map((item) => item.json);
}

/**
 * A Track Tier and Points Changes node inside one persistent workflow, so that its static data carries over
 * from run to run as n8n saves it between executions.
 */
export function newTracker(parameters: INodeParameters = {}, continueOnFail = false) {
	const guard = new WebhookHarness({ type: GUARD, parameters: { operation: 'trackChanges', ...parameters }, continueOnFail });
	return {
		guard,
		run: (items: IDataObject[], mode: WorkflowExecuteMode = 'webhook') => guard.execute([items.map((json) => ({ json }))], mode),
	};
}

type Harness = typeof import('../harness/run');
export type ProcessedDataRows = (typeof import('../harness/deduplication'))['deduplicator']['rows'];

/**
 * A new "n8n process": its own module registry, so its own in-process memory and process ID. With `rows`, every
 * process started with them shares one processed_data table. With `answers`, the process has answered a Gameball
 * delivery of that workflow, as one n8n instance does (regular mode), not a queue-mode worker.
 */
export function startProcess(rows?: ProcessedDataRows, answers?: string): Harness {
	let harness: Harness | undefined;
	jest.isolateModules(() => {
		harness = require('../harness/run') as Harness;
		if (answers) (require('../../nodes/GameballTrigger/webhookProcess') as typeof import('../../nodes/GameballTrigger/webhookProcess')).noteDeliveryAnswered(answers);
		if (!rows) return;
		const { deduplicator } = require('../harness/deduplication') as typeof import('../harness/deduplication');
		Object.assign(deduplicator, { rows });
	});
	return harness!;
}

export interface TrackContextOptions {
	workflowId: string;
	/** The node's static data, as the run loaded it. */
	staticData: IDataObject;
	nodeId?: string;
	mode?: WorkflowExecuteMode;
	/** n8n's processed_data helpers; none by default. */
	helpers?: Partial<IExecuteFunctions['helpers']>;
	warnings?: string[];
}

/**
 * A bare `IExecuteFunctions` for Track Tier and Points Changes with one input item (both events, default options),
 * for tests that must step between its awaits, which a run through n8n-core does not allow.
 */
export function trackContext(item: IDataObject, options: TrackContextOptions): IExecuteFunctions {
	const { workflowId, staticData, nodeId = 'track-node', mode = 'webhook', helpers = {}, warnings } = options;
	return {
		getInputData: () => [{ json: item }],
		getNodeParameter: (name: string, _index: number, fallback: unknown) => (name === 'events' ? ['tierChanged', 'pointsChanged'] : name === 'options' ? {} : fallback),
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: workflowId }),
		getNode: () => ({ id: nodeId, name: 'Track' }),
		getMode: () => mode,
		helpers,
		logger: { warn: (message: string) => warnings?.push(message), debug: () => undefined },
		continueOnFail: () => false,
	} as unknown as IExecuteFunctions;
}
