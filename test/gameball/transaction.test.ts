import type { INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'buyer' });
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'poor' });
});
afterAll(async () => await sim.stop());

const transaction = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'transaction', operation, ...extra });
const lastRequest = () => sim.requests[sim.requests.length - 1];
const balanceOf = async (customerId: string) =>
	(await runGameball(credentials, { resource: 'customer', operation: 'getBalance', customerId })).outputs[0][0].json;

describe('Transaction', () => {
	it('rewards cashback once per transaction ID, with a clear 9004 on a repeat', async () => {
		const params = transaction('cashback', { customerId: 'buyer', transactionId: 't-1', amount: 200 });
		const first = await runGameball(credentials, params);
		expect(first.error).toBeUndefined();
		expect(lastRequest().body).toMatchObject({ customerId: 'buyer', transactionId: 't-1', amount: 200 });
		expect(typeof (lastRequest().body as { transactionTime?: unknown }).transactionTime).toBe('string');
		expect(lastRequest().headers.secretkey ?? lastRequest().headers.SecretKey).toBeDefined();

		const repeat = await runGameball(credentials, params);
		expect(repeat.error?.message).toMatch(/^9004: duplicate transaction ID/);
		expect(sim.ledger().filter((entry) => entry.transactionId === 't-1')).toHaveLength(1);
	});

	it('keeps cashback pending for a return window, and refuses one beyond the documented 7,300 days', async () => {
		const before = Number((await balanceOf('poor')).pendingPoints ?? 0);
		const pending = transaction('cashback', { customerId: 'poor', transactionId: 't-window', amount: 50, additionalFields: { returnWindow: 14 } });
		expect((await runGameball(credentials, pending)).error).toBeUndefined();
		expect(lastRequest().body).toMatchObject({ transactionId: 't-window', configurations: { returnWindow: 14 } });
		expect(Number((await balanceOf('poor')).pendingPoints)).toBeGreaterThan(before);
		const tooLong = transaction('cashback', { customerId: 'poor', transactionId: 't-long', amount: 50, additionalFields: { returnWindow: 7301 } });
		expect((await runGameball(credentials, tooLong)).error?.message).toBe('"Return Window (Days)" must be at most 7300 (got 7301)');
	});

	it('redeems points, and reports insufficient points as 9008', async () => {
		const before = Number((await balanceOf('buyer')).availablePointsBalance);
		expect(before).toBeGreaterThan(0);
		const ok = await runGameball(credentials, transaction('redeem', { customerId: 'buyer', transactionId: 'r-1', additionalFields: { points: 10 } }));
		expect(ok.error).toBeUndefined();
		expect(Number((await balanceOf('buyer')).availablePointsBalance)).toBe(before - 10);

		const poor = await runGameball(credentials, transaction('redeem', { customerId: 'poor', transactionId: 'r-2', additionalFields: { points: 10 } }));
		expect(poor.error?.message).toBe('9008: insufficient points');
	});

	it('refunds a transaction', async () => {
		const { error } = await runGameball(
			credentials,
			transaction('refund', { customerId: 'buyer', refundTransactionId: 'rf-1', reverseTransactionId: 't-1', transactionTime: '2026-12-01T10:00:00Z', additionalFields: { refundAmount: 50 } }),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().body).toMatchObject({ refundTransactionId: 'rf-1', reverseTransactionId: 't-1', refundAmount: 50 });
	});

	it("refuses a refund without Transaction Time: Gameball wants the refunded transaction's time, which only the user knows", async () => {
		const sent = sim.requests.length;
		const refund = (transactionTime?: string) => transaction('refund', { customerId: 'buyer', refundTransactionId: 'rf-no-time', reverseTransactionId: 't-1', transactionTime });
		// Left empty in the editor: n8n itself refuses to run the node.
		await expect(runGameball(credentials, refund())).rejects.toThrow('Parameter "Transaction Time" is required');
		// An expression that finds nothing: the item is refused.
		const { error } = await runGameball(credentials, refund('={{ $json.paidAt }}'), [{}]);
		expect(error?.message).toBe('"Transaction Time" is required');
		expect(sim.requests.length).toBe(sent);
	});

	it('refuses a Refund Amount or Line Items that was added but comes out empty: leaving it out would refund in full', async () => {
		await runGameball(credentials, transaction('cashback', { customerId: 'buyer', transactionId: 't-partial', amount: 200 }));
		const sent = sim.requests.length;
		const refund = (additionalFields: Record<string, unknown>) =>
			transaction('refund', { customerId: 'buyer', refundTransactionId: '={{ $json.id }}', reverseTransactionId: 't-partial', transactionTime: '2026-12-01T10:00:00Z', additionalFields });
		const { outputs } = await runGameball(
			credentials,
			refund({ refundAmount: '={{ $json.refund_amount }}', lineItems: '={{ $json.lines }}' }),
			[
				{ id: 'rf-empty-amount', refundAmount: 20, lines: [{ productId: 'p1', quantity: 1, price: 20 }] },
				{ id: 'rf-empty-lines', refund_amount: 20, lines: [] },
				{ id: 'rf-partial', refund_amount: 20, lines: [{ productId: 'p1', quantity: 1, price: 20 }] },
			],
			true,
		);
		expect(outputs[0].map((item) => item.json.error)).toEqual([
			'"Refund Amount" is empty. Without it, Gameball refunds the whole transaction: to do that, remove it from "Additional Fields"',
			'"Line Items (JSON)" is empty. Without it, Gameball refunds the whole transaction: to do that, remove it from "Additional Fields"',
			undefined,
		]);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// Only the third item was sent, with its partial amount.
		expect(sim.requests.slice(sent).map((request) => request.body)).toEqual([expect.objectContaining({ refundTransactionId: 'rf-partial', refundAmount: 20 })]);

		const full = await runGameball(credentials, refund({}), [{ id: 'rf-full' }]);
		expect(full.error).toBeUndefined();
		expect(lastRequest().body).not.toHaveProperty('refundAmount');
	});

	it('a refund by line items alone refunds those items, not the whole transaction (the simulator, as Gameball documents)', async () => {
		await runGameball(credentials, transaction('cashback', { customerId: 'buyer', transactionId: 't-lines', amount: 200 }));
		const lineItems = JSON.stringify([{ productId: 'p1', quantity: 2, price: 30 }, { productId: 'p2', price: 15 }]);
		const { outputs, error } = await runGameball(credentials, transaction('refund', { customerId: 'buyer', refundTransactionId: 'rf-lines', reverseTransactionId: 't-lines', transactionTime: '2026-12-01T10:00:00Z', additionalFields: { lineItems } }));
		expect(error).toBeUndefined();
		expect(lastRequest().body).not.toHaveProperty('refundAmount');
		expect(outputs[0][0].json.refundAmount).toBe(75);
		const rest = await runGameball(credentials, transaction('refund', { customerId: 'buyer', refundTransactionId: 'rf-rest', reverseTransactionId: 't-lines', transactionTime: '2026-12-01T10:00:00Z' }));
		expect(rest.outputs[0][0].json.refundAmount).toBe(125);
	});

	it('refuses a Customer ID filter that comes out empty: without it, the list would hold every customer\'s transactions', async () => {
		for (const operation of ['list', 'customerView', 'count']) {
			const sent = sim.requests.length;
			const { error } = await runGameball(credentials, transaction(operation, { filters: { customerId: '={{ $json.customer_id }}' } }), [{ customerId: 'buyer' }]);
			expect(error?.message).toBe('"Customer ID" is empty. Without it, Gameball reads every customer\'s transactions: to do that, remove it from "Filters"');
			expect(sim.requests.length).toBe(sent);
		}
		const filtered = await runGameball(credentials, transaction('list', { filters: { customerId: '={{ $json.customerId }}' } }), [{ customerId: 'buyer' }]);
		expect(filtered.error).toBeUndefined();
		expect(lastRequest().query).toMatchObject({ customerId: 'buyer' });
	});

	it('holds points, reads the hold and releases it', async () => {
		const held = await runGameball(credentials, transaction('hold', { customerId: 'buyer', additionalFields: { pointsToHold: 5 } }));
		expect(held.error).toBeUndefined();
		const reference = String(held.outputs[0][0].json.holdReference ?? held.outputs[0][0].json.holdReferenceId);
		expect(reference).not.toBe('undefined');
		const got = await runGameball(credentials, transaction('getHold', { holdReferenceId: reference }));
		expect(got.error).toBeUndefined();
		const released = await runGameball(credentials, transaction('releaseHold', { holdReferenceId: reference }));
		expect(released.error).toBeUndefined();
		expect(lastRequest()).toMatchObject({ method: 'DELETE', path: `/api/v4.0/integrations/transactions/hold/${reference}` });
		const unknown = await runGameball(credentials, transaction('getHold', { holdReferenceId: 'no-such-hold' }));
		// Gameball's 9003 (hold not found), not some other refusal.
		expect([unknown.error?.message, unknown.error?.httpCode]).toEqual(['9003: transaction problem', '404']);
		expect(unknown.error?.description).toContain("Hold 'no-such-hold' was not found");
	});

	it('lists, counts and filters transactions', async () => {
		const all = await runGameball(credentials, transaction('list', { returnAll: true, filters: { customerId: 'buyer' } }));
		expect(all.error).toBeUndefined();
		expect(all.outputs[0].length).toBeGreaterThanOrEqual(2);
		expect(all.outputs[0].every((item) => item.json.customerId === 'buyer')).toBe(true);
		const one = await runGameball(credentials, transaction('list', { returnAll: false, limit: 1 }));
		expect(one.outputs[0]).toHaveLength(1);
		const view = await runGameball(credentials, transaction('customerView', { returnAll: true, filters: { customerId: 'buyer' } }));
		expect(view.error).toBeUndefined();
		const count = await runGameball(credentials, transaction('count', { filters: { customerId: 'buyer', direction: '+' } }));
		expect(count.error).toBeUndefined();
		expect(lastRequest().query).toMatchObject({ customerId: 'buyer', direction: '+' });
	});

	it('adjusts points by hand, activates pending points and sends an OTP', async () => {
		const before = Number((await balanceOf('poor')).availablePointsBalance);
		const adjusted = await runGameball(
			credentials,
			transaction('manualAdjustment', { customerId: 'poor', transactionId: 'm-1', username: 'ops', reason: 'goodwill', additionalFields: { points: 25 } }),
		);
		expect(adjusted.error).toBeUndefined();
		expect(Number((await balanceOf('poor')).availablePointsBalance)).toBe(before + 25);

		// t-window (earlier test) is still pending for 'poor'.
		const held = await balanceOf('poor');
		const activate = await runGameball(credentials, transaction('activate', { transactionId: 't-window' }));
		expect(lastRequest()).toMatchObject({ method: 'PUT', path: '/api/v4.0/integrations/transactions/t-window/activate' });
		expect(activate.error).toBeUndefined();
		const activated = Number(activate.outputs[0][0].json.pointsActivated);
		expect(activated).toBeGreaterThan(0);
		const after = await balanceOf('poor');
		expect(Number(after.pendingPoints)).toBe(Number(held.pendingPoints) - activated);
		expect(Number(after.availablePointsBalance)).toBe(Number(held.availablePointsBalance) + activated);
		const unknown = await runGameball(credentials, transaction('activate', { transactionId: 'no-such' }));
		// Gameball's 9001 (transaction not found), not some other refusal.
		expect([unknown.error?.message, unknown.error?.httpCode]).toEqual(['9001: transaction problem', '404']);
		expect(unknown.error?.description).toContain("Transaction 'no-such' was not found");

		const otp = await runGameball(credentials, transaction('sendOtp', { customerId: 'buyer', additionalFields: { points: 5 } }));
		expect(otp.error).toBeUndefined();
	});

	it('asks for the required fields with a clear error when one is empty', async () => {
		const before = sim.requests.length;
		const { error } = await runGameball(credentials, transaction('getHold', { holdReferenceId: '={{ "" }}' }));
		expect(error?.message).toBe('"Hold Reference" is required');
		expect(sim.requests.length).toBe(before);
	});
});

