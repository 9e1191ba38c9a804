import { startSimulator } from '../../simulator';
import { clientFor, nowIso, useSimulator } from './client';

const { sim, call } = useSimulator();
beforeEach(() => sim().reset());

async function createCustomer(customerId: string, extra: Record<string, unknown> = {}) {
	const answer = await call('POST', '/customers', { customerId, email: `${customerId}@example.com`, ...extra });
	expect(answer.status).toBe(200);
	return answer.json as { gameballId: number };
}

async function balance(customerId: string) {
	const answer = await call('GET', `/customers/${customerId}/balance`);
	expect(answer.status).toBe(200);
	return answer.json as { availablePointsBalance: number; pendingPoints: number; totalPointsBalance: number; totalEarnedPoints: number };
}

describe('customers', () => {
	it('creating an existing customer is an upsert', async () => {
		const first = await createCustomer('up-1');
		const again = await call('POST', '/customers', { customerId: 'up-1', mobile: '+201000000001', customerAttributes: { displayName: 'Up One', city: 'Cairo' } });
		expect(again.status).toBe(200);
		expect(again.json.gameballId).toBe(first.gameballId);
		const details = await call('GET', '/customers/up-1/details');
		expect(details.json.customerAttributes).toMatchObject({ email: 'up-1@example.com', mobile: '+201000000001', displayName: 'Up One', city: 'Cairo' });
		expect(sim().state.customers.size).toBe(1);
	});

	it('deletes a customer', async () => {
		await createCustomer('del-1');
		expect((await call('DELETE', '/customers/del-1')).status).toBe(200);
		expect((await call('GET', '/customers/del-1')).status).toBe(404);
	});
});

describe('deduplication and the ledger', () => {
	it('applies a transactionId once and answers 9004 on a repeat', async () => {
		await createCustomer('dup-1');
		const body = { customerId: 'dup-1', transactionId: 'T-100', transactionTime: nowIso(), amount: 120 };
		const first = await call('POST', '/transactions/cashback', body);
		expect(first.status).toBe(200);
		expect(first.json.rewardEquivalentPoints).toBe(120);
		const repeat = await call('POST', '/transactions/cashback', body);
		expect(repeat.status).toBe(400);
		expect(repeat.json.code).toBe(9004);
		expect((await balance('dup-1')).availablePointsBalance).toBe(120);
		const entries = sim().ledger().filter((entry) => entry.transactionId === 'T-100');
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ customerId: 'dup-1', type: 'PaymentReward', points: 120, dedupKey: 'cashback:T-100' });
	});

	it('deduplicates orders on orderId', async () => {
		await createCustomer('dup-2');
		const order = { customerId: 'dup-2', orderId: 'O-1', orderDate: nowIso(), totalPaid: 80, lineItems: [{ productId: 'A', price: 30, quantity: 2 }, { productId: 'B', price: 20, quantity: 1 }] };
		const first = await call('POST', '/orders', order);
		expect(first.status).toBe(200);
		expect(first.json.rewardedPoints).toBe(80);
		expect(first.json.lineItems.map((line: { points: number }) => line.points)).toEqual([60, 20]);
		const repeat = await call('POST', '/orders', order);
		expect(repeat.status).toBe(400);
		expect(repeat.json.code).toBe(9004);
		expect(sim().ledger().filter((entry) => entry.orderId === 'O-1')).toHaveLength(1);
	});

	it('keeps every dedup key unique across the ledger', async () => {
		await createCustomer('dup-3');
		for (const transactionId of ['a', 'b', 'a', 'c', 'b']) {
			await call('POST', '/transactions/cashback', { customerId: 'dup-3', transactionId, transactionTime: nowIso(), amount: 10 });
		}
		const keys = sim().ledger().map((entry) => entry.dedupKey);
		expect(keys).toEqual(['cashback:a', 'cashback:b', 'cashback:c']);
		expect((await balance('dup-3')).availablePointsBalance).toBe(30);
	});
});

