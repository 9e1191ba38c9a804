import type { IDataObject } from 'n8n-workflow';

import { mergeSnapshots, profileChanges, type ProfileSnapshot } from '../../nodes/GameballTrigger/changes';
import { customerKey, decodeSnapshot, encodeSnapshot } from '../../nodes/GameballTrigger/memory';
import { FLUSH_MS } from '../../nodes/GameballTrigger/recentWrites';
import { emittedJson, newTrigger, profilePayload, signedRequest, storedTable } from './fixtures';

const STATIC_KEY = 'node:Node under test';

const SNAPSHOT: ProfileSnapshot = {
	tierOrder: 1,
	tierName: 'basic',
	activatedPoints: 90,
	pendingPoints: 10,
	totalPoints: 100,
	referralCode: 'referral_123',
	madeAt: null,
};

/** When `update(…, seq)` was made, as stored: ms since the epoch. */
const madeAt = (seq: number) => Date.parse(`2024-11-19T17:${String(seq).padStart(2, '0')}:00.000Z`);

/** A profile update of `customer` with referral code `code`; `seq` makes each body (and so each delivery) distinct. */
function update(customer: string, code: string | null | undefined, seq: number, data: IDataObject = {}) {
	const created = `2024-11-19T17:${String(seq).padStart(2, '0')}:00.000Z`;
	return signedRequest(profilePayload({ customer_id: customer, created_at: created }, { referral_code: code, ...data }));
}

describe('memory.ts: snapshots with a referral code', () => {
	it('decodes snapshots stored before referral codes were tracked, "|" in the tier name included', () => {
		expect(decodeSnapshot('2|12.5|0|12.5|Gold | VIP')).toEqual({
			tierOrder: 2,
			tierName: 'Gold | VIP',
			activatedPoints: 12.5,
			pendingPoints: 0,
			totalPoints: 12.5,
			referralCode: null,
			madeAt: null,
		});
		expect(decodeSnapshot('1|90|10|100')).toEqual({ ...SNAPSHOT, tierName: null, referralCode: null });
		expect(decodeSnapshot('|||')?.referralCode).toBeNull();
	});

	it('writes the old format, byte for byte, when no referral code is known', () => {
		expect(encodeSnapshot({ ...SNAPSHOT, referralCode: null })).toBe('1|90|10|100|basic');
		expect(encodeSnapshot({ ...SNAPSHOT, tierName: null, referralCode: null })).toBe('1|90|10|100');
	});

	it('prefixes the referral code with a marker and its length, and reads it back', () => {
		expect(encodeSnapshot(SNAPSHOT)).toBe('#12|referral_123|1|90|10|100|basic');
		expect(decodeSnapshot(encodeSnapshot(SNAPSHOT))).toEqual(SNAPSHOT);
		const noTier = { ...SNAPSHOT, tierName: null };
		expect(encodeSnapshot(noTier)).toBe('#12|referral_123|1|90|10|100');
		expect(decodeSnapshot(encodeSnapshot(noTier))).toEqual(noTier);
		const empty = { tierOrder: null, tierName: null, activatedPoints: null, pendingPoints: null, totalPoints: null, referralCode: 'R', madeAt: null };
		expect(encodeSnapshot(empty)).toBe('#1|R||||');
		expect(decodeSnapshot(encodeSnapshot(empty))).toEqual(empty);
	});

	it.each([
		['"|" in both the code and the tier name', { referralCode: 'a|b|1|2|3|4', tierName: 'Gold | VIP|7' }],
		['a code that looks like a stored snapshot', { referralCode: '#3|x|1|2|3|4', tierName: '#2|ab' }],
		['an empty code', { referralCode: '', tierName: '' }],
		['a long non-ASCII code', { referralCode: 'كود|'.repeat(40), tierName: 'ذهبي' }],
		['decimals and negatives', { referralCode: '9', activatedPoints: -12.75, totalPoints: 0.1 }],
	])('round-trips %s', (_label, fields) => {
		const snapshot = { ...SNAPSHOT, ...fields };
		expect(decodeSnapshot(encodeSnapshot(snapshot))).toEqual(snapshot);
	});

	it.each([
		['a marker alone', '#'],
		['no length', '#|ab|1|2|3|4'],
		['a length that is not a number', '#x|ab|1|2|3|4'],
		['a negative length', '#-1|ab|1|2|3|4'],
		['a length beyond the code', '#5|ab|1|2|3|4'],
		['a length past the end', '#99|ab|1|2|3|4'],
		['too few numbers after the code', '#2|ab|1|2'],
	])('rejects %s', (_label, encoded) => {
		expect(decodeSnapshot(encoded)).toBeUndefined();
	});
});

