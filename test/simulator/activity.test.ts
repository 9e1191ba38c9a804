import { startSimulator, type Simulator } from '../../simulator';
import { playActivity } from '../../simulator/activity';
import { parseArguments } from '../../simulator/cli';
import { clientFor, startReceiver, waitFor } from './client';

/** A small deterministic generator (mulberry32) so the run is repeatable. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let value = Math.imul(state ^ (state >>> 15), 1 | state);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}

describe('activity player', () => {
	let sim: Simulator;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;

	beforeAll(async () => {
		receiver = await startReceiver();
		sim = await startSimulator({ rateLimits: false, webhookUrls: [receiver.url] });
	});
	afterAll(async () => {
		await sim.stop();
		await receiver.close();
	});

	it('generates sign-ups, orders, redemptions, events, refunds and notifications, and moves tiers', async () => {
		const player = playActivity(sim, { intervalMs: 60_000, customers: 8, random: seeded(42) });
		const lines: string[] = [];
		for (let index = 0; index < 400; index++) {
			lines.push(player.step());
			await new Promise((resolve) => setImmediate(resolve)); // lets each step's webhooks go out, as on the timer
		}
		player.stop();
		expect(player.actions).toBe(400);
		expect(sim.state.customers.size).toBe(8);
		const types = new Set(sim.ledger().map((entry) => entry.type));
		for (const type of ['PaymentReward', 'Redemption', 'Refund', 'AchievementReward']) expect(types).toContain(type);
		expect([...sim.state.customers.values()].some((customer) => customer.tierOrder > 1)).toBe(true);
		expect(lines.some((line) => line.startsWith('notification'))).toBe(true);
		await waitFor(() => sim.deliveries.some((record) => record.topic === 'customer.notification.push') && sim.deliveries.every((record) => record.status !== undefined || record.error !== undefined));
		const tierNames = new Set(receiver.received.map((received) => JSON.parse(received.body)).filter((payload) => payload.event === 'customer.profile.updated').map((payload) => payload.data.tier_name));
		expect(tierNames.size).toBeGreaterThan(1);
		// The API sees the same state.
		const someone = [...sim.state.customers.keys()][0];
		expect((await clientFor(sim)('GET', `/customers/${someone}/balance`)).status).toBe(200);
	});

	it('runs on its own timer until stopped', async () => {
		const before = sim.state.activities.length;
		const player = playActivity(sim, { intervalMs: 5, customers: 3 });
		await waitFor(() => player.actions >= 5);
		player.stop();
		const actions = player.actions;
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(player.actions).toBe(actions);
		expect(sim.state.activities.length).toBeGreaterThan(before);
	});
});

describe('CLI arguments', () => {
	it('parses the documented flags', () => {
		const parsed = parseArguments(['--port', '4010', '--webhook', 'http://a/x', '--webhook', 'http://b/y', '--secret', 's', '--api-key', 'k', '--no-rate-limits', '--time-scale', '0.01', '--faults', '{"errorRate5xx":0.1}', '--play']);
		expect(parsed.options).toEqual({ port: 4010, webhookUrls: ['http://a/x', 'http://b/y'], secretKey: 's', apiKey: 'k', rateLimits: false, timeScale: 0.01, faults: { errorRate5xx: 0.1 } });
		expect(parsed.play).toBe(true);
		expect(parseArguments(['--allow-unknown-fields', '--no-batch-indexes', '--high-security']).options).toEqual({ webhookUrls: [], rejectUnknownFields: false, batchResultIndexes: false, highSecurityMode: true });
		expect(parseArguments(['--batch-results', 'identity']).options).toEqual({ webhookUrls: [], batchResultData: 'identity' });
		expect(() => parseArguments(['--batch-results', 'some'])).toThrow('--batch-results takes full, identity or none (got some)');
		expect(() => parseArguments(['--port'])).toThrow(/needs a value/);
		expect(() => parseArguments(['--bogus'])).toThrow(/Unknown option/);
	});
});
