// Hostile values reaching the Gameball node and Loyalty to CRM: a number field's regex, path parameters that are
// dot segments, event names that are Object.prototype members, and an error answer that echoes the keys.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';
import { FIRE_ALWAYS, OUTPUT, runLoyalty } from '../loyaltyToCrm/helpers';

let sim: Simulator;
let credentials: GameballCredentials;
beforeAll(async () => ({ sim, credentials } = await simulatorFor()));
afterAll(async () => await sim.stop());

describe('Gameball node', () => {
	// A guard against a hang, not a speed goal: 200,000 digits took minutes with the quadratic pattern, well under a
	// second since.
	it('refuses a long non-number in a number field without hanging', async () => {
		const started = Date.now();
		const { error } = await runGameball(
			credentials,
			{ resource: 'transaction', operation: 'cashback', customerId: 'c1', transactionId: 't1', amount: '={{ $json.amount }}' },
			[{ amount: `${'1'.repeat(200_000)}x` }],
		);
		expect(error?.message).toContain('must be a number');
		expect(Date.now() - started).toBeLessThan(10_000);
	}, 120_000);

	it.each([
		['tag ".."', { customerId: 'victim', tag: '..' }],
		['tag "."', { customerId: 'victim', tag: '.' }],
		['customer ".."', { customerId: '..', tag: 'vip' }],
	])('sends no Remove Tag whose path a dot segment would rewrite: %s', async (_name, parameters) => {
		const before = sim.requests.length;
		const { error } = await runGameball(credentials, { resource: 'customer', operation: 'removeTag', ...parameters } as INodeParameters);
		expect(error?.message).toMatch(/^"(Customer ID|Tag)" cannot be "\.\.?"$/);
		expect(sim.requests.length).toBe(before);
	});

	it.each([
		['v1.2..', 'v1.2..'],
		['%2e%2e', '%252e%252e'],
	])('still sends a tag with dots in it: %s', async (tag, sent) => {
		await runGameball(credentials, { resource: 'customer', operation: 'removeTag', customerId: 'victim', tag });
		expect(sim.requests[sim.requests.length - 1].path).toBe(`/api/v4.0/integrations/customers/victim/tags/${sent}`);
	});

	it('keeps no key from an error answer that echoes the request headers', async () => {
		const server = http.createServer((request, response) => {
			const { apikey, secretkey } = request.headers;
			response.writeHead(400, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ code: 1001, message: `Invalid key ${apikey} / ${secretkey}`, request: { headers: request.headers } }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const gameballApi = { apiKey: 'echo-api-key-7f3a', secretKey: 'echo-secret-91bc', apiVersion: 'v4.0', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
			for (const continueOnFail of [false, true]) {
				const result = await runGameball({ gameballApi }, { resource: 'customer', operation: 'get', customerId: 'c1' }, [{}], continueOnFail);
				const error = result.error as (Error & { description?: string; errorResponse?: unknown }) | undefined;
				const text = JSON.stringify([result.outputs, error?.message, error?.description, error?.errorResponse]);
				expect(text).toContain('1001');
				expect(text).not.toContain(gameballApi.apiKey);
				expect(text).not.toContain(gameballApi.secretKey);
			}
		} finally {
			server.close();
		}
	});
});

describe('Loyalty to CRM', () => {
	it.each([
		['a trigger item', { event: 'constructor', customerId: 'c1' }],
		['a trigger item', { event: 'toString', customerId: 'c1' }],
		['a raw Gameball body', { event: 'constructor', customer_id: 'c1', data: {} }],
		['a raw Gameball body', { event: 'hasOwnProperty', customer_id: 'c1', data: {} }],
		['an Open Loyalty body', { type: 'constructor', data: { customerId: 'c1' } }],
		['an Open Loyalty body', { type: '__proto__', data: { customerId: 'c1' } }],
	])('reads an event named after an Object member as any unknown event name: %s %j', async (_name, input) => {
		const named = await runLoyalty({ ...FIRE_ALWAYS }, [input], true);
		const unknown = await runLoyalty({ ...FIRE_ALWAYS }, [{ ...input, ...('event' in input ? { event: 'other' } : { type: 'other' }) }], true);
		const titles = (result: typeof named) => result.outputs[OUTPUT.logNote].map((item) => item.json.title);
		// Every output, error texts included: a name that reached a lookup it should not have differs somewhere.
		const everything = (result: typeof named) => JSON.stringify(result.outputs.map((items) => items.map((item) => item.json)));
		expect(titles(named)).not.toContainEqual(expect.stringContaining('undefined'));
		expect(titles(named)).toEqual(titles(unknown));
		const name = String('event' in input ? input.event : input.type);
		const asOther = (text: string) => text.replaceAll(name, 'other').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<now>');
		expect(asOther(everything(named))).toEqual(asOther(everything(unknown)));
	});
});
