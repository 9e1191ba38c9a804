import type { IDataObject } from 'n8n-workflow';

import {
	customerKey,
	decodeSnapshot,
	DEDUPLICATION_WINDOW_MS,
	deliveryKey,
	encodeSnapshot,
	memorySize,
	mergeNewerCustomers,
	recallCustomer,
	rememberCustomer,
	rememberDelivery,
	wasDelivered,
} from '../../nodes/GameballTrigger/memory';
import { handleV4Delivery } from '../../nodes/GameballTrigger/pipeline';
import { FLUSH_MS } from '../../nodes/GameballTrigger/recentWrites';
import { emittedJson, newTrigger, profilePayload, sign, signedRequest, storedTable, v4Settings } from './fixtures';

const MINUTE = 60 * 1000;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function snapshot(tierOrder: number) {
	return { tierOrder, tierName: `Tier ${tierOrder}`, activatedPoints: tierOrder * 10, pendingPoints: 0, totalPoints: tierOrder * 10, referralCode: null, madeAt: null };
}

describe('memory.ts: deduplication keys', () => {
	const key = deliveryKey(Buffer.from(JSON.stringify(profilePayload())));

	it('uses 12-character keys that differ per body', () => {
		expect(key).toMatch(/^[A-Za-z0-9_-]{12}$/);
		expect(deliveryKey(Buffer.from('{"a":1}'))).not.toBe(key);
	});

	it.each([
		['5 minutes', 5],
		['25 minutes', 25],
		['85 minutes (Gameball\'s last retry)', 85],
		['119 minutes', 119],
	])('finds a retry %s later', (_label, minutes) => {
		const store: IDataObject = {};
		rememberDelivery(store, key, T0, 5000);
		expect(wasDelivered(store, key, T0 + minutes * MINUTE)).toBe(true);
	});

	it('forgets a delivery after the 2-hour window', () => {
		const store: IDataObject = {};
		rememberDelivery(store, key, T0, 5000);
		expect(wasDelivered(store, key, T0 + DEDUPLICATION_WINDOW_MS)).toBe(false);
		expect(wasDelivered(store, key, T0 + 3 * 60 * MINUTE)).toBe(false);
	});

	it('always remembers the last N keys, stores at most 2N, and forgets the oldest first', () => {
		const store: IDataObject = {};
		const keyOf = (i: number) => `key-${String(i).padStart(8, '0')}`;
		for (let i = 0; i < 12; i++) {
			rememberDelivery(store, keyOf(i), T0 + i, 5);
			expect(memorySize(store).deliveries).toBeLessThanOrEqual(10);
			for (let back = 0; back < 5 && back <= i; back++) expect(wasDelivered(store, keyOf(i - back), T0 + 100)).toBe(true);
		}
		// Generations of 5: keys 0-4 were dropped whole when key 10 started the third.
		expect(memorySize(store).deliveries).toBe(7);
		for (let i = 0; i < 5; i++) expect(wasDelivered(store, keyOf(i), T0 + 100)).toBe(false);
		for (let i = 5; i < 12; i++) expect(wasDelivered(store, keyOf(i), T0 + 100)).toBe(true);
	});
});