describe('changes.ts: referral codes', () => {
	it('reports another code as a change without a delta', () => {
		expect(profileChanges(SNAPSHOT, { ...SNAPSHOT, referralCode: 'referral_456' })).toEqual({
			referralCode: { previous: 'referral_123', current: 'referral_456' },
		});
		expect(profileChanges(SNAPSHOT, { ...SNAPSHOT, referralCode: 'referral_456' }).referralCode).not.toHaveProperty('delta');
	});

	it('does not count a missing code on either side as a change, and remembers the last known one', () => {
		expect(profileChanges(SNAPSHOT, { ...SNAPSHOT, referralCode: null })).toEqual({});
		expect(profileChanges({ ...SNAPSHOT, referralCode: null }, SNAPSHOT)).toEqual({});
		expect(profileChanges(SNAPSHOT, SNAPSHOT)).toEqual({});
		expect(mergeSnapshots(SNAPSHOT, { ...SNAPSHOT, referralCode: null })).toEqual(SNAPSHOT);
		expect(mergeSnapshots(SNAPSHOT, { ...SNAPSHOT, referralCode: 'referral_456' }).referralCode).toBe('referral_456');
	});
});

describe('referral codes through n8n-core', () => {
	it('gives a first-seen customer `changes: null`, and an unchanged code no change', async () => {
		const trigger = newTrigger();
		const first = emittedJson(await trigger.deliver(update('alice', 'referral_123', 1)));
		expect(first[0]).toMatchObject({ referralCode: 'referral_123', changes: null });
		const same = emittedJson(await trigger.deliver(update('alice', 'referral_123', 2)));
		expect(same[0].changes).toEqual({});
	});

	it('reports a new code in `changes.referralCode`, with no derived item', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('bob', 'referral_123', 1));
		const items = emittedJson(await trigger.deliver(update('bob', 'referral_456', 2)));
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(items[0].referralCode).toBe('referral_456');
		expect(items[0].changes).toEqual({ referralCode: { previous: 'referral_123', current: 'referral_456' } });
	});

	it('reports the code next to the tier and points moves of the same update', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('carol', 'referral_123', 1));
		const moved = { tier_name: 'Gold', tier_order: 2, activated_points: 140, total_points: 150 };
		const items = emittedJson(await trigger.deliver(update('carol', 'GOLD-CAROL', 2, moved)));
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
		expect(items[0].changes).toEqual({
			tierOrder: { previous: 1, current: 2, delta: 1 },
			tierName: { previous: 'basic', current: 'Gold' },
			activatedPoints: { previous: 90, current: 140, delta: 50 },
			totalPoints: { previous: 100, current: 150, delta: 50 },
			referralCode: { previous: 'referral_123', current: 'GOLD-CAROL' },
		});
	});

	it('does not count a missing or null code as a change, and compares the next one with the last known', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('dave', 'referral_123', 1));
		expect(emittedJson(await trigger.deliver(update('dave', null, 2)))[0].changes).toEqual({});
		expect(emittedJson(await trigger.deliver(update('dave', undefined, 3)))[0].changes).toEqual({});
		expect(emittedJson(await trigger.deliver(update('dave', 'referral_123', 4)))[0].changes).toEqual({});
		expect(emittedJson(await trigger.deliver(update('dave', 'referral_789', 5)))[0].changes).toEqual({
			referralCode: { previous: 'referral_123', current: 'referral_789' },
		});
	});

	it('takes a first code as a baseline when the customer was seen without one', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('erin', null, 1));
		expect(emittedJson(await trigger.deliver(update('erin', 'referral_123', 2)))[0].changes).toEqual({});
		expect(emittedJson(await trigger.deliver(update('erin', 'referral_456', 3)))[0].changes).toEqual({
			referralCode: { previous: 'referral_123', current: 'referral_456' },
		});
	});

	it('tracks codes with Simplify off too (the profile item is then raw)', async () => {
		const raw = newTrigger({ simplify: false });
		await raw.deliver(update('frank', 'referral_123', 1));
		// Once a flush is due, the delivery's writes reach the static data (recentWrites.ts).
		jest.spyOn(Date, 'now').mockReturnValue(Date.now() + FLUSH_MS);
		await raw.deliver(update('frank', 'referral_456', 2));
		jest.restoreAllMocks();
		const stored = raw.staticData[STATIC_KEY] as IDataObject;
		expect(Object.values(storedTable(stored, 'customers'))).toEqual([`@${madeAt(2)}|#12|referral_456|1|90|10|100|basic`]);
	});

	it('reads snapshots stored before the upgrade: the first code is a baseline, the next new one a change', async () => {
		const key = customerKey('2155', 'gina', null) as string;
		const trigger = newTrigger({}, { [STATIC_KEY]: { customers: { [key]: '1|90|10|100|basic' }, customerCount: 1 } });
		const upgraded = emittedJson(await trigger.deliver(update('gina', 'referral_123', 1)));
		expect(upgraded[0].changes).toEqual({});
		const stored = trigger.staticData[STATIC_KEY] as IDataObject;
		expect(storedTable(stored, 'customers')[key]).toBe(`@${madeAt(1)}|#12|referral_123|1|90|10|100|basic`);
		const changed = emittedJson(await trigger.deliver(update('gina', 'referral_456', 2)));
		expect(changed[0].changes).toEqual({ referralCode: { previous: 'referral_123', current: 'referral_456' } });
	});

	it('stores the code but never the customer id in clear', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('henry@shop.example.com', 'referral_123', 1));
		const stored = JSON.stringify(trigger.staticData[STATIC_KEY]);
		expect(stored).toContain('referral_123');
		expect(stored).not.toContain('henry');
	});
});
