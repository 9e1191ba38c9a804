// R5 in-process: everything the suites' kinds of runs put out (answers, items, node errors with every property
// n8n could store, and every n8n log line) holds neither the API key nor the secret key, nor a wrong key a user
// typed. Runs: the hostile corpus and valid deliveries through the trigger (and their executions), and the Gameball
// node succeeding, failing per item, failing on auth, under faults, and with the service down.
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';
import { WebhookHarness } from '../harness/run';
import { hostileCorpus, validDeliveries } from './corpus';

const WRONG_SECRET = 'r5-wrong-secret-3e9f';
const WRONG_API_KEY = 'r5-wrong-api-key-51c0';

/** Every property of a value, followed through errors' own and inherited fields, cycles cut. */
function everything(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, function (_key, current: unknown) {
		if (current instanceof Error) {
			const fields: Record<string, unknown> = {};
			for (const name of Object.getOwnPropertyNames(current)) fields[name] = (current as unknown as Record<string, unknown>)[name];
			for (const name of ['message', 'description', 'context', 'cause', 'httpCode', 'stack', 'messages', 'errorResponse']) {
				fields[name] ??= (current as unknown as Record<string, unknown>)[name];
			}
			return fields;
		}
		if (typeof current === 'object' && current !== null) {
			if (seen.has(current)) return '[cycle]';
			seen.add(current);
		}
		if (typeof current === 'bigint') return String(current);
		return current;
	});
}

describe('R5: no key in any output, error or log line', () => {
	const logged: unknown[] = [];
	const outputs: string[] = [];
	let original: Logger;
	let sim: Simulator;
	let credentials: GameballCredentials;

	beforeAll(async () => {
		original = Container.get(Logger);
		const record = (...args: unknown[]) => {
			logged.push(args);
		};
		const recorder = { error: record, warn: record, info: record, debug: record, scoped: () => recorder };
		Container.set(Logger, recorder as unknown as Logger);
		({ sim, credentials } = await simulatorFor({ rateLimits: true }));
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'r5-customer' });
	});
	afterAll(async () => {
		Container.set(Logger, original);
		await sim.stop();
	});

	const keys = () => ({ apiKey: sim.apiKey, secretKey: sim.secretKey, wrongSecret: WRONG_SECRET, wrongApiKey: WRONG_API_KEY });

	it('the trigger: hostile and valid deliveries, answers, items and executions', async () => {
		const trigger = new WebhookHarness({
			type: 'gameballTrigger',
			parameters: { source: 'v4', events: [], verifySignature: true, simplify: false, options: {} },
			credentials: { gameballApi: { ...credentials.gameballApi } },
		});
		for (const delivery of [...hostileCorpus(sim.secretKey, 'r5'), ...validDeliveries(sim.secretKey, 'r5', 6)]) {
			const result = await trigger.deliver({ method: delivery.method, headers: delivery.headers, rawBody: delivery.body });
			outputs.push(everything([result.status, result.sent, result.response, result.emitted]));
			if (result.emitted) outputs.push(everything(await trigger.execute(result.emitted)));
		}
		outputs.push(everything(trigger.staticData));
		expect(outputs.length).toBeGreaterThan(200);
	});

	// Each run's own outcome (its first item, or the error that stopped it), so each adds what it should to the scan.
	const runs: Array<[string, Partial<Record<'apiKey' | 'secretKey' | 'baseUrl', string>>, INodeParameters, boolean, RegExp]> = [
		['a success', {}, { resource: 'customer', operation: 'getBalance', customerId: 'r5-customer' }, false, /"availablePointsBalance":/],
		['a 7000 per item', {}, { resource: 'customer', operation: 'get', customerId: 'r5-nobody' }, true, /"error":"7000: /],
		['a 7000 that stops the node', {}, { resource: 'customer', operation: 'get', customerId: 'r5-nobody' }, false, /^7000: /],
		['a wrong secret key (1001)', { secretKey: WRONG_SECRET }, { resource: 'transaction', operation: 'cashback', customerId: 'r5-customer', transactionId: 'r5-t', amount: 1 }, false, /^1001: /],
		['a wrong API key', { apiKey: WRONG_API_KEY }, { resource: 'customer', operation: 'get', customerId: 'r5-customer' }, false, /^1001: /],
		['a wrong API key, per item', { apiKey: WRONG_API_KEY }, { resource: 'customer', operation: 'get', customerId: 'r5-customer' }, true, /"error":"1001: /],
		['the service down', { baseUrl: 'http://127.0.0.1:9' }, { resource: 'customer', operation: 'get', customerId: 'r5-customer' }, false, /ECONNREFUSED|refused/i],
	];

	it.each(runs)('the Gameball node: %s', async (_label, overrides, parameters, continueOnFail, outcome) => {
		const result = await runGameball({ gameballApi: { ...credentials.gameballApi, ...overrides } }, parameters, [{}], continueOnFail);
		outputs.push(everything({ outputs: result.outputs, error: result.error, runError: result.run.data.resultData.error }));
		expect(result.error?.message ?? JSON.stringify(result.outputs[0]?.[0]?.json)).toMatch(outcome);
	}, 60_000);

	it('the Gameball node under faults, per item and stopping', async () => {
		sim.setFaults({ errorRate5xx: 0.3, resetRate: 0.2, malformedRate: 0.2, applyBeforeFault: true, seed: 99 });
		try {
			for (const continueOnFail of [true, false]) {
				const result = await runGameball(
					credentials,
					{ resource: 'transaction', operation: 'hold', customerId: 'r5-customer', additionalFields: { pointsToHold: 1 } },
					[{}, {}, {}, {}],
					continueOnFail,
				);
				outputs.push(everything({ outputs: result.outputs, error: result.error, runError: result.run.data.resultData.error }));
				// Every item ends as a result or an error item, or the run ends with an error: something to scan.
				if (continueOnFail) expect(result.outputs[0]).toHaveLength(4);
				else expect(result.outputs.flat().length + (result.error ? 1 : 0)).toBeGreaterThan(0);
			}
		} finally {
			sim.setFaults(undefined);
		}
	}, 60_000);

	it('the scan sees inside errors: a key in an error\'s cause would be found', () => {
		const error = Object.assign(new Error('request failed', { cause: { headers: { SecretKey: 'planted-key-1' } } }), { context: { request: 'planted-key-2' } });
		const text = everything({ error });
		expect(text).toContain('planted-key-1');
		expect(text).toContain('planted-key-2');
	});

	it('finds neither key, nor a wrong key, anywhere', () => {
		const places = { outputs: outputs.join('\n'), 'n8n log lines': everything(logged) };
		const hits = Object.entries(places).flatMap(([where, text]) =>
			Object.entries(keys())
				.filter(([, key]) => text.includes(key))
				.map(([name]) => `${name} in ${where}`),
		);
		expect(places.outputs.length).toBeGreaterThan(10_000);
		// The errors were captured: the refused deliveries' reasons and the Gameball errors are in the text.
		expect(places.outputs).toContain('signature-mismatch');
		expect(places.outputs).toContain('7000');
		expect(hits).toEqual([]);
	});
});