describe('memory.ts: customer snapshots', () => {
	it('encodes snapshots compactly and back, nulls and "|" in tier names included', () => {
		const full = { tierOrder: 2, tierName: 'Gold | VIP', activatedPoints: 12.5, pendingPoints: 0, totalPoints: 12.5, referralCode: null, madeAt: null };
		expect(encodeSnapshot(full)).toBe('2|12.5|0|12.5|Gold | VIP');
		expect(decodeSnapshot(encodeSnapshot(full))).toEqual(full);
		const empty = { tierOrder: null, tierName: null, activatedPoints: null, pendingPoints: null, totalPoints: null, referralCode: null, madeAt: null };
		expect(encodeSnapshot(empty)).toBe('|||');
		expect(decodeSnapshot('|||')).toEqual(empty);
		expect(decodeSnapshot({ tierOrder: 1 })).toBeUndefined();
		expect(decodeSnapshot('1|2')).toBeUndefined();
	});

	it('keeps a customer updated within the last N writes, and forgets the least recently updated first', () => {
		const store: IDataObject = {};
		const keyOf = (id: string) => customerKey('1', id, null) as string;
		['a', 'b', 'c', 'd'].forEach((id, i) => rememberCustomer(store, keyOf(id), snapshot(i), 3));
		rememberCustomer(store, keyOf('a'), snapshot(9), 3); // "a" is written again: it is current
		rememberCustomer(store, keyOf('e'), snapshot(5), 3);
		rememberCustomer(store, keyOf('f'), snapshot(6), 3); // the generation holding b and c is dropped
		expect(recallCustomer(store, keyOf('a'))?.tierOrder).toBe(9);
		expect(recallCustomer(store, keyOf('b'))).toBeUndefined();
		expect(recallCustomer(store, keyOf('c'))).toBeUndefined();
		for (const [id, tier] of [['d', 3], ['e', 5], ['f', 6]] as const) expect(recallCustomer(store, keyOf(id))?.tierOrder).toBe(tier);
	});

	it('updates a customer in place without counting it twice', () => {
		const store: IDataObject = {};
		const key = customerKey('1', 'same', null) as string;
		for (let i = 0; i < 10; i++) rememberCustomer(store, key, snapshot(i), 3);
		expect(Object.keys(storedTable(store, 'customers'))).toEqual([key]);
		expect(memorySize(store).customers).toBe(1);
		expect(store.previousCustomers).toBeUndefined();
		expect(recallCustomer(store, key)?.tierOrder).toBe(9);
	});

	it('holds the bound at 50,000 customers and keeps the most recent ones', () => {
		const store: IDataObject = {};
		const limit = 50_000;
		const keyOf = (i: number) => customerKey('2155', `customer-${i}`, null) as string;
		for (let i = 0; i < limit * 2 + 10_000; i++) {
			rememberCustomer(store, keyOf(i), snapshot(i % 7), limit);
			if (i % 5000 === 0) expect(memorySize(store).customers).toBeLessThanOrEqual(limit * 2);
		}
		expect(memorySize(store).customers).toBe(limit + 10_000);
		expect(Object.keys(storedTable(store, 'customers'))).toHaveLength(10_000);
		// Kept: the previous generation (limit .. 2 * limit - 1) and the current one; dropped: the first.
		for (const i of [limit, limit * 2 - 1, limit * 2, limit * 2 + 9_999]) expect(recallCustomer(store, keyOf(i))).toEqual(snapshot(i % 7));
		for (const i of [0, limit - 1]) expect(recallCustomer(store, keyOf(i))).toBeUndefined();
	});
});

describe('memory.ts: merging another copy of the snapshots', () => {
	const at = (tierOrder: number, madeAt: number | null) => ({ ...snapshot(tierOrder), madeAt });

	it('takes the customers a copy lacks or holds from an earlier update, and keeps its newer ones', () => {
		const [ours, theirs]: IDataObject[] = [{}, {}];
		rememberCustomer(ours, 'alice', at(1, 100), 10);
		rememberCustomer(ours, 'bob', at(3, 300), 10);
		rememberCustomer(ours, 'dave', at(1, null), 10);
		rememberCustomer(theirs, 'alice', at(2, 200), 10);
		rememberCustomer(theirs, 'bob', at(2, 250), 10);
		rememberCustomer(theirs, 'carol', at(1, null), 10);
		rememberCustomer(theirs, 'dave', at(2, null), 10);
		expect(mergeNewerCustomers(ours, theirs, 10)).toBe(2);
		expect(['alice', 'bob', 'carol', 'dave'].map((key) => recallCustomer(ours, key)?.tierOrder)).toEqual([2, 3, 1, 1]);
	});

	it('reads both generations of the other copy, the newer one last', () => {
		const [ours, theirs]: IDataObject[] = [{}, {}];
		// Alice's first update retires with bob when carol arrives; her second goes to the new generation.
		rememberCustomer(theirs, 'alice', at(1, 100), 2);
		rememberCustomer(theirs, 'bob', at(1, 100), 2);
		rememberCustomer(theirs, 'carol', at(1, 100), 2);
		rememberCustomer(theirs, 'alice', at(2, 200), 2);
		expect(memorySize(theirs).customers).toBe(3);
		mergeNewerCustomers(ours, theirs, 10);
		expect(['alice', 'bob', 'carol'].map((key) => recallCustomer(ours, key)?.tierOrder)).toEqual([2, 1, 1]);
	});
});

