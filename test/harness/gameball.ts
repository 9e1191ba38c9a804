import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Simulator, SimulatorOptions } from '../../simulator';
import { startSimulator } from '../../simulator';
import { runNode } from './run';

/** A simulator for one test file, with the Gameball credentials that point at it. */
export async function simulatorFor(options: SimulatorOptions = {}) {
	const sim: Simulator = await startSimulator(options);
	const credentials = {
		gameballApi: { apiKey: sim.apiKey, secretKey: sim.secretKey, apiVersion: 'v4.0', baseUrl: sim.url },
	};
	return { sim, credentials };
}

export type GameballCredentials = Awaited<ReturnType<typeof simulatorFor>>['credentials'];

/** Runs the Gameball node once, for real, with these parameters over these input items. */
export async function runGameball(
	credentials: GameballCredentials,
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	continueOnFail = false,
) {
	return await runNode({ type: 'gameball', parameters, credentials, continueOnFail }, items);
}

/**
 * Runs `run` with the simulator applying the next call and then answering it with `fault` (a 5xx or a reset); the
 * faults end as soon as one is served, so the node's retry meets the simulator's real state.
 */
export async function withFirstCallAppliedThenLost<T>(sim: Simulator, fault: 'error5xx' | 'reset', run: () => Promise<T>): Promise<T> {
	sim.setFaults({ [fault === 'reset' ? 'resetRate' : 'errorRate5xx']: 1, applyBeforeFault: true, applyBeforeFaultRate: 1 });
	const before = sim.requests.length;
	const watch = setInterval(() => {
		if (sim.requests.slice(before).some((request) => request.fault !== undefined)) {
			sim.setFaults(undefined);
			clearInterval(watch);
		}
	}, 5);
	try {
		return await run();
	} finally {
		clearInterval(watch);
	}
}