describe('redemption, holds and refunds', () => {
	it('answers 9008 when points are insufficient and applies nothing', async () => {
		await createCustomer('r-1');
		await call('POST', '/transactions/cashback', { customerId: 'r-1', transactionId: 'C1', transactionTime: nowIso(), amount: 40 });
		const tooMuch = await call('POST', '/transactions/redeem', { customerId: 'r-1', transactionId: 'R1', transactionTime: nowIso(), points: 41 });
		expect(tooMuch.status).toBe(400);
		expect(tooMuch.json.code).toBe(9008);
		expect(sim().ledger().some((entry) => entry.type === 'Redemption')).toBe(false);
		const byAmount = await call('POST', '/transactions/redeem', { customerId: 'r-1', transactionId: 'R1', transactionTime: nowIso(), amount: 2.5 });
		expect(byAmount.status).toBe(200);
		expect(byAmount.json).toMatchObject({ redeemAmount: 2.5, redeemEquivalentPoints: 25, transactionId: 'R1' });
		expect((await balance('r-1')).availablePointsBalance).toBe(15);
	});

	it('holds points, redeems the hold once, and releases holds', async () => {
		await createCustomer('h-1');
		await call('POST', '/transactions/cashback', { customerId: 'h-1', transactionId: 'C1', transactionTime: nowIso(), amount: 100 });
		const hold = await call('POST', '/transactions/hold', { customerId: 'h-1', transactionTime: nowIso(), pointsToHold: 60 });
		expect(hold.status).toBe(200);
		expect((await balance('h-1')).availablePointsBalance).toBe(40);
		const overHold = await call('POST', '/transactions/hold', { customerId: 'h-1', transactionTime: nowIso(), pointsToHold: 50 });
		expect(overHold.json.code).toBe(9008);
		const reference = hold.json.holdReference as string;
		expect((await call('GET', `/transactions/hold/${reference}`)).json).toMatchObject({ state: 'Active', holdEquivalentPoints: 60 });
		const redeemed = await call('POST', '/transactions/redeem', { customerId: 'h-1', transactionId: 'R-H', transactionTime: nowIso(), holdReference: reference });
		expect(redeemed.json.redeemEquivalentPoints).toBe(60);
		expect((await call('GET', `/transactions/hold/${reference}`)).json.state).toBe('Redeemed');
		expect((await balance('h-1')).availablePointsBalance).toBe(40);
		const second = await call('POST', '/transactions/hold', { customerId: 'h-1', transactionTime: nowIso(), amountToHold: 1 });
		expect(second.json.holdEquivalentPoints).toBe(10);
		expect((await call('DELETE', `/transactions/hold/${second.json.holdReference as string}`)).status).toBe(200);
		expect((await balance('h-1')).availablePointsBalance).toBe(40);
	});

	it('an order refused for a coupon redeems none of its points hold', async () => {
		await createCustomer('h-2');
		await call('POST', '/transactions/cashback', { customerId: 'h-2', transactionId: 'C2', transactionTime: nowIso(), amount: 100 });
		const hold = await call('POST', '/transactions/hold', { customerId: 'h-2', transactionTime: nowIso(), pointsToHold: 60 });
		const reference = hold.json.holdReference as string;
		const entries = sim().ledger().length;
		const order = { customerId: 'h-2', orderId: 'O-H2', orderDate: nowIso(), totalPaid: 10 };
		const refused = await call('POST', '/orders', { ...order, redemption: { pointsHoldReference: reference, couponCodes: ['NO-SUCH-COUPON'] } });
		expect(refused.json.code).toBe(9020);
		expect(sim().ledger()).toHaveLength(entries);
		expect((await call('GET', `/transactions/hold/${reference}`)).json.state).toBe('Active');
		// Refused by a check of the burn itself (a coupon locked under another reference): still nothing applied.
		// Two coupons of 50 points each, paid by a second cashback of 100.
		await call('POST', '/transactions/cashback', { customerId: 'h-2', transactionId: 'C2b', transactionTime: nowIso(), amount: 100 });
		const coupon = async () => (await call('POST', '/coupons/predefined', { customerId: 'h-2', ruleId: 1 })).json.code as string;
		const [x, y] = [await coupon(), await coupon()];
		const lockOf = async (code: string) => (await call('POST', `/coupons/${code}/validate`, { customerId: 'h-2', lock: true, totalPurchaseAmount: 40 })).json.lockReference as string;
		await lockOf(x);
		const lockY = await lockOf(y);
		const ledgerBefore = sim().ledger().length;
		const mixed = await call('POST', '/orders', { ...order, redemption: { pointsHoldReference: reference, couponsLockReference: lockY, couponCodes: [x] } });
		expect(mixed.json.code).toBe(9021);
		expect(sim().ledger()).toHaveLength(ledgerBefore);
		expect((await call('GET', `/transactions/hold/${reference}`)).json.state).toBe('Active');
		// Refused by its return window (a payment's is unbounded in the contract): still nothing applied.
		const endless = await call('POST', '/payments', {
			customerId: 'h-2', paymentId: 'P-H2', paymentDate: nowIso(), totalPaid: 10,
			redemption: { pointsHoldReference: reference }, cashbackConfigurations: { returnWindow: 1e9 },
		});
		expect(endless.status).toBe(400);
		expect(endless.json.message).toMatch(/^returnWindow 1000000000 days ends past any date/);
		expect(sim().ledger()).toHaveLength(ledgerBefore);
		expect((await call('GET', `/transactions/hold/${reference}`)).json.state).toBe('Active');
		// Sent again without the coupon, the order goes through and redeems the hold once.
		expect((await call('POST', '/orders', { ...order, redemption: { pointsHoldReference: reference } })).status).toBe(200);
		expect((await call('GET', `/transactions/hold/${reference}`)).json.state).toBe('Redeemed');
		expect((await balance('h-2')).availablePointsBalance).toBe(50); // 100 + 100 cashback − 60 held − 2 × 50 for coupons + 10 earned
	});

	it('refunds part of an order and reverses the rest', async () => {
		await createCustomer('f-1');
		await call('POST', '/orders', { customerId: 'f-1', orderId: 'O-9', orderDate: nowIso(), totalPaid: 200 });
		const partial = await call('POST', '/transactions/refund', { customerId: 'f-1', refundTransactionId: 'RF-1', reverseTransactionId: 'O-9', transactionTime: nowIso(), refundAmount: 50 });
		expect(partial.status).toBe(200);
		expect(partial.json.refundEquivalentPoints).toBe(50);
		expect((await call('POST', '/transactions/refund', { customerId: 'f-1', refundTransactionId: 'RF-1', reverseTransactionId: 'O-9', transactionTime: nowIso() })).json.code).toBe(9004);
		const tooMuch = await call('POST', '/transactions/refund', { customerId: 'f-1', refundTransactionId: 'RF-2', reverseTransactionId: 'O-9', transactionTime: nowIso(), refundAmount: 151 });
		expect(tooMuch.status).toBe(400);
		expect((await balance('f-1')).totalPointsBalance).toBe(150);
		const reverse = await call('DELETE', '/orders/O-9/transactions');
		expect(reverse.status).toBe(200);
		expect((await balance('f-1')).totalPointsBalance).toBe(0);
		const history = await call('GET', '/orders/O-9/transactions');
		expect(history.json.transactions.map((entry: { transactionType: string }) => entry.transactionType)).toEqual(['PaymentReward', 'Refund', 'Cancel']);
	});

	it('keeps points pending during a return window until activated', async () => {
		await createCustomer('p-1');
		await call('POST', '/orders', { customerId: 'p-1', orderId: 'O-P', orderDate: nowIso(), totalPaid: 70, cashbackConfigurations: { returnWindow: 14 } });
		expect(await balance('p-1')).toMatchObject({ availablePointsBalance: 0, pendingPoints: 70, totalPointsBalance: 70 });
		const activated = await call('PUT', '/transactions/O-P/activate');
		expect(activated.json).toMatchObject({ clientTransactionId: 'O-P', pointsActivated: 70 });
		expect(await balance('p-1')).toMatchObject({ availablePointsBalance: 70, pendingPoints: 0 });
	});

	it('adds and deducts points manually, never below zero', async () => {
		await createCustomer('m-1');
		expect((await call('POST', '/transactions/manual', { customerId: 'm-1', transactionId: 'M1', username: 'admin', reason: 'goodwill', points: 30 })).status).toBe(200);
		const deduct = await call('POST', '/transactions/manual', { customerId: 'm-1', transactionId: 'M2', username: 'admin', reason: 'fix', points: -31 });
		expect(deduct.json.code).toBe(9008);
		expect((await call('POST', '/transactions/manual', { customerId: 'm-1', transactionId: 'M1', username: 'admin', reason: 'again', points: 30 })).json.code).toBe(9004);
		const list = await call('GET', '/transactions?customerId=m-1&direction=%2B');
		expect(list.json.transactions).toHaveLength(1);
		expect((await call('GET', '/transactions/count?customerId=m-1')).json.count).toBe(1);
	});
});

