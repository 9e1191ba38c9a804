// Fields Gameball takes exactly one of (redeem: amount, points or holdReference; hold: ruleId, amountToHold or
// pointsToHold; manual adjustment: points or amount; coupon burn: coupons or lockReference) are refused together,
// or when none is set, per item and before anything is sent: never a redemption of points that leaves a hold untouched.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import { resources } from '../../nodes/Gameball/actions/resources';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'single' });
	await runGameball(credentials, { resource: 'transaction', operation: 'manualAdjustment', customerId: 'single', transactionId: 'single-fund', username: 'u', reason: 'fund', additionalFields: { points: 1000 } });
});
afterAll(async () => await sim.stop());

const callsTo = (suffix: string) => sim.requests.filter((request) => request.method === 'POST' && request.path.endsWith(suffix)).length;
const errors = (outputs: Array<Array<{ json: { error?: unknown } }>>) => outputs[0].map((item) => item.json.error);

describe('fields Gameball takes only one of', () => {
	it('Send OTP refuses none, or more than one, of Rule ID, Points and Amount', async () => {
		const before = callsTo('/transactions/otp');
		const params = { resource: 'transaction', operation: 'sendOtp', customerId: 'single', additionalFields: { points: '={{ $json.points }}', amount: '={{ $json.amount }}' } };
		const { outputs } = await runGameball(credentials, params, [{ points: 10 }, { points: 10, amount: 5 }, {}], true);
		expect(errors(outputs)).toEqual([
			undefined,
			'Set only one of "Rule ID", "Points" or "Amount", not "Points" and "Amount"',
			'Set one of "Rule ID", "Points" or "Amount"',
		]);
		expect(callsTo('/transactions/otp') - before).toBe(1);
	});

	it('a choice added and left at 0 is refused by name, not sent as the choice (a 0-point redeem, a hold of nothing)', async () => {
		const cases: Array<[string, IDataObject, string]> = [
			['redeem', { transactionId: 'single-zero', additionalFields: { points: 0 }, batching: { mode: 'never' } }, '"Points" is 0: give it a value, or remove it and set one of "Amount" or "Hold Reference"'],
			['hold', { transactionTime: '2026-12-01T10:00:00Z', additionalFields: { amountToHold: 0 } }, '"Amount to Hold" is 0: give it a value, or remove it and set one of "Rule ID" or "Points to Hold"'],
			['manualAdjustment', { transactionId: 'single-adj-zero', username: 'u', reason: 'r', additionalFields: { points: 0 } }, '"Points" is 0: give it a value, or remove it and set one of "Amount"'],
			['sendOtp', { additionalFields: { ruleId: 0 } }, '"Rule ID" is 0: give it a value, or remove it and set one of "Points" or "Amount"'],
		];
		const sent = sim.requests.length;
		for (const [operation, extra, message] of cases) {
			const { error } = await runGameball(credentials, { resource: 'transaction', operation, customerId: 'single', ...extra });
			expect(error?.message).toBe(message);
		}
		expect(sim.requests.length).toBe(sent);
	});

	it('Refund refuses a Refund Amount of 0 or less: leaving it out is how a full refund is asked for', async () => {
		const sent = sim.requests.length;
		for (const refundAmount of [0, -5]) {
			const params = { resource: 'transaction', operation: 'refund', customerId: 'single', refundTransactionId: 'rf-zero', reverseTransactionId: 'x', transactionTime: '2026-12-01T10:00:00Z', additionalFields: { refundAmount } };
			const { error } = await runGameball(credentials, params);
			expect(error?.message).toBe(`"Refund Amount" must be more than 0 (got ${refundAmount}): to refund in full, remove it`);
		}
		expect(sim.requests.length).toBe(sent);
	});

	it('Reward Cashback refuses an Amount of 0 (its default): sent, it would use up the Transaction ID for nothing', async () => {
		const sent = sim.requests.length;
		const params = { resource: 'transaction', operation: 'cashback', customerId: 'single', transactionId: 'cb-zero', amount: 0, transactionTime: '2026-12-01T10:00:00Z' };
		const { error } = await runGameball(credentials, params);
		expect(error?.message).toBe('"Amount" is 0: a cashback of 0 rewards nothing and uses up the Transaction ID');
		expect(sim.requests.length).toBe(sent);
		const paid = await runGameball(credentials, { ...params, amount: 0.5 });
		expect(paid.error).toBeUndefined();
		expect(sim.requests.length).toBe(sent + 1);
	});

	it('Redeem refuses none, two or three of Points, Amount and Hold Reference, item by item', async () => {
		const before = callsTo('/transactions/redeem');
		const params = {
			resource: 'transaction',
			operation: 'redeem',
			customerId: 'single',
			transactionId: '=single-r-{{ $itemIndex }}',
			additionalFields: { points: '={{ $json.points }}', amount: '={{ $json.amount }}', holdReference: '={{ $json.hold }}' },
			batching: { mode: 'never' },
		};
		const { outputs } = await runGameball(
			credentials,
			params,
			[{ points: 10 }, { points: 10, amount: 1 }, { points: 10, hold: 'HOLD-1' }, { points: 10, amount: 1, hold: 'HOLD-1' }, {}],
			true,
		);
		const only = 'Set only one of "Points", "Amount" or "Hold Reference"';
		expect(errors(outputs)).toEqual([
			undefined,
			`${only}, not "Points" and "Amount"`,
			`${only}, not "Points" and "Hold Reference"`,
			`${only}, not "Points", "Amount" and "Hold Reference"`,
			'Set one of "Points", "Amount" or "Hold Reference"',
		]);
		expect(callsTo('/transactions/redeem') - before).toBe(1);
	});

	it('Hold Points refuses Points to Hold with a Rule ID or an Amount to Hold, and an item with none of them', async () => {
		const before = callsTo('/transactions/hold');
		const params = {
			resource: 'transaction',
			operation: 'hold',
			customerId: 'single',
			additionalFields: { pointsToHold: '={{ $json.points }}', amountToHold: '={{ $json.amount }}', ruleId: '={{ $json.rule }}' },
		};
		const { outputs } = await runGameball(credentials, params, [{ points: 5 }, { points: 5, rule: '1' }, { points: 5, amount: 1 }, {}], true);
		const only = 'Set only one of "Rule ID", "Amount to Hold" or "Points to Hold"';
		expect(errors(outputs)).toEqual([
			undefined,
			`${only}, not "Rule ID" and "Points to Hold"`,
			`${only}, not "Amount to Hold" and "Points to Hold"`,
			'Set one of "Rule ID", "Amount to Hold" or "Points to Hold"',
		]);
		expect(callsTo('/transactions/hold') - before).toBe(1);
	});

	it('Manual Adjustment refuses Points with Amount, neither, an expiry above 0 on a deduction, and a negative expiry', async () => {
		const before = callsTo('/transactions/manual');
		const params = {
			resource: 'transaction',
			operation: 'manualAdjustment',
			customerId: 'single',
			transactionId: '=single-m-{{ $itemIndex }}',
			username: 'u',
			reason: 'r',
			additionalFields: { points: '={{ $json.points }}', amount: '={{ $json.amount }}', expiryAfter: '={{ $json.expiry }}' },
		};
		const { outputs } = await runGameball(
			credentials,
			params,
			[{ points: 5, expiry: 30 }, { points: 5, amount: 1 }, { points: -5, expiry: 30 }, { amount: -1, expiry: 0 }, { points: -5 }, { points: 5, expiry: -1 }, { expiry: 30 }],
			true,
		);
		const deduction = '"Expire After (Days)" applies to additions only: remove it to deduct points';
		expect(errors(outputs)).toEqual([
			undefined,
			'Set only one of "Points" or "Amount", not "Points" and "Amount"',
			deduction,
			undefined, // an expiry of 0 is Gameball's "none set": the deduction goes without it
			undefined,
			'"Expire After (Days)" must be at least 0 (got -1)',
			'Set one of "Points" or "Amount"',
		]);
		expect(callsTo('/transactions/manual') - before).toBe(3);
		const zeroExpiry = sim.requests.find((request) => request.path.endsWith('/transactions/manual') && (request.body as IDataObject).transactionId === 'single-m-3');
		expect(zeroExpiry?.body).toMatchObject({ amount: -1 });
		expect(zeroExpiry?.body).not.toHaveProperty('expiryAfter');
		expect(sim.ledger().filter((entry) => ['single-m-0', 'single-m-3', 'single-m-4'].includes(String(entry.transactionId))).map((entry) => entry.transactionId)).toEqual(['single-m-0', 'single-m-3', 'single-m-4']);
	});

	it('Coupon Burn refuses coupon codes together with a lock reference, and the coupon stays usable', async () => {
		const created = await runGameball(credentials, { resource: 'coupon', operation: 'createPredefined', customerId: 'single', ruleId: 1 });
		const code = String(created.outputs[0][0].json.code);
		const before = callsTo('/coupons/burn');
		const { error } = await runGameball(credentials, { resource: 'coupon', operation: 'burn', customerId: 'single', additionalFields: { coupons: code, lockReference: 'LOCK-1' } });
		expect(error?.message).toBe('Set only one of "Coupon Codes" or "Lock Reference", not "Coupon Codes" and "Lock Reference"');
		expect(callsTo('/coupons/burn')).toBe(before);
		expect(sim.state.coupons.get(code)?.usedCount).toBe(0);
		const neither = await runGameball(credentials, { resource: 'coupon', operation: 'burn', customerId: 'single', additionalFields: {} });
		expect(neither.error?.message).toBe('Set one of "Coupon Codes" or "Lock Reference"');
		expect(callsTo('/coupons/burn')).toBe(before);
	});

	it('says "exactly one of" in the description of each such field, and offers no negative expiry', () => {
		const groups: Record<string, string[]> = {
			'transaction.redeem': ['points', 'amount', 'holdReference'],
			'transaction.hold': ['ruleId', 'amountToHold', 'pointsToHold'],
			'transaction.manualAdjustment': ['points', 'amount'],
			'coupon.burn': ['coupons', 'lockReference'],
		};
		const optionsOf = (key: string) => {
			const [resourceName, operationName] = key.split('.');
			const operation = resources.find(({ value }) => value === resourceName)?.operations.find(({ value }) => value === operationName);
			const collection = operation?.properties.find((property) => property.name === 'additionalFields');
			return (collection?.options ?? []) as INodeProperties[];
		};
		for (const [key, names] of Object.entries(groups)) {
			for (const name of names) expect(optionsOf(key).find((option) => option.name === name)?.description).toMatch(/Set exactly one of /);
		}
		const expiry = optionsOf('transaction.manualAdjustment').find((option) => option.name === 'expiryAfter');
		expect(expiry?.typeOptions?.minValue).toBe(0);
		expect(expiry?.description).toMatch(/Additions only/);
	});
});
