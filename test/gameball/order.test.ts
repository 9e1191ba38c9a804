import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'shopper' });
});
afterAll(async () => await sim.stop());

const order = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'order', operation, ...extra });
const lastRequest = () => sim.requests[sim.requests.length - 1];
const sentBody = () => lastRequest().body as Record<string, unknown>;
const API = '/api/v4.0/integrations';

describe('Order', () => {
	it('tracks an order with its line items, merchant and extras, and rewards cashback', async () => {
		const { outputs, error } = await runGameball(
			credentials,
			order('track', {
				customerId: 'shopper',
				orderId: 'o-1',
				totalPaid: 100,
				additionalFields: {
					channel: 'pos',
					totalPrice: 120,
					totalDiscount: 20,
					lineItems: '[{"productId": "p1", "price": 100, "quantity": 1}]',
					merchant: '{"uniqueId": "m1", "name": "Store"}',
					extra: '{"source": "n8n"}',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().method).toBe('POST');
		expect(lastRequest().path).toBe(`${API}/orders`);
		expect(sentBody()).toMatchObject({
			customerId: 'shopper',
			orderId: 'o-1',
			totalPaid: 100,
			channel: 'pos',
			totalPrice: 120,
			lineItems: [{ productId: 'p1', price: 100, quantity: 1 }],
			merchant: { uniqueId: 'm1', name: 'Store' },
			extra: { source: 'n8n' },
		});
		expect(Number.isNaN(Date.parse(String(sentBody().orderDate)))).toBe(false);
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].json.rewardedPoints).toBeGreaterThan(0);
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('reports a repeated order ID and an unknown customer per item', async () => {
		const { outputs } = await runGameball(
			credentials,
			order('track', { customerId: '={{ $json.customer }}', orderId: '={{ $json.order }}', totalPaid: 10 }),
			[
				{ customer: 'shopper', order: 'o-1' },
				{ customer: 'nobody', order: 'o-x' },
				{ customer: 'shopper', order: 'o-2' },
			],
			true,
		);
		expect(outputs[0].map((item) => item.json.error)).toEqual([
			expect.stringMatching(/^9004: duplicate transaction ID/),
			'7000: customer not found',
			undefined,
		]);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('refuses an empty required field and a line-items value that is not an array, before sending', async () => {
		const before = sim.requests.length;
		const empty = await runGameball(credentials, order('track', { customerId: '={{ $json.missing }}', orderId: 'o-3', totalPaid: 1 }));
		expect(empty.error?.message).toBe('"Customer ID" is required');
		const notArray = await runGameball(
			credentials,
			order('track', { customerId: 'shopper', orderId: 'o-3', totalPaid: 1, additionalFields: { lineItems: '{"productId": "p1"}' } }),
		);
		expect(notArray.error?.message).toBe('"Line Items (JSON)" must be a JSON array');
		expect(sim.requests.length).toBe(before);
	});

	it('sends line items typed as Gameball wants them: numbers given as text (an agent, an expression) as numbers, IDs given as numbers as text', async () => {
		const { error } = await runGameball(
			credentials,
			order('track', {
				customerId: 'shopper',
				orderId: 'o-typed',
				totalPaid: 21,
				additionalFields: { lineItems: '[{"productId": 7, "sku": "S1", "quantity": "2", "price": " 10.50 ", "tags": ["a"]}]' },
			}),
		);
		expect(error).toBeUndefined();
		expect(sentBody().lineItems).toStrictEqual([{ productId: '7', sku: 'S1', quantity: 2, price: 10.5, tags: ['a'] }]);
	});

	it('refuses a line item whose number is not one, or that is not an object, naming the entry, before sending', async () => {
		const before = sim.requests.length;
		const track = (lineItems: string) =>
			runGameball(credentials, order('track', { customerId: 'shopper', orderId: 'o-bad-line', totalPaid: 1, additionalFields: { lineItems } }));
		const word = await track('[{"productId": "p1", "price": 10}, {"productId": "p2", "price": "ten"}]');
		expect(word.error?.message).toBe('"Line Items (JSON) › entry 2 › price" must be a number (got "ten")');
		// Blank is not left out: on a refund, a line without its quantity or price would refund more.
		const blank = await track('[{"productId": "p1", "price": 10, "quantity": ""}]');
		expect(blank.error?.message).toBe('"Line Items (JSON) › entry 1 › quantity" must be a number (got "")');
		const nothing = await track('[{"productId": "p1", "price": null}]');
		expect(nothing.error?.message).toBe('"Line Items (JSON) › entry 1 › price" must be a number (got null)');
		const notObject = await track('["p1"]');
		expect(notObject.error?.message).toBe('"Line Items (JSON) › entry 1" must be a JSON object');
		// A text field (an ID) given as something other than text or a number is refused, not sent as null.
		const idFlag = await track('[{"productId": true, "price": 1}]');
		expect(idFlag.error?.message).toBe('"Line Items (JSON) › entry 1 › productId" must be text (got true)');
		const idNaN = await runGameball(
			credentials,
			order('track', { customerId: 'shopper', orderId: 'o-bad-line', totalPaid: 1, additionalFields: { lineItems: '={{ [{ productId: NaN, price: 1 }] }}' } }),
		);
		expect(idNaN.error?.message).toBe('"Line Items (JSON) › entry 1 › productId" must be text (got NaN)');
		expect(sim.requests.length).toBe(before);
	});

	it('refuses a redemption that names nothing to redeem, or a field Gameball does not take, before sending', async () => {
		const before = sim.requests.length;
		const track = (redemption: string) =>
			runGameball(credentials, order('track', { customerId: 'shopper', orderId: 'o-bad-redemption', totalPaid: 1, additionalFields: { redemption } }));
		// An expression whose hold is missing: the order would be tracked with the held points never spent.
		const blank = await track('={{ JSON.stringify({ pointsHoldReference: $json.hold ?? "" }) }}');
		expect(blank.error?.message).toBe('"Redemption (JSON) › pointsHoldReference" must be the reference as text (got "")');
		expect((await track('{"couponsLockReference": null}')).error?.message).toBe(
			'"Redemption (JSON) › couponsLockReference" must be the reference as text (got null)',
		);
		expect((await track('{"couponCodes": "SUMMER"}')).error?.message).toBe('"Redemption (JSON) › couponCodes" must be a list of coupon codes (got "SUMMER")');
		expect((await track('{"couponCodes": ["A", " "]}')).error?.message).toBe('"Redemption (JSON) › couponCodes" must be a list of coupon codes (got an array)');
		expect((await track('{"pointsHoldRef": "h1"}')).error?.message).toBe(
			'"Redemption (JSON) › pointsHoldRef" is not a field Gameball takes here: it takes pointsHoldReference, couponsLockReference, couponCodes',
		);
		expect(sim.requests.length).toBe(before);
	});

	it('sends a redemption typed: references trimmed, codes given as numbers as text', async () => {
		const { error } = await runGameball(
			credentials,
			order('track', { customerId: 'shopper', orderId: 'o-redemption-typed', totalPaid: 1, additionalFields: { redemption: '{"couponCodes": [1234, " B "]}' } }),
		);
		// The simulator refuses codes that are not locked: what counts here is what was sent.
		expect(error?.message).toMatch(/^\d{4}: /);
		expect(sentBody().redemption).toStrictEqual({ couponCodes: ['1234', 'B'] });
	});

	it('refuses a return window that is not a whole number of days from 0 to 7300, as Reward Cashback does, before sending', async () => {
		const before = sim.requests.length;
		const track = (cashbackConfigurations: string) =>
			runGameball(credentials, order('track', { customerId: 'shopper', orderId: 'o-bad-window', totalPaid: 1, additionalFields: { cashbackConfigurations } }));
		for (const [window, shown] of [['-5', '-5'], ['"14.7"', '"14.7"'], ['7301', '7301'], ['null', 'null']]) {
			expect((await track(`{"returnWindow": ${window}}`)).error?.message).toBe(
				`"Cashback Configurations (JSON) › returnWindow" must be a whole number of days from 0 to 7300 (got ${shown})`,
			);
		}
		expect(sim.requests.length).toBe(before);
		const typed = await runGameball(
			credentials,
			order('track', { customerId: 'shopper', orderId: 'o-window-typed', totalPaid: 1, additionalFields: { cashbackConfigurations: '{"returnWindow": "14"}' } }),
		);
		expect(typed.error).toBeUndefined();
		expect(sentBody().cashbackConfigurations).toStrictEqual({ returnWindow: 14 });
	});

	it('refuses an Order Date whose expression gave nothing (a missing column must not book the order today); left empty, it is now', async () => {
		const before = sim.requests.length;
		const missing = await runGameball(
			credentials,
			order('track', { customerId: 'shopper', orderId: 'o-no-date', totalPaid: 1, orderDate: '={{ $json.date }}' }),
		);
		expect(missing.error?.message).toBe('"Order Date" is empty: its expression gave nothing');
		expect(sim.requests.length).toBe(before);
		const empty = await runGameball(credentials, order('track', { customerId: 'shopper', orderId: 'o-date-now', totalPaid: 1, orderDate: '' }));
		expect(empty.error).toBeUndefined();
		expect(Math.abs(Date.parse(String(sentBody().orderDate)) - Date.now())).toBeLessThan(60_000);
	});

	it("refuses an extra value that is neither text nor a number (Gameball's rule for extra), order's or line item's, before sending", async () => {
		const before = sim.requests.length;
		const track = (additionalFields: Record<string, unknown>) =>
			runGameball(credentials, order('track', { customerId: 'shopper', orderId: 'o-bad-extra', totalPaid: 1, additionalFields }));
		const flag = await track({ extra: '{"coupon": "SUMMER", "gift": true}' });
		expect(flag.error?.message).toBe('"Extra (JSON) › gift" must be text or a number (got boolean): Gameball takes only those in extra');
		const nested = await track({ extra: '{"address": {"city": "Cairo"}}' });
		expect(nested.error?.message).toBe('"Extra (JSON) › address" must be text or a number (got object): Gameball takes only those in extra');
		const infinite = await track({ extra: '{"weight": 1e400}' });
		expect(infinite.error?.message).toBe('"Extra (JSON) › weight" must be text or a number (got a number that is not finite, Infinity): Gameball takes only those in extra');
		const inLine = await track({ lineItems: '[{"productId": "p1", "price": 1, "extra": {"sizes": ["M", "L"]}}]' });
		expect(inLine.error?.message).toBe('"Line Items (JSON) › entry 1 › extra › sizes" must be text or a number (got a list): Gameball takes only those in extra');
		expect(sim.requests.length).toBe(before);
		// A line item's extra given as null is no extra, as an empty Extra (JSON) is none: left out, not refused.
		const noExtra = await runGameball(
			credentials,
			order('track', { customerId: 'shopper', orderId: 'o-null-extra', totalPaid: 1, additionalFields: { lineItems: '[{"productId": "p1", "price": 1, "extra": null}]' } }),
		);
		expect(noExtra.error).toBeUndefined();
		expect(sentBody().lineItems).toStrictEqual([{ productId: 'p1', price: 1 }]);
		// So is a text field given as null.
		const noSku = await runGameball(
			credentials,
			order('track', { customerId: 'shopper', orderId: 'o-null-sku', totalPaid: 1, additionalFields: { lineItems: '[{"productId": "p1", "sku": null, "price": 1}]' } }),
		);
		expect(noSku.error).toBeUndefined();
		expect(sentBody().lineItems).toStrictEqual([{ productId: 'p1', price: 1 }]);
		const fine = await track({ extra: '{"coupon": "SUMMER", "bags": 2}', lineItems: '[{"productId": "p1", "price": 1, "extra": {"size": "M"}}]' });
		expect(fine.error).toBeUndefined();
		expect(sentBody()).toMatchObject({ extra: { coupon: 'SUMMER', bags: 2 }, lineItems: [{ extra: { size: 'M' } }] });
	});

	it('tracks many orders through the batch API, one result per item', async () => {
		const { outputs, error } = await runGameball(
			credentials,
			order('track', {
				customerId: 'shopper',
				orderId: '={{ $json.order }}',
				totalPaid: 5,
				batching: { mode: 'always', pollSeconds: 0.1 },
			}),
			[{ order: 'b-1' }, { order: 'b-2' }],
		);
		expect(error).toBeUndefined();
		const created = sim.requests.find((request) => request.path === `${API}/batch/orders`);
		expect((created?.body as { body: unknown[] }).body).toEqual([
			{ customerId: 'shopper', orderId: 'b-1', orderDate: expect.any(String), totalPaid: 5 },
			{ customerId: 'shopper', orderId: 'b-2', orderDate: expect.any(String), totalPaid: 5 },
		]);
		expect(outputs[0].map((item) => [item.json.success, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[true, { item: 1 }],
		]);
	});

	it('calculates the cashback of an order, and rejects a negative discount', async () => {
		const { outputs, error } = await runGameball(
			credentials,
			order('calculateCashback', { totalPaid: 80, totalDiscount: 0, totalShipping: 5, additionalFields: { customerId: 'shopper' } }),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`${API}/orders/cashback`);
		expect(sentBody()).toEqual({ totalPaid: 80, totalDiscount: 0, totalShipping: 5, customerId: 'shopper' });
		expect(outputs[0][0].json.totalPoints).toBeGreaterThan(0);

		// Refused before sending: the contract's minimum is 0.
		const before = sim.requests.length;
		const negative = await runGameball(credentials, order('calculateCashback', { totalPaid: 80, totalDiscount: -1, totalShipping: 0 }));
		expect(negative.error?.message).toBe('"Total Discount" must be at least 0 (got -1)');
		expect(sim.requests.length).toBe(before);
	});

	it('previews rewards with the language as a header, and rejects a negative amount', async () => {
		const { outputs, error } = await runGameball(
			credentials,
			order('previewRewards', { totalPaid: 50, additionalFields: { customerId: 'shopper', lang: 'ar' } }),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`${API}/orders/reward-preview`);
		expect(lastRequest().headers.lang).toBe('ar');
		expect(sentBody()).toEqual({ totalPaid: 50, customerId: 'shopper' });
		expect(outputs[0][0].json).toMatchObject({ customerFound: true });

		const before = sim.requests.length;
		const negative = await runGameball(credentials, order('previewRewards', { totalPaid: -5 }));
		expect(negative.error?.message).toBe('"Total Paid" must be at least 0 (got -5)');
		expect(sim.requests.length).toBe(before);
	});

	it('gets the transactions of orders as one item per transaction, each naming its order, and reports an unknown order', async () => {
		// A reversed order has two transactions: its reward and the cancellation.
		await runGameball(credentials, order('track', { customerId: 'shopper', orderId: 'o-many', totalPaid: 30 }));
		await runGameball(credentials, order('reverseTransactions', { orderId: 'o-many' }));
		const { outputs, error } = await runGameball(credentials, order('getTransactions', { orderId: '={{ $json.order }}' }), [
			{ order: 'o-many' },
			{ order: 'o-1' },
		]);
		expect(error).toBeUndefined();
		expect(lastRequest().method).toBe('GET');
		expect(lastRequest().path).toBe(`${API}/orders/o-1/transactions`);
		expect(outputs[0].map((item) => [item.json.orderId, item.json.transactionType, item.pairedItem])).toEqual([
			['o-many', 'PaymentReward', { item: 0 }],
			['o-many', 'Cancel', { item: 0 }],
			['o-1', 'PaymentReward', { item: 1 }],
		]);
		expect(Object.keys(outputs[0][2].json).sort()).toEqual(
			['amount', 'equivalentPoints', 'gameballTransactionId', 'orderId', 'transactionDate', 'transactionId', 'transactionType'],
		);

		const unknown = await runGameball(credentials, order('getTransactions', { orderId: 'no-such-order' }));
		expect(unknown.error?.message).toBe('9001: transaction problem');
	});

	it('gets the transactions of many orders through the batch API, sending bare order IDs', async () => {
		const { outputs } = await runGameball(
			credentials,
			order('getTransactions', { orderId: '={{ $json.order }}', batching: { mode: 'always', pollSeconds: 0.1 } }),
			[{ order: 'o-many' }, { order: 'no-such-order' }, { order: 'o-1' }],
			true,
		);
		const created = sim.requests.find((request) => request.path === `${API}/batch/orders/transactions`);
		expect(created?.body).toEqual({ body: ['o-many', 'no-such-order', 'o-1'] });
		// As the single call: one item per transaction, each naming its order; a failed order keeps its one error item.
		expect(outputs[0].map((item) => [item.json.orderId, item.json.transactionType, item.json.success, item.pairedItem])).toEqual([
			['o-many', 'PaymentReward', true, { item: 0 }],
			['o-many', 'Cancel', true, { item: 0 }],
			[undefined, undefined, false, { item: 1 }],
			['o-1', 'PaymentReward', true, { item: 2 }],
		]);
		expect(outputs[0][0].json).toMatchObject({ batchJobId: expect.any(String), batchKind: 'orders/transactions' });
		expect(outputs[0][0].json).not.toHaveProperty('transactions');
		expect(outputs[0][2].json.error).toMatch(/^9001: /);
	});

	it('reverses the transactions of an order once', async () => {
		const { outputs, error } = await runGameball(credentials, order('reverseTransactions', { orderId: 'o-2' }));
		expect(error).toBeUndefined();
		expect(lastRequest().method).toBe('DELETE');
		expect(lastRequest().path).toBe(`${API}/orders/o-2/transactions`);
		expect(outputs[0][0].json).toMatchObject({ success: true, orderId: 'o-2' });
		expect(sim.ledger().some((entry) => entry.type === 'Cancel' && entry.transactionId === 'o-2')).toBe(true);

		const again = await runGameball(credentials, order('reverseTransactions', { orderId: 'o-2' }));
		expect(again.error?.message).toMatch(/^9004: /);
	});
});