describe('tiers', () => {
	it('moves through the tier table by total points earned', async () => {
		await createCustomer('t-1');
		expect((await call('GET', '/customers/t-1/tier-progress')).json.current.name).toBe('Bronze');
		await call('POST', '/transactions/cashback', { customerId: 't-1', transactionId: 'C1', transactionTime: nowIso(), amount: 520 });
		const progress = await call('GET', '/customers/t-1/tier-progress');
		expect(progress.json).toMatchObject({ current: { name: 'Gold', order: 3, minProgress: 500 }, next: { name: 'Platinum', minProgress: 2000 }, progress: 520 });
		await call('POST', '/transactions/redeem', { customerId: 't-1', transactionId: 'R1', transactionTime: nowIso(), points: 500 });
		expect((await call('GET', '/customers/t-1/tier-progress')).json.current.name).toBe('Gold');
		const tiers = await call('GET', '/configurations/tiers');
		expect(tiers.json.map((tier: { name: string; minProgress: number }) => [tier.name, tier.minProgress])).toEqual([['Bronze', 0], ['Silver', 100], ['Gold', 500], ['Platinum', 2000]]);
	});

	it('uses a custom tier table and cashback rule', async () => {
		const custom = await startSimulator({ rateLimits: false, tiers: [{ name: 'Basic', order: 1, minPoints: 0 }, { name: 'VIP', order: 2, minPoints: 50 }], pointsPerCurrencyUnit: 2 });
		try {
			const customCall = clientFor(custom);
			await customCall('POST', '/customers', { customerId: 'x' });
			const earned = await customCall('POST', '/transactions/cashback', { customerId: 'x', transactionId: 'C', transactionTime: nowIso(), amount: 30 });
			expect(earned.json.rewardEquivalentPoints).toBe(60);
			expect((await customCall('GET', '/customers/x/tier-progress')).json.current).toMatchObject({ name: 'VIP', order: 2 });
		} finally {
			await custom.stop();
		}
	});
});

