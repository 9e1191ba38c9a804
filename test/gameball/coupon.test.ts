import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'holder' });
	await runGameball(credentials, { resource: 'order', operation: 'track', customerId: 'holder', orderId: 'seed', totalPaid: 500 });
});
afterAll(async () => await sim.stop());

const coupon = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'coupon', operation, ...extra });
const lastRequest = () => sim.requests[sim.requests.length - 1];
const API = '/api/v4.0/integrations';

async function newCoupon(): Promise<string> {
	const { outputs, error } = await runGameball(credentials, coupon('createPredefined', { customerId: 'holder', ruleId: 1 }));
	expect(error).toBeUndefined();
	return String(outputs[0][0].json.code);
}

describe('Coupon', () => {
	it('creates a coupon from a redemption rule, and reports an unknown rule and customer', async () => {
		const code = await newCoupon();
		expect(lastRequest().path).toBe(`${API}/coupons/predefined`);
		expect(lastRequest().body).toEqual({ customerId: 'holder', ruleId: 1 });
		expect(code).toMatch(/^GB-/);

		const { outputs } = await runGameball(
			credentials,
			coupon('createPredefined', { customerId: '={{ $json.customer }}', ruleId: '={{ $json.rule }}' }),
			[
				{ customer: 'holder', rule: 999 },
				{ customer: 'nobody', rule: 1 },
			],
			true,
		);
		expect(outputs[0].map((item) => item.json.error)).toEqual([expect.stringMatching(/^6004: /), '7000: customer not found']);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('redeems a coupon in an order only once it is locked, as Gameball documents', async () => {
		const code = await newCoupon();
		const track = (orderId: string, redemption: object) =>
			runGameball(credentials, { resource: 'order', operation: 'track', customerId: 'holder', orderId, totalPaid: 50, additionalFields: { redemption: JSON.stringify(redemption) } });
		const unlocked = await track('o-unlocked', { couponCodes: [code] });
		expect(unlocked.error?.message).toMatch(/^9021: /);
		expect(sim.state.coupons.get(code)?.usedCount).toBe(0);

		const locked = await runGameball(credentials, coupon('validate', { code, customerId: 'holder', additionalFields: { lock: true } }));
		const { lockReference } = locked.outputs[0][0].json;
		const redeemed = await track('o-locked', { couponsLockReference: lockReference });
		expect(redeemed.error).toBeUndefined();
		expect(sim.state.coupons.get(code)?.usedCount).toBe(1);
	});

	it('validates and locks one coupon, then releases the lock once', async () => {
		const code = await newCoupon();
		const { outputs, error } = await runGameball(
			credentials,
			coupon('validate', { code, customerId: 'holder', additionalFields: { lock: true, lockDuration: 5, totalPurchaseAmount: 50, collectionsIds: 'c1, c2' } }),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`${API}/coupons/${code}/validate`);
		expect(lastRequest().body).toEqual({ customerId: 'holder', lock: true, lockDuration: 5, totalPurchaseAmount: 50, collectionsIds: ['c1', 'c2'] });
		const { valid, lockReference } = outputs[0][0].json;
		expect(valid).toBe(true);
		expect(lockReference).toEqual(expect.any(String));

		const released = await runGameball(credentials, coupon('releaseLock', { lockReference }));
		expect(released.error).toBeUndefined();
		expect(lastRequest().method).toBe('DELETE');
		expect(lastRequest().path).toBe(`${API}/coupons/${String(lockReference)}`);
		expect(released.outputs[0][0].json.releasedCoupons).toEqual([code]);

		const again = await runGameball(credentials, coupon('releaseLock', { lockReference }));
		expect(again.error?.message).toMatch(/^9022: /);
	});

	it('refuses a Lock Reference or Lock Duration without Lock, which Gameball would ignore, leaving nothing locked', async () => {
		const sent = sim.requests.length;
		const one = await runGameball(credentials, coupon('validate', { code: 'ANY', customerId: 'holder', additionalFields: { lockReference: 'L9' } }));
		expect(one.error?.message).toBe('"Lock Reference" applies only with "Lock" on: turn Lock on to reserve the coupons, or remove it');
		const many = await runGameball(credentials, coupon('validateMany', { customerId: 'holder', coupons: 'A, B', additionalFields: { lock: false, lockReference: 'L9', lockDuration: 30 } }));
		expect(many.error?.message).toBe('"Lock Reference" and "Lock Duration (Minutes)" apply only with "Lock" on: turn Lock on to reserve the coupons, or remove them');
		expect(sim.requests.length).toBe(sent);
	});

	it('reports an unknown customer when validating one coupon', async () => {
		const { error } = await runGameball(credentials, coupon('validate', { code: 'ANY', customerId: 'nobody' }));
		expect(error?.message).toBe('7000: customer not found');
	});

	it('validates several coupons given as a comma-separated list, and requires the list', async () => {
		const [first, second] = [await newCoupon(), await newCoupon()];
		const { outputs, error } = await runGameball(credentials, coupon('validateMany', { customerId: 'holder', coupons: ` ${first}, ${second} ,` }));
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`${API}/coupons/validate`);
		expect(lastRequest().body).toEqual({ customerId: 'holder', coupons: [first, second] });
		expect(outputs[0][0].json.valid).toBe(true);
		expect((outputs[0][0].json.coupons as unknown[]).length).toBe(2);

		const before = sim.requests.length;
		const empty = await runGameball(credentials, coupon('validateMany', { customerId: 'holder', coupons: '={{ $json.codes }}' }));
		expect(empty.error?.message).toBe('"Coupon Codes" is required');
		expect(sim.requests.length).toBe(before);
	});

	it('burns a coupon once', async () => {
		const code = await newCoupon();
		const { outputs, error } = await runGameball(
			credentials,
			coupon('burn', { customerId: 'holder', additionalFields: { coupons: code, transactionId: 'order-9', transactionTime: '2026-11-02T08:00:00Z' } }),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`${API}/coupons/burn`);
		expect(lastRequest().body).toEqual({ customerId: 'holder', coupons: [code], transactionId: 'order-9', transactionTime: '2026-11-02T08:00:00.000Z' });
		expect(outputs[0][0].json.success).toBe(true);

		const again = await runGameball(credentials, coupon('burn', { customerId: 'holder', additionalFields: { coupons: code } }));
		expect(again.error?.message).toMatch(/^9021: /);
	});

	it('applies the automatic coupon to a qualifying cart, and reports an unknown customer', async () => {
		const { outputs, error } = await runGameball(
			credentials,
			coupon('applyAutomatic', {
				customerId: 'holder',
				cartId: 'cart-1',
				additionalFields: { lineItems: '[{"productId": "p1", "price": 60, "quantity": 2}]', totalShipping: 5 },
			}),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`${API}/coupons/automatic`);
		expect(lastRequest().body).toEqual({
			customerId: 'holder',
			cartId: 'cart-1',
			lineItems: [{ productId: 'p1', price: 60, quantity: 2 }],
			totalShipping: 5,
		});
		expect(outputs[0][0].json).toMatchObject({ isApplied: true, discountAmount: 12 });

		const unknown = await runGameball(credentials, coupon('applyAutomatic', { customerId: 'nobody', cartId: 'cart-2' }));
		expect(unknown.error?.message).toBe('7000: customer not found');
	});
});
