import { RETRY_DELAYS_MINUTES, signWebhook, startSimulator, type Simulator } from '../../simulator';
import { clientFor, nowIso, sha1Hex, startReceiver, waitFor } from './client';

describe('webhooks', () => {
	let sim: Simulator | undefined;
	const receivers: Array<{ close(): Promise<void> }> = [];

	afterEach(async () => {
		await sim?.stop();
		sim = undefined;
		await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
	});

	it('signs with hex SHA-1 of body + ":" + secret', () => {
		expect(signWebhook('{"a":1}', 'k')).toBe(sha1Hex('{"a":1}:k'));
		expect(signWebhook('{"a":1}', 'k')).toMatch(/^[0-9a-f]{40}$/);
	});

	it('posts customer.profile.updated with the new tier when a customer changes tier', async () => {
		const receiver = await startReceiver();
		receivers.push(receiver);
		sim = await startSimulator({ rateLimits: false, webhookUrls: [receiver.url], secretKey: 'whsec-test' });
		const call = clientFor(sim);
		await call('POST', '/customers', { customerId: 'w-1', email: 'w1@example.com', mobile: '+2010' });
		await waitFor(() => receiver.received.length === 1);
		await call('POST', '/transactions/cashback', { customerId: 'w-1', transactionId: 'C1', transactionTime: nowIso(), amount: 150 });
		const profileUpdates = () => receiver.received.filter((received) => received.body.includes('"customer.profile.updated"'));
		await waitFor(() => profileUpdates().length === 2);
		const delivery = profileUpdates()[1];
		await waitFor(() => sim!.deliveries.length === 3);
		// The tier upgrade also made a push notification, sent after the profile update.
		expect(sim.deliveries.map((record) => record.topic)).toEqual(['customer.profile.updated', 'customer.profile.updated', 'customer.notification.push']);
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(delivery.headers['x-gb-webhook-version']).toBe('v4');
		expect(delivery.headers['x-gb-signature']).toBe(sha1Hex(`${delivery.body}:whsec-test`));
		const payload = JSON.parse(delivery.body);
		expect(payload).toEqual({
			event: 'customer.profile.updated',
			client_id: 'sim-client',
			customer_id: 'w-1',
			gb_customer_id: expect.any(Number),
			created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			data: {
				email: 'w1@example.com',
				mobile_number: '+2010',
				tier_name: 'Silver',
				tier_order: 2,
				referral_code: expect.any(String),
				referral_link: expect.stringContaining('http'),
				activated_points: 150,
				pending_points: 0,
				total_points: 150,
			},
		});
		const first = JSON.parse(receiver.received[0].body);
		expect(first.data).toMatchObject({ tier_name: 'Bronze', tier_order: 1, total_points: 0 });
	});

	it('sends nothing when a request changes nothing in the profile', async () => {
		const receiver = await startReceiver();
		receivers.push(receiver);
		sim = await startSimulator({ rateLimits: false, webhookUrls: [receiver.url] });
		const call = clientFor(sim);
		await call('POST', '/customers', { customerId: 'w-2', email: 'a@b.c' });
		await waitFor(() => receiver.received.length === 1);
		await call('POST', '/customers', { customerId: 'w-2', email: 'a@b.c' });
		await call('GET', '/customers/w-2/balance');
		await call('POST', '/customers', { customerId: 'w-2', email: 'new@b.c' });
		await waitFor(() => receiver.received.length === 2);
		expect(JSON.parse(receiver.received[1].body).data.email).toBe('new@b.c');
		expect(sim.deliveries).toHaveLength(2);
	});

	it('retries after 5, 20 and 60 minutes times timeScale, then drops', async () => {
		const failing = await startReceiver([500, 503, 500, 500]);
		receivers.push(failing);
		const timeScale = 0.0001; // 5 min -> 30 ms, 20 min -> 120 ms, 60 min -> 360 ms
		sim = await startSimulator({ rateLimits: false, webhookUrls: [failing.url], timeScale });
		await clientFor(sim)('POST', '/customers', { customerId: 'w-3' });
		await waitFor(() => sim!.deliveries.length === 4 && sim!.deliveries[3].status !== undefined, 5000);
		await sim.idle();
		const attempts = sim.deliveries;
		expect(attempts.map((record) => record.attempt)).toEqual([1, 2, 3, 4]);
		expect(attempts.map((record) => record.status)).toEqual([500, 503, 500, 500]);
		expect(attempts[3].dropped).toBe(true);
		expect(new Set(attempts.map((record) => record.body)).size).toBe(1);
		for (let index = 1; index < 4; index++) {
			const gap = attempts[index].at - attempts[index - 1].at;
			expect(gap).toBeGreaterThanOrEqual(RETRY_DELAYS_MINUTES[index - 1] * 60_000 * timeScale - 5);
		}
		expect(failing.received).toHaveLength(4);
	});

	it('idle() waits for an attempt still in flight, and for the retries it leads to', async () => {
		const slowFailing = await startReceiver([500, 500, 500, 500], 150);
		receivers.push(slowFailing);
		sim = await startSimulator({ rateLimits: false, webhookUrls: [slowFailing.url], timeScale: 0.00001 });
		await clientFor(sim)('POST', '/customers', { customerId: 'w-idle' });
		await sim.idle();
		expect(sim.deliveries.map((record) => [record.attempt, record.status])).toEqual([
			[1, 500],
			[2, 500],
			[3, 500],
			[4, 500],
		]);
		expect(sim.deliveries[3].dropped).toBe(true);
	});

	it('reset() ends an attempt in flight: it is not recorded, nor retried', async () => {
		const slowFailing = await startReceiver([500, 500, 500, 500], 100);
		receivers.push(slowFailing);
		sim = await startSimulator({ rateLimits: false, webhookUrls: [slowFailing.url], timeScale: 0.00001 });
		await clientFor(sim)('POST', '/customers', { customerId: 'w-reset' });
		await waitFor(() => slowFailing.received.length === 1, 2000, 1);
		sim.reset();
		await new Promise((resolve) => setTimeout(resolve, 300));
		await sim.idle();
		expect(sim.deliveries).toEqual([]);
		expect(slowFailing.received).toHaveLength(1);
	});

	it('stops retrying once a retry succeeds, and survives an unreachable URL', async () => {
		const flaky = await startReceiver([502]);
		receivers.push(flaky);
		sim = await startSimulator({ rateLimits: false, webhookUrls: [flaky.url, 'http://127.0.0.1:1/unreachable'], timeScale: 0.00001 });
		await clientFor(sim)('POST', '/customers', { customerId: 'w-4' });
		await waitFor(() => sim!.deliveries.filter((record) => record.url === flaky.url).length === 2 && sim!.deliveries.filter((record) => record.dropped).length === 1, 5000);
		await sim.idle();
		const flakyAttempts = sim.deliveries.filter((record) => record.url === flaky.url);
		expect(flakyAttempts.map((record) => record.status)).toEqual([502, 200]);
		const unreachable = sim.deliveries.filter((record) => record.url !== flaky.url);
		expect(unreachable).toHaveLength(4);
		expect(unreachable.every((record) => record.error !== undefined)).toBe(true);
		expect((await clientFor(sim)('GET', '/customers/w-4')).status).toBe(200);
	});

	it('sends customer.notification.push with one entry per language', async () => {
		const receiver = await startReceiver();
		receivers.push(receiver);
		sim = await startSimulator({ rateLimits: false });
		await clientFor(sim)('POST', '/customers', { customerId: 'n-1' });
		sim.addWebhookUrl(receiver.url);
		await sim.sendNotification('n-1', [
			{ local: 'en', title: 'Hi', body: 'You earned points', icon: 'https://example.com/i.png' },
			{ local: 'fr', title: 'Salut', body: 'Vous avez des points' },
		]);
		expect(receiver.received).toHaveLength(1);
		const payload = JSON.parse(receiver.received[0].body);
		expect(payload).toMatchObject({ event: 'customer.notification.push', customer_id: 'n-1' });
		expect(payload.data).toEqual([
			{ local: 'en', icon: 'https://example.com/i.png', title: 'Hi', body: 'You earned points' },
			{ local: 'fr', icon: '', title: 'Salut', body: 'Vous avez des points' },
		]);
		const listed = await clientFor(sim)('GET', '/customers/n-1/notifications?lang=fr');
		expect(listed.json.notifications[0]).toMatchObject({ title: 'Salut', isRead: false });
		await clientFor(sim)('PUT', '/customers/n-1/notifications/read', { notificationIds: [listed.json.notifications[0].id] });
		expect((await clientFor(sim)('GET', '/customers/n-1/notifications/count?isRead=false')).json.count).toBe(0);
	});
});