describe('events, referrals, coupons', () => {
	it('rewards event campaigns and reports progress', async () => {
		await createCustomer('e-1');
		await call('POST', '/events', { customerId: 'e-1', events: { write_review: { rating: 5 } } });
		expect((await balance('e-1')).availablePointsBalance).toBe(25);
		for (let index = 0; index < 5; index++) await call('POST', '/events', { customerId: 'e-1', events: { purchase_coffee: {} } });
		const stamps = await call('GET', '/customers/e-1/stamps/105');
		expect(stamps.json).toMatchObject({ numberOfTimesEarned: 1, numberOfCompletedSteps: 0 });
		expect((await call('GET', '/customers/e-1/coupons')).json.coupons).toHaveLength(1);
		const preview = await call('POST', '/events/reward-preview', { customerId: 'e-1', events: { write_review: {} } });
		expect(preview.json.totalPoints).toBe(25);
	});

	it('rewards referrals and validates referral codes', async () => {
		await createCustomer('ref-a');
		const code = (await call('GET', '/customers/ref-a')).json.referralCode as string;
		expect((await call('GET', `/referrals/validate?referrerCode=${code}&forCustomerId=ref-b`)).json.isValid).toBe(true);
		expect((await call('GET', `/referrals/validate?referrerCode=${code}&forCustomerId=ref-a`)).json.isValid).toBe(false);
		await createCustomer('ref-b', { referrerCode: code });
		expect((await call('GET', '/customers/ref-a/referrals/count')).json).toMatchObject({ count: 1, totalPending: 1 });
		expect((await balance('ref-a')).availablePointsBalance).toBe(50);
		expect((await call('GET', '/customers/ref-b')).json.isReferred).toBe(true);
	});

	it('generates, validates with a lock, and burns a coupon once', async () => {
		await createCustomer('cp-1');
		await call('POST', '/transactions/cashback', { customerId: 'cp-1', transactionId: 'C', transactionTime: nowIso(), amount: 100 });
		const coupon = await call('POST', '/coupons/predefined', { customerId: 'cp-1', ruleId: 1 });
		expect(coupon.status).toBe(200);
		expect((await balance('cp-1')).availablePointsBalance).toBe(50);
		const code = coupon.json.code as string;
		const validated = await call('POST', `/coupons/${code}/validate`, { customerId: 'cp-1', lock: true, totalPurchaseAmount: 40 });
		expect(validated.json).toMatchObject({ valid: true, coupon: { code, type: 'fixed', value: 5 } });
		const lockReference = validated.json.lockReference as string;
		expect((await call('POST', '/coupons/validate', { customerId: 'cp-1', coupons: [code] })).json.valid).toBe(false);
		expect((await call('POST', '/coupons/burn', { customerId: 'cp-1', lockReference })).json.success).toBe(true);
		expect((await call('POST', '/coupons/burn', { customerId: 'cp-1', coupons: [code] })).status).toBe(400);
	});
});

