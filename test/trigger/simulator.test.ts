// The simulator's own signed webhooks, sent over real HTTP, fed one by one into the trigger through n8n-core.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';

import { startSimulator, type Simulator } from '../../simulator';
import type { WebhookHarness, WebhookResult } from '../harness/run';
import { emittedJson, newTrigger, SECRET_KEY } from './fixtures';

interface Received {
	body: string;
	result: WebhookResult;
	answered: number;
}

/** A node:http receiver that hands each request to the trigger and answers with the trigger's status. */
async function startReceiver(trigger: WebhookHarness, answer: (received: Received, index: number) => number) {
	const received: Received[] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			const headers = Object.fromEntries(
				Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
			);
			trigger
				.deliver({ method: request.method, headers, rawBody })
				.then((result) => {
					const entry: Received = { body: rawBody.toString('utf8'), result, answered: result.status ?? 200 };
					entry.answered = answer(entry, received.length);
					received.push(entry);
					response.writeHead(entry.answered, { 'content-type': 'application/json' });
					response.end(JSON.stringify(result.sent ?? {}));
				})
				.catch((error: unknown) => {
					response.writeHead(500);
					response.end(String(error));
				});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		received,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
}

/** Waits until every delivery the simulator made has been answered and no retry is pending. */
async function settle(sim: Simulator, received: Received[]) {
	await until(
		() => received.length === sim.deliveries.length && sim.deliveries.every((d) => d.status !== undefined || d.error !== undefined),
		'the simulator\'s deliveries to be answered',
	);
	await sim.idle();
}

async function api(sim: Simulator, path: string, body: IDataObject) {
	const response = await fetch(`${sim.url}/api/v4.0/integrations${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', APIKey: sim.apiKey, SecretKey: sim.secretKey },
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
	return (await response.json()) as IDataObject;
}

describe('the simulator\'s webhooks into the Gameball Trigger', () => {
	let sim: Simulator;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	const trigger = newTrigger();
	/** The first delivery after this index is answered 503 once (as if n8n had been too slow), to provoke a retry. */
	let failNextAfter = Number.POSITIVE_INFINITY;

	beforeAll(async () => {
		receiver = await startReceiver(trigger, (entry, index) => {
			if (index >= failNextAfter) {
				failNextAfter = Number.POSITIVE_INFINITY;
				return 503;
			}
			return entry.answered;
		});
		// 5 simulated minutes become 3 ms, so Gameball's retries happen during the test.
		sim = await startSimulator({ webhookUrls: [receiver.url], secretKey: SECRET_KEY, timeScale: 0.00001, rateLimits: false, autoNotifications: false });
	});

	afterAll(async () => {
		await sim.stop();
		await receiver.stop();
	});

	it('verifies the simulator\'s signatures and derives tier and points changes from its profile updates', async () => {
		await api(sim, '/customers', { customerId: 'sim-1', email: 'sim-1@example.com', mobile: '+201000000001' });
		await settle(sim, receiver.received);
		const [signUp] = receiver.received;
		expect(signUp.answered).toBe(200);
		expect(emittedJson(signUp.result)).toEqual([expect.objectContaining({ event: 'customer.profile.updated', customerId: 'sim-1', changes: null })]);

		const before = emittedJson(signUp.result)[0];
		await api(sim, '/transactions/cashback', { customerId: 'sim-1', transactionId: 'order-1', amount: 750, transactionTime: new Date().toISOString() });
		await settle(sim, receiver.received);
		const items = emittedJson(receiver.received[1].result);
		const customer = sim.state.customers.get('sim-1');
		const profile = items.find((item) => item.event === 'customer.profile.updated') as IDataObject;
		expect(profile).toMatchObject({
			email: 'sim-1@example.com',
			activatedPoints: customer?.activatedPoints,
			pendingPoints: customer?.pendingPoints,
			totalPoints: (customer?.activatedPoints ?? 0) + (customer?.pendingPoints ?? 0),
		});
		const points = items.find((item) => item.event === 'gameball.points.changed');
		expect(points).toMatchObject({ previousTotalPoints: before.totalPoints, totalPointsDelta: (profile.totalPoints as number) - (before.totalPoints as number) });
		// 750 points take a new customer from the first tier past the second one (simulator default tiers).
		expect(profile.tierOrder).toBeGreaterThan(before.tierOrder as number);
		expect(items.find((item) => item.event === 'gameball.tier.changed')).toMatchObject({
			direction: 'up',
			previousTierOrder: before.tierOrder,
			previousTierName: before.tierName,
			tierOrder: profile.tierOrder,
			tierName: profile.tierName,
		});
		expect(receiver.received.every((entry) => entry.result.status === 200)).toBe(true);
	});

	it('splits the simulator\'s notifications per language', async () => {
		const start = receiver.received.length;
		await sim.sendNotification('sim-1');
		await settle(sim, receiver.received);
		const items = emittedJson(receiver.received[start].result);
		expect(items.map((item) => [item.event, item.language])).toEqual([
			['customer.notification.push', 'en'],
			['customer.notification.push', 'ar'],
		]);
	});

	it('runs a retried delivery once: the retry after a 503 gets 200 and no execution', async () => {
		const start = receiver.received.length;
		failNextAfter = start;
		await api(sim, '/transactions/cashback', { customerId: 'sim-1', transactionId: 'order-2', amount: 20, transactionTime: new Date().toISOString() });
		await until(() => receiver.received.length >= start + 2, 'the retry');
		await settle(sim, receiver.received);
		const [first, retry] = receiver.received.slice(start);
		expect(first.answered).toBe(503);
		expect(emittedJson(first.result).length).toBeGreaterThan(0);
		expect(retry.body).toBe(first.body);
		expect(retry.answered).toBe(200);
		expect(retry.result.emitted).toBeUndefined();
		const attempts = sim.deliveries.filter((delivery) => delivery.body === first.body).map((delivery) => delivery.status);
		expect(attempts).toEqual([503, 200]);
	});
});
