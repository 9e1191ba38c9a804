// Answers the simulator does not give: text and HTML bodies on error statuses, and a port nobody listens on.
// A scripted server plays one answer per request, so each test says exactly what Gameball (or a proxy) sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runGameball } from '../harness/gameball';

interface Answer {
	status: number;
	body: string;
	headers?: Record<string, string>;
}

let server: Server;
let script: Answer[] = [];
let received: string[] = [];
let receivedAt: number[] = [];

beforeAll(async () => {
	server = createServer((request, response) => {
		received.push(`${request.method} ${request.url}`);
		receivedAt.push(Date.now());
		request.resume();
		request.on('end', () => {
			const answer = script.shift() ?? { status: 500, body: 'script ran out' };
			response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
			response.end(answer.body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
beforeEach(() => {
	script = [];
	received = [];
	receivedAt = [];
});
afterAll(async () => await new Promise((resolve) => server.close(resolve)));

const credentialsAt = (baseUrl: string) => ({
	gameballApi: { apiKey: 'scripted-api-key', secretKey: 'scripted-secret-key', apiVersion: 'v4.0', baseUrl },
});
const scripted = () => credentialsAt(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
const sendEvent = { resource: 'event', operation: 'send', customerId: 'c1', eventName: 'visit', metadata: '{}', batching: { mode: 'never' } };

describe('error statuses with a body that is not JSON', () => {
	it('waits out a 429 with a text body and Retry-After, then sends an event (which moves points) again', async () => {
		script = [
			{ status: 429, body: 'Too Many Requests', headers: { 'retry-after': '1' } },
			{ status: 200, body: '{}', headers: { 'content-type': 'application/json' } },
		];
		const { outputs, error } = await runGameball(scripted(), sendEvent);
		expect(error).toBeUndefined();
		expect(received).toHaveLength(2);
		expect(outputs[0][0].json).toEqual({ success: true });
	});

	it("waits out a 503's Retry-After before reading again (the back-off without it is under a second)", async () => {
		script = [
			{ status: 503, body: 'Service Unavailable', headers: { 'retry-after': '2' } },
			{ status: 200, body: '{"customerId":"c1"}', headers: { 'content-type': 'application/json' } },
		];
		const { outputs, error } = await runGameball(scripted(), { resource: 'customer', operation: 'get', customerId: 'c1' });
		expect(error).toBeUndefined();
		expect(received).toHaveLength(2);
		expect(receivedAt[1] - receivedAt[0]).toBeGreaterThanOrEqual(1900);
		expect(outputs[0][0].json).toMatchObject({ customerId: 'c1' });
	});

	it('gives an empty answer no invented field: a list of none gives no item, a read an empty one, a write success', async () => {
		const empty = { status: 200, body: '{}', headers: { 'content-type': 'application/json' } };
		script = [empty, empty];
		const coupons = await runGameball(scripted(), { resource: 'customer', operation: 'getCoupons', customerId: 'c1' });
		expect(coupons.error).toBeUndefined();
		expect(coupons.outputs[0] ?? []).toEqual([]);
		const balance = await runGameball(scripted(), { resource: 'customer', operation: 'getBalance', customerId: 'c1' });
		expect(balance.outputs[0].map((item) => item.json)).toEqual([{}]);
		expect(received).toHaveLength(2);
	});

	it("heads the error with the message of the documented `{ error, message }` body (Manual Adjustment's 400)", async () => {
		script = [{ status: 400, body: JSON.stringify({ error: 400, message: 'A rewarding criteria is required' }), headers: { 'content-type': 'application/json' } }];
		const { outputs } = await runGameball(scripted(), { resource: 'customer', operation: 'get', customerId: 'c1' }, [{}], true);
		expect(outputs[0][0].json).toMatchObject({ error: 'Gameball answered 400: A rewarding criteria is required', httpCode: '400' });
		expect(outputs[0][0].json.description).toBe('A rewarding criteria is required');
	});

	it('keeps the HTTP status of an HTML 404 and does not call it malformed JSON', async () => {
		script = [{ status: 404, body: '<html><body>Not Found</body></html>', headers: { 'content-type': 'text/html' } }];
		const { outputs } = await runGameball(scripted(), { resource: 'customer', operation: 'get', customerId: 'c1' }, [{}], true);
		expect(received).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({ error: 'Gameball answered 404: HTTP 404', httpCode: '404' });
		expect(JSON.stringify(outputs[0][0].json)).not.toMatch(/malformed|not valid JSON/i);
	});

	it('treats an HTML 502 on a money-moving call as possibly applied, with its status kept', async () => {
		script = [{ status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } }];
		const { outputs } = await runGameball(scripted(), sendEvent, [{}], true);
		expect(received).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({ httpCode: '502', description: expect.stringContaining('may or may not have been applied') });
	});

	it('still calls a 200 whose body is not JSON malformed, and possibly applied when it moves points', async () => {
		script = [{ status: 200, body: '{"truncated', headers: { 'content-type': 'application/json' } }];
		const { outputs } = await runGameball(scripted(), sendEvent, [{}], true);
		expect(received).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({
			error: expect.stringContaining('not valid JSON'),
			description: expect.stringContaining('may or may not have been applied'),
		});
	});
});

describe('advice for the errors users meet most', () => {
	const getCustomer = { resource: 'customer', operation: 'get', customerId: 'c1' };

	it.each([
		[401, ''],
		[403, '<html>Forbidden</html>'],
	])('a %i without a Gameball code points at the credential and its Base URL', async (status, body) => {
		script = [{ status, body, headers: { 'content-type': 'text/html' } }];
		const { outputs } = await runGameball(scripted(), getCustomer, [{}], true);
		expect(outputs[0][0].json).toMatchObject({ error: `Gameball answered ${status}: HTTP ${status}` });
		expect(outputs[0][0].json.description).toContain('check the API Key, Secret Key and Base URL in the Gameball credential');
	});

	it('a 7000 says to check the Customer ID or create the customer first, after Gameball\'s own message', async () => {
		script = [{ status: 404, body: JSON.stringify({ code: 7000, message: 'Customer not found', requestId: 'r7' }), headers: { 'content-type': 'application/json' } }];
		const { outputs } = await runGameball(scripted(), getCustomer, [{}], true);
		expect(outputs[0][0].json).toMatchObject({ error: '7000: customer not found' });
		expect(outputs[0][0].json.description).toBe(
			'Customer not found · Request ID: r7 · Check the Customer ID. Operations that only read or reward a customer do not create one: create it first with Customer > Create or Update.',
		);
	});
});

describe('a refused connection', () => {
	it('is retried even for a call that moves points, and is never called possibly applied', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise((resolve) => closed.close(resolve));
		const { outputs } = await runGameball(credentialsAt(`http://127.0.0.1:${port}`), sendEvent, [{}], true);
		const [item] = outputs[0];
		expect(item.json.error).toBe('Could not reach Gameball after 5 attempt(s): ECONNREFUSED');
		expect(JSON.stringify(item.json)).not.toContain('may or may not have been applied');
	}, 20_000);
});

describe('a host name that does not resolve', () => {
	// `.invalid` never resolves (RFC 2606): the lookup fails before anything is sent.
	const nowhere = credentialsAt('http://gameball-host.invalid');

	it('is retried for a call that moves points, is never called possibly applied, and points at the Base URL', async () => {
		const { outputs } = await runGameball(nowhere, sendEvent, [{}], true);
		const [item] = outputs[0];
		expect(item.json.error).toBe('Could not reach Gameball after 5 attempt(s): ENOTFOUND');
		expect(JSON.stringify(item.json)).not.toContain('may or may not have been applied');
		expect(item.json.description).toContain('check the Base URL in the Gameball credential');
	}, 30_000);
});

describe('batch jobs Gameball already has when the node stops', () => {
	const json = (status: number, body: object): Answer => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
	const cashback = {
		resource: 'transaction',
		operation: 'cashback',
		customerId: '={{ $json.id }}',
		transactionId: '=cb-{{ $json.id }}',
		amount: 10,
		batching: { mode: 'always', size: 2, pollSeconds: 0.1 },
	};
	const people = Array.from({ length: 4 }, (_, i) => ({ id: `p${i}` }));

	it('a job that cannot be created names the jobs created before it, so a re-run does not send their items again', async () => {
		script = [json(200, { batchId: 'job-1' }), json(400, { code: 3001, message: 'Invalid body' })];
		const { error } = await runGameball(scripted(), cashback, people);
		expect(received).toEqual(['POST /api/v4.0/integrations/batch/cashback', 'POST /api/v4.0/integrations/batch/cashback']);
		expect(error?.message).toMatch(/^3001/);
		expect(error?.description).toContain('Invalid body. Gameball already has the batch job job-1 (items 0-1) from this run');
	});

	it('a status read that fails names every job of the run', async () => {
		script = [json(200, { batchId: 'job-1' }), json(200, { batchId: 'job-2' }), json(404, { code: 4004, message: 'No such job' })];
		const { error } = await runGameball(scripted(), cashback, people);
		expect(received).toHaveLength(3);
		expect(error?.description).toContain('the batch jobs job-1 (items 0-1), job-2 (items 2-3)');
	});
});

describe('a success whose body has a `code` of its own', () => {
	it('takes a predefined coupon whose code is "2001" as created, not as Gameball\'s 2001 "busy" (no second coupon)', async () => {
		const coupon = { code: '2001', pin: '7', url: 'https://example.com/coupons/2001' };
		script = [{ status: 200, body: JSON.stringify(coupon), headers: { 'content-type': 'application/json' } }];
		const { outputs, error } = await runGameball(scripted(), { resource: 'coupon', operation: 'createPredefined', customerId: 'c1', ruleId: 1 });
		expect(error).toBeUndefined();
		expect(received).toEqual(['POST /api/v4.0/integrations/coupons/predefined']);
		expect(outputs[0][0].json).toEqual(coupon);
	});

	it('still retries a 409 whose error code is 2001', async () => {
		const json = { 'content-type': 'application/json' };
		script = [
			{ status: 409, body: JSON.stringify({ code: 2001, message: 'Concurrent request' }), headers: json },
			{ status: 200, body: '{}', headers: json },
		];
		const { error } = await runGameball(scripted(), sendEvent);
		expect(error).toBeUndefined();
		expect(received).toHaveLength(2);
	});
});

describe('the Base URL as pasted', () => {
	it('takes it with spaces and a trailing slash around it', async () => {
		script = [{ status: 200, body: '{}', headers: { 'content-type': 'application/json' } }];
		const port = (server.address() as AddressInfo).port;
		const { error } = await runGameball(credentialsAt(`  http://127.0.0.1:${port}/ `), sendEvent);
		expect(error).toBeUndefined();
		expect(received).toEqual(['POST /api/v4.0/integrations/events']);
	});
});

describe('redirects', () => {
	// The scripted server redirects to a second one, on another origin, which records what reaches it.
	let other: Server;
	let reachedOther: Array<{ method?: string; headers: Record<string, unknown> }> = [];
	beforeAll(async () => {
		other = createServer((request, response) => {
			reachedOther.push({ method: request.method, headers: request.headers });
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
	});
	beforeEach(() => (reachedOther = []));
	afterAll(async () => await new Promise((resolve) => other.close(resolve)));

	const cashback = {
		resource: 'transaction',
		operation: 'cashback',
		customerId: 'c1',
		amount: 10,
		transactionId: 'T1',
		transactionTime: '2026-01-01T00:00:00Z',
		batching: { mode: 'never' },
	};

	it.each([301, 302, 307, 308])('a %i is an error, not followed: the keys go nowhere else, and a POST is not read as a success', async (status) => {
		const location = `http://localhost:${(other.address() as AddressInfo).port}/api/v4.0/integrations/transactions/cashback`;
		script = [{ status, body: '', headers: { location } }];
		const { outputs } = await runGameball(scripted(), cashback, [{}], true);
		expect(received).toHaveLength(1);
		expect(reachedOther).toEqual([]);
		expect(outputs[0][0].json).toMatchObject({ error: `Gameball answered ${status}: a redirect, not followed`, httpCode: String(status) });
		expect(outputs[0][0].json.description).toContain('Check the Base URL in the Gameball credential');
		expect(JSON.stringify(outputs)).not.toMatch(/scripted-(api|secret)-key/);
	});

	it('a 304 (no body) is an error too, not a success', async () => {
		script = [{ status: 304, body: '' }];
		const { outputs } = await runGameball(scripted(), cashback, [{}], true);
		expect(outputs[0][0].json).toMatchObject({ error: 'Gameball answered 304: HTTP 304', httpCode: '304' });
	});
});