describe('stored state stays small', () => {
	it('stores delivery keys first seen in one second as that second once and one 12-character line per key', () => {
		const store: IDataObject = {};
		const second = Math.floor(T0 / 1000) * 1000;
		const keys = Array.from({ length: 1000 }, (_, i) => deliveryKey(Buffer.from(`delivery ${i}`)));
		keys.forEach((key, i) => rememberDelivery(store, key, second + (i % 1000), 5000));
		rememberDelivery(store, 'laterKey0000', second + 1000, 5000);
		expect(store.deliveries).toBe(`=${second / 1000}\n${keys.join('\n')}\n=${second / 1000 + 1}\nlaterKey0000\n`);
		const reloaded = JSON.parse(JSON.stringify(store)) as IDataObject;
		expect(keys.every((key) => wasDelivered(reloaded, key, second + DEDUPLICATION_WINDOW_MS - 1))).toBe(true);
		expect(keys.some((key) => wasDelivered(reloaded, key, second + DEDUPLICATION_WINDOW_MS))).toBe(false);
		expect(wasDelivered(reloaded, 'laterKey0000', second + DEDUPLICATION_WINDOW_MS)).toBe(true);
	});

	it('reads delivery keys stored with a time each, as earlier versions stored them', () => {
		const key = deliveryKey(Buffer.from('old delivery'));
		const store: IDataObject = { deliveries: `${key}=${Math.floor(T0 / 1000)}\n` };
		expect(wasDelivered(store, key, T0 + 85 * MINUTE)).toBe(true);
		rememberDelivery(store, 'newKey000000', T0 + MINUTE, 5000);
		expect(wasDelivered(store, key, T0 + 85 * MINUTE)).toBe(true);
		expect(wasDelivered(store, 'newKey000000', T0 + 85 * MINUTE)).toBe(true);
		expect(memorySize(store).deliveries).toBe(2);
	});

	it('stays under 2 MB after 100,000 distinct customers and deliveries with the default bounds', () => {
		const settings = v4Settings();
		const memory: IDataObject = {};
		for (let i = 0; i < 100_000; i++) {
			const raw = JSON.stringify(
				profilePayload({ customer_id: `customer-${i}@shop.example.com`, gb_customer_id: 1_000_000 + i }, {
					tier_name: i % 2 ? 'Gold Plus Members' : 'Silver',
					tier_order: i % 5,
					activated_points: i * 3,
					pending_points: i % 100,
					total_points: i * 3 + (i % 100),
				}),
			);
			const outcome = handleV4Delivery(
				{ method: 'POST', bytes: Buffer.from(raw), headers: { 'x-gb-signature': sign(raw) }, query: {} },
				settings,
				memory,
				T0 + i * 1000,
			);
			if (outcome.kind !== 'emit') throw new Error(`delivery ${i} was not emitted: ${JSON.stringify(outcome)}`);
		}
		const bytes = Buffer.byteLength(JSON.stringify(memory));
		// 100,000 is a whole number of generations: both are full.
		expect(memorySize(memory)).toEqual({ deliveries: 10000, customers: 20000 });
		expect(bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
	});
});

describe('deduplication through n8n-core', () => {
	it('answers a retried delivery 200 without running the workflow', async () => {
		const trigger = newTrigger();
		const request = signedRequest(profilePayload());
		expect(emittedJson(await trigger.deliver(request))).toHaveLength(1);
		const retry = await trigger.deliver(request);
		expect(retry).toMatchObject({ status: 200, answeredByNode: false });
		expect(retry.response).toEqual({});
		expect(retry.emitted).toBeUndefined();
	});

	it('treats the same payload with other bytes (pretty-printed) as another delivery', async () => {
		const trigger = newTrigger();
		await trigger.deliver(signedRequest(profilePayload()));
		const pretty = JSON.stringify(profilePayload(), null, 2);
		expect(emittedJson(await trigger.deliver(signedRequest(undefined, { raw: pretty })))).toHaveLength(1);
	});

	it('does not let a forged copy of a delivery poison the memory', async () => {
		const trigger = newTrigger();
		const raw = JSON.stringify(profilePayload());
		expect((await trigger.deliver(signedRequest(undefined, { raw, signature: sign(raw, 'hex', 'wrong') }))).status).toBe(401);
		expect(emittedJson(await trigger.deliver(signedRequest(undefined, { raw })))).toHaveLength(1);
	});

	it('runs every copy when deduplication is turned off', async () => {
		const trigger = newTrigger({ options: { deduplicate: false } });
		const request = signedRequest(profilePayload());
		await trigger.deliver(request);
		expect(emittedJson(await trigger.deliver(request))).toHaveLength(1);
	});

	it('keeps its memory in the node\'s workflow static data, compactly', async () => {
		const trigger = newTrigger();
		await trigger.deliver(signedRequest(profilePayload()));
		const stored = trigger.staticData['node:Node under test'] as IDataObject;
		// replayedUpTo: how far this process's write log is included (see recentWrites.ts).
		expect(Object.keys(stored).sort()).toEqual(['customers', 'deliveries', 'replayedUpTo']);
		// @<created_at in ms>|#<code length>|<code>|<tier order>|<activated>|<pending>|<total>|<tier name>
		const madeAt = Date.parse('2024-11-19T17:34:42.297Z');
		expect(Object.values(storedTable(stored, 'customers'))).toEqual([`@${madeAt}|#12|referral_123|1|90|10|100|basic`]);
		expect(JSON.stringify(stored)).not.toContain('webhook-test');
	});

	it('remembers the last "Customer Memory Size" customers and forgets older ones', async () => {
		const trigger = newTrigger({ options: { customerMemorySize: 2 } });
		let clock = T0;
		jest.spyOn(Date, 'now').mockImplementation(() => clock);
		const deliver = (id: string, tier: number) => {
			// Far enough apart that each delivery's writes reach the static data (see recentWrites.ts).
			clock += FLUSH_MS;
			return trigger.deliver(signedRequest(profilePayload({ customer_id: id }, { tier_order: tier })));
		};
		for (const id of ['a', 'b', 'c', 'd', 'e']) await deliver(id, 1);
		clock += 3 * MINUTE; // past the process's own log of recent writes
		expect(emittedJson(await deliver('a', 2))[0].changes).toBeNull();
		expect(emittedJson(await deliver('d', 2))[0].changes).toEqual({ tierOrder: { previous: 1, current: 2, delta: 1 } });
		jest.restoreAllMocks();
	});
});

describe('the 2-hour window through n8n-core (clock injected through Date.now)', () => {
	afterEach(() => jest.restoreAllMocks());

	it('drops a retry within 2 hours and runs the same delivery again after them', async () => {
		const trigger = newTrigger();
		const request = signedRequest(profilePayload());
		const clock = jest.spyOn(Date, 'now').mockReturnValue(T0);
		expect(emittedJson(await trigger.deliver(request))).toHaveLength(1);
		clock.mockReturnValue(T0 + 85 * MINUTE);
		expect((await trigger.deliver(request)).emitted).toBeUndefined();
		clock.mockReturnValue(T0 + 2 * 60 * MINUTE + 1000);
		expect(emittedJson(await trigger.deliver(request))).toHaveLength(1);
		clock.mockReturnValue(T0 + 2 * 60 * MINUTE + 5 * MINUTE);
		expect((await trigger.deliver(request)).emitted).toBeUndefined();
	});
});
