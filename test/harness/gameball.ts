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