describe('fields Gameball takes only one of', () => {
	/** A 400 with Gameball's error body, code 3003, whose message starts as given. */
	function expectRefused(answer: { status: number; json: any }, message: string) {
		expect(answer.status).toBe(400);
		expect(answer.json).toMatchObject({ code: 3003, type: 'PAYLOAD_ERROR', requestId: expect.any(String), documentationUrl: expect.any(String) });
		expect(answer.json.message).toMatch(new RegExp(`^${message}`));
	}

	it('redeem: refuses points or amount with a hold reference, and leaves the hold and the balance untouched', async () => {
		await createCustomer('x-r');
		await call('POST', '/transactions/cashback', { customerId: 'x-r', transactionId: 'C', transactionTime: nowIso(), amount: 100 });
		const reference = (await call('POST', '/transactions/hold', { customerId: 'x-r', transactionTime: nowIso(), pointsToHold: 30 })).json.holdReference as string;
		const base = { customerId: 'x-r', transactionTime: nowIso() };
		const only = 'Only one of amount, points, holdReference may be provided';
		expectRefused(await call('POST', '/transactions/redeem', { ...base, transactionId: 'R1', points: 10, holdReference: reference }), `${only} \\(got points and holdReference\\)`);
		expectRefused(await call('POST', '/transactions/redeem', { ...base, transactionId: 'R2', amount: 1, points: 10 }), only);
		expectRefused(await call('POST', '/transactions/redeem', { ...base, transactionId: 'R3', amount: 1, points: 10, holdReference: reference }), only);
		expect((await call('GET', `/transactions/hold/${reference}`)).json.state).toBe('Active');
		expect((await balance('x-r')).availablePointsBalance).toBe(70);
		expect(sim().ledger().some((entry) => entry.type === 'Redemption')).toBe(false);
		// Each alone still works, and the refused IDs stay free.
		expect((await call('POST', '/transactions/redeem', { ...base, transactionId: 'R1', holdReference: reference })).json.redeemEquivalentPoints).toBe(30);
		expect((await call('POST', '/transactions/redeem', { ...base, transactionId: 'R2', points: 10 })).status).toBe(200);
	});

	it('hold: refuses two of ruleId, amountToHold and pointsToHold, and holds nothing', async () => {
		await createCustomer('x-h');
		await call('POST', '/transactions/cashback', { customerId: 'x-h', transactionId: 'C', transactionTime: nowIso(), amount: 100 });
		const base = { customerId: 'x-h', transactionTime: nowIso() };
		const only = 'Only one of ruleId, amountToHold, pointsToHold may be provided';
		expectRefused(await call('POST', '/transactions/hold', { ...base, ruleId: '1', pointsToHold: 10 }), `${only} \\(got ruleId and pointsToHold\\)`);
		expectRefused(await call('POST', '/transactions/hold', { ...base, amountToHold: 1, pointsToHold: 10 }), only);
		expect(sim().state.holds.size).toBe(0);
		expect((await balance('x-h')).availablePointsBalance).toBe(100);
		expect((await call('POST', '/transactions/hold', { ...base, ruleId: '1' })).status).toBe(200);
	});

	it('manual: refuses points with amount, neither, and an expiry on a deduction, in its documented { error, message } shape', async () => {
		await createCustomer('x-m');
		const base = { customerId: 'x-m', username: 'ops', reason: 'test', transactionTime: nowIso() };
		const documented = (message: string) => ({ status: 400, json: { error: 400, message } });
		expect(await call('POST', '/transactions/manual', { ...base, transactionId: 'M1', points: 10, amount: 1 })).toMatchObject(documented('Only one rewarding method may be specified'));
		expect(await call('POST', '/transactions/manual', { ...base, transactionId: 'M0' })).toMatchObject(documented('A rewarding criteria is required'));
		expect((await call('POST', '/transactions/manual', { ...base, transactionId: 'M2', points: 50, expiryAfter: 30 })).status).toBe(200);
		expect(await call('POST', '/transactions/manual', { ...base, transactionId: 'M3', points: -10, expiryAfter: 30 })).toMatchObject(documented('Deduction cannot have expiry'));
		expect(await call('POST', '/transactions/manual', { ...base, transactionId: 'M4', amount: -1, expiryAfter: 0 })).toMatchObject(documented('Deduction cannot have expiry'));
		expectRefused(await call('POST', '/transactions/manual', { ...base, transactionId: 'M5', points: 10, expiryAfter: -1 }), 'expiryAfter must be >= 0');
		expect(sim().ledger().map((entry) => entry.transactionId)).toEqual(['M2']);
		expect((await balance('x-m')).availablePointsBalance).toBe(50);
		expect((await call('POST', '/transactions/manual', { ...base, transactionId: 'M3', points: -10 })).status).toBe(200);
	});

	it('coupon burn: refuses coupons with a lockReference, and burns nothing', async () => {
		await createCustomer('x-c');
		await call('POST', '/transactions/cashback', { customerId: 'x-c', transactionId: 'C', transactionTime: nowIso(), amount: 200 });
		const first = (await call('POST', '/coupons/predefined', { customerId: 'x-c', ruleId: 1 })).json.code as string;
		const second = (await call('POST', '/coupons/predefined', { customerId: 'x-c', ruleId: 1 })).json.code as string;
		const lockReference = (await call('POST', `/coupons/${first}/validate`, { customerId: 'x-c', lock: true, totalPurchaseAmount: 40 })).json.lockReference as string;
		expectRefused(await call('POST', '/coupons/burn', { customerId: 'x-c', coupons: [second], lockReference }), 'Only one of coupons, lockReference may be provided');
		expect([first, second].map((code) => sim().state.coupons.get(code)?.usedCount)).toEqual([0, 0]);
		expect(sim().state.couponLocks.has(lockReference)).toBe(true);
		expect((await call('POST', '/coupons/burn', { customerId: 'x-c', lockReference })).json.success).toBe(true);
	});
});
