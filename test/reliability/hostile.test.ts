// R1 in-process: every delivery of the hostile corpus gets its documented status from the Gameball Trigger (run
// through n8n-core's real WebhookContext) and starts nothing; valid deliveries sent among them still run.
import { memorySize } from '../../nodes/GameballTrigger/memory';
import { FLUSH_MS } from '../../nodes/GameballTrigger/recentWrites';
import { WebhookHarness } from '../harness/run';
import { hostileCorpus, nestedCorpus, STACK_BREAKING_DEPTHS, validDeliveries, type HostileDelivery } from './corpus';

const SECRET_KEY = 'r1-secret-key-5c1d';
const API_KEY = 'r1-api-key-77aa';
const credentials = { gameballApi: { apiKey: API_KEY, secretKey: SECRET_KEY, apiVersion: 'v4.0', baseUrl: 'http://127.0.0.1:1' } };
const parameters = { source: 'v4', events: [], verifySignature: true, simplify: true, options: {} };

const corpus = hostileCorpus(SECRET_KEY, 'in-process');
const controls = validDeliveries(SECRET_KEY, 'in-process', 8);
const trigger = new WebhookHarness({ type: 'gameballTrigger', parameters, credentials });

async function answer(delivery: HostileDelivery) {
	const result = await trigger.deliver({ method: delivery.method, headers: delivery.headers, rawBody: delivery.body });
	// `{}` without a status of its own is n8n's default answer on receipt: 200.
	return { status: result.status ?? 200, emitted: result.emitted !== undefined, text: JSON.stringify([result.sent, result.response]) };
}

describe('R1: the hostile corpus, in-process', () => {
	it('has at least 200 deliveries in every required category', () => {
		expect(corpus.length).toBeGreaterThanOrEqual(200);
		const categories = new Set(corpus.map((c) => c.category));
		for (const required of ['forged signature', 'signature for another body', 'truncated body', 'not JSON', 'deeply nested', 'oversized', 'wrong types', 'unknown topic', 'empty body', 'wrong method', 'wrong content type']) {
			expect(categories).toContain(required);
		}
	});

	const categories = [...new Set(corpus.map((c) => c.category))];
	it.each(categories)('%s: documented status, no execution', async (category) => {
		const wrong: unknown[] = [];
		const cases = corpus.filter((c) => c.category === category);
		for (const [i, delivery] of cases.entries()) {
			const got = await answer(delivery);
			if (got.status !== delivery.status || got.emitted) wrong.push({ name: delivery.name, want: delivery.status, got: got.status, emitted: got.emitted });
			expect(got.text).not.toContain(SECRET_KEY);
			// A valid delivery between hostile ones still runs.
			if (i % 10 === 0) {
				const control = controls.shift() ?? validDeliveries(SECRET_KEY, `extra-${category}-${i}`, 1)[0];
				expect(await answer(control)).toMatchObject({ status: 200, emitted: true });
			}
		}
		expect(wrong).toEqual([]);
	});

	it('remembered only the deliveries it accepted', async () => {
		// One more valid delivery once a flush is due writes the logged keys into the static data (recentWrites.ts).
		jest.spyOn(Date, 'now').mockReturnValue(Date.now() + FLUSH_MS);
		expect(await answer(validDeliveries(SECRET_KEY, 'flush', 1)[0])).toMatchObject({ status: 200, emitted: true });
		jest.restoreAllMocks();
		const stored = Object.values(trigger.staticData).map((store) => memorySize(store as never).deliveries);
		const controlCount = categories.reduce((sum, category) => sum + Math.ceil(corpus.filter((c) => c.category === category).length / 10), 0);
		expect(stored.reduce((a, b) => a + b, 0)).toBe(controlCount + 1);
	});

	// Re-serialising such a body for the signature fallback overflows the stack: the node must still answer as documented.
	it('deeply nested beyond the stack: documented status, no execution', async () => {
		const wrong: unknown[] = [];
		for (const delivery of nestedCorpus(SECRET_KEY, 'stack', STACK_BREAKING_DEPTHS)) {
			const got = await answer(delivery);
			if (got.status !== delivery.status || got.emitted) wrong.push({ name: delivery.name, want: delivery.status, got: got.status });
		}
		expect(wrong).toEqual([]);
	});
});