describe('Event', () => {
	it('sends an event with metadata and more events', async () => {
		const { outputs, error } = await runGameball(credentials, {
			resource: 'event',
			operation: 'send',
			customerId: 'buyer',
			eventName: 'review_posted',
			metadata: '{"rating": 5}',
			moreEvents: '{"profile_completed": {}}',
		});
		expect(error).toBeUndefined();
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
		expect(lastRequest().body).toEqual({ customerId: 'buyer', events: { profile_completed: {}, review_posted: { rating: 5 } } });
	});

	it('previews the rewards of an event in a language', async () => {
		const { error } = await runGameball(credentials, {
			resource: 'event',
			operation: 'previewRewards',
			customerId: 'buyer',
			eventName: 'review_posted',
			metadata: '{}',
			additionalFields: { lang: 'ar' },
		});
		expect(error).toBeUndefined();
		expect(lastRequest().headers.lang).toBe('ar');
		// Trimmed as every text field is; a blank one sends no header (the account's language).
		const preview = (lang: string) =>
			runGameball(credentials, { resource: 'event', operation: 'previewRewards', customerId: 'buyer', eventName: 'review_posted', additionalFields: { lang } });
		expect((await preview(' ar ')).error).toBeUndefined();
		expect(lastRequest().headers.lang).toBe('ar');
		expect((await preview('  ')).error).toBeUndefined();
		expect(lastRequest().headers).not.toHaveProperty('lang');
	});

	it('refuses metadata that is not a JSON object', async () => {
		const { error } = await runGameball(credentials, { resource: 'event', operation: 'send', customerId: 'buyer', eventName: 'x', metadata: '[1]' });
		expect(error?.message).toBe('"Metadata (JSON)" must be a JSON object');
	});

	it('refuses a More Events entry that is not an object, and an event given twice, before sending anything', async () => {
		const before = sim.requests.length;
		const send = (extra: INodeParameters) => runGameball(credentials, { resource: 'event', operation: 'send', customerId: 'buyer', metadata: '{}', ...extra });
		expect((await send({ eventName: 'x', moreEvents: '{"purchase": 5}' })).error?.message).toBe(
			'"More Events (JSON)": the event "purchase" must be an object of its properties (got 5)',
		);
		expect((await send({ eventName: 'x', moreEvents: '{"purchase": null}' })).error?.message).toContain('the event "purchase" must be an object');
		expect((await send({ eventName: 'review', metadata: '{"rating": 5}', moreEvents: '{"review": {"rating": 1}}' })).error?.message).toBe(
			'The event "review" is given twice: as Event Name and in More Events (JSON). Give it once.',
		);
		expect(sim.requests.length).toBe(before);
		// A reward preview may name an event without metadata, as Gameball allows there.
		const preview = await runGameball(credentials, { resource: 'event', operation: 'previewRewards', customerId: 'buyer', eventName: 'x', metadata: '{}', moreEvents: '{"purchase": null}' });
		expect(preview.error).toBeUndefined();
		expect(sim.requests.at(-1)?.body).toMatchObject({ events: { x: {}, purchase: null } });
	});

	it('maps an unknown customer on preview to a Gameball error', async () => {
		const { error } = await runGameball(credentials, { resource: 'event', operation: 'previewRewards', customerId: 'ghost', eventName: 'x', metadata: '{}' });
		expect(error?.message).toBe('7000: customer not found');
	});
});
