import type { IDataObject } from 'n8n-workflow';

import { mergeSnapshots, profileChanges } from '../../nodes/GameballTrigger/changes';
import { difference } from '../../nodes/numbers';
import { emittedJson, newTrigger, profilePayload, signedRequest } from './fixtures';

type Profile = Partial<Record<'tier_name' | 'tier_order' | 'activated_points' | 'pending_points' | 'total_points', unknown>>;

/** A profile update for `customer`; `seq` makes each body (and so each delivery) distinct. */
function update(customer: string, profile: Profile, seq: number) {
	return signedRequest(profilePayload({ customer_id: customer, created_at: `2024-11-19T17:${String(seq).padStart(2, '0')}:00.000Z` }, profile as IDataObject));
}

const SILVER = { tier_name: 'Silver', tier_order: 2, activated_points: 90, pending_points: 10, total_points: 100 };
/** SILVER's customer one tier up, points unchanged. */
const GOLD = { ...SILVER, tier_name: 'Gold', tier_order: 3 };

describe('changes.ts', () => {
	const base = { tierOrder: 1, tierName: 'basic', activatedPoints: 90, pendingPoints: 10, totalPoints: 100, referralCode: 'referral_123', madeAt: null };

	it('lists only moved fields, with deltas on numbers', () => {
		const changes = profileChanges(base, { ...base, tierOrder: 2, tierName: 'Silver', activatedPoints: 140 });
		expect(changes).toEqual({
			tierOrder: { previous: 1, current: 2, delta: 1 },
			tierName: { previous: 'basic', current: 'Silver' },
			activatedPoints: { previous: 90, current: 140, delta: 50 },
		});
		expect(profileChanges(base, base)).toEqual({});
	});

	it('does not count a missing value as a change, and remembers the last known one', () => {
		const partial = { tierOrder: null, tierName: null, activatedPoints: 95, pendingPoints: null, totalPoints: null, referralCode: null, madeAt: null };
		expect(profileChanges(base, partial)).toEqual({ activatedPoints: { previous: 90, current: 95, delta: 5 } });
		expect(mergeSnapshots(base, partial)).toEqual({ ...base, activatedPoints: 95 });
	});

	it('remembers a tier name only with the tier order it came with', () => {
		const noName = { ...base, tierOrder: 2, tierName: null };
		expect(mergeSnapshots(base, noName)).toMatchObject({ tierOrder: 2, tierName: null });
		expect(mergeSnapshots(base, { ...base, tierName: null })).toMatchObject({ tierOrder: 1, tierName: 'basic' });
		const nameOnly = { ...base, tierOrder: null, tierName: 'Silver' };
		expect(mergeSnapshots(base, nameOnly)).toMatchObject({ tierOrder: 1, tierName: 'basic' });
		const unknownOrder = { ...base, tierOrder: null, tierName: 'basic' };
		expect(mergeSnapshots(unknownOrder, nameOnly)).toMatchObject({ tierOrder: null, tierName: 'Silver' });
	});

	it('computes decimal deltas without floating-point noise', () => {
		expect(difference(0.3, 0.1)).toBe(0.2);
		expect(difference(100.1, 100.2)).toBe(-0.1);
		expect(difference(100, 99.5)).toBe(0.5);
		expect(difference(10.25, 10)).toBe(0.25);
	});
});

describe('derived events through n8n-core', () => {
	it('gives a first-seen customer a baseline only: a profile item with `changes: null`, no derived items', async () => {
		const items = emittedJson(await newTrigger().deliver(update('alice', SILVER, 1)));
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(items[0].changes).toBeNull();
	});

	it('emits Tier Changed (up) and Points Changed after a move, paired to item 0', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('alice', SILVER, 1));
		const result = await trigger.deliver(
			update('alice', { tier_name: 'Gold', tier_order: 3, activated_points: 140, pending_points: 0, total_points: 140 }, 2),
		);
		const items = emittedJson(result);
		expect(items.map((item) => item.event)).toEqual([
			'customer.profile.updated',
			'gameball.tier.changed',
			'gameball.points.changed',
		]);
		expect(result.emitted).toHaveLength(1);
		expect(result.emitted?.[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(items[0].changes).toEqual({
			tierOrder: { previous: 2, current: 3, delta: 1 },
			tierName: { previous: 'Silver', current: 'Gold' },
			activatedPoints: { previous: 90, current: 140, delta: 50 },
			pendingPoints: { previous: 10, current: 0, delta: -10 },
			totalPoints: { previous: 100, current: 140, delta: 40 },
		});
		expect(items[1]).toMatchObject({
			customerId: 'alice',
			direction: 'up',
			previousTierOrder: 2,
			tierOrder: 3,
			previousTierName: 'Silver',
			tierName: 'Gold',
			deliveryId: items[0].deliveryId,
		});
		expect(items[2]).toMatchObject({
			previousActivatedPoints: 90,
			activatedPoints: 140,
			activatedPointsDelta: 50,
			previousPendingPoints: 10,
			pendingPoints: 0,
			pendingPointsDelta: -10,
			previousTotalPoints: 100,
			totalPoints: 140,
			totalPointsDelta: 40,
		});
	});

	it('emits Tier Changed (down) without Points Changed when only the tier moved', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('bob', SILVER, 1));
		const items = emittedJson(await trigger.deliver(update('bob', { ...SILVER, tier_name: 'Bronze', tier_order: 1 }, 2)));
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.tier.changed']);
		expect(items[1]).toMatchObject({ direction: 'down', previousTierOrder: 2, tierOrder: 1, tierName: 'Bronze' });
	});

	it('emits Points Changed when only total points moved, and nothing derived when nothing moved', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('carol', SILVER, 1));
		const pending = emittedJson(await trigger.deliver(update('carol', { ...SILVER, pending_points: 30, total_points: 120 }, 2)));
		expect(pending.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.points.changed']);
		expect(pending[1]).toMatchObject({ activatedPointsDelta: 0, pendingPointsDelta: 20, totalPointsDelta: 20 });
		const same = emittedJson(await trigger.deliver(update('carol', { ...SILVER, pending_points: 30, total_points: 120 }, 3)));
		expect(same.map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(same[0].changes).toEqual({});
	});

	it('keeps customers apart, including the same customer id in another Gameball account', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('dave', SILVER, 1));
		const other = emittedJson(await trigger.deliver(update('erin', { ...SILVER, tier_order: 5 }, 2)));
		expect(other[0].changes).toBeNull();
		const otherAccount = signedRequest(profilePayload({ client_id: '9999', customer_id: 'dave' }, { ...SILVER, tier_order: 4 }));
		expect(emittedJson(await trigger.deliver(otherAccount))[0].changes).toBeNull();
	});

	it('tracks customers known only by gb_customer_id, as a number or a string', async () => {
		const trigger = newTrigger();
		const first = profilePayload({ customer_id: null, gb_customer_id: 555 }, SILVER);
		await trigger.deliver(signedRequest(first));
		const second = profilePayload({ customer_id: null, gb_customer_id: '555' }, GOLD);
		const items = emittedJson(await trigger.deliver(signedRequest(second)));
		expect(items.map((item) => item.event)).toContain('gameball.tier.changed');
	});

	it('does not derive anything for a customer with no id at all', async () => {
		const trigger = newTrigger();
		const anonymous = (tier: number) =>
			signedRequest(profilePayload({ customer_id: undefined, gb_customer_id: undefined }, { ...SILVER, tier_order: tier, tier_name: `Tier ${tier}` }));
		await trigger.deliver(anonymous(1));
		const items = emittedJson(await trigger.deliver(anonymous(2)));
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated']);
	});

	it('emits only the selected derived events, but still tracks profiles to derive them', async () => {
		const trigger = newTrigger({ events: ['tierChanged'] });
		const baseline = await trigger.deliver(update('frank', SILVER, 1));
		expect(baseline.emitted).toBeUndefined();
		const pointsOnly = await trigger.deliver(update('frank', { ...SILVER, activated_points: 95, total_points: 105 }, 2));
		expect(pointsOnly.emitted).toBeUndefined();
		const items = emittedJson(await trigger.deliver(update('frank', GOLD, 3)));
		expect(items.map((item) => item.event)).toEqual(['gameball.tier.changed']);
	});

	it('still derives events when Simplify is off (the profile item is then raw)', async () => {
		const trigger = newTrigger({ simplify: false });
		await trigger.deliver(update('gina', SILVER, 1));
		const items = emittedJson(await trigger.deliver(update('gina', GOLD, 2)));
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.tier.changed']);
		expect(items[0].body).toBeDefined();
	});

	it('takes a tier first seen after updates without one as a baseline, not a tier change', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('ivy', { ...SILVER, tier_order: null, tier_name: null }, 1));
		const items = emittedJson(await trigger.deliver(update('ivy', SILVER, 2)));
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated']);
		const moved = emittedJson(await trigger.deliver(update('ivy', { ...SILVER, tier_order: 3, tier_name: 'Gold' }, 3)));
		expect(moved[1]).toMatchObject({ event: 'gameball.tier.changed', previousTierOrder: 2, tierOrder: 3 });
	});

	it('never names the previous tier after another tier order: a tier order sent without its name forgets the old name', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('jane', SILVER, 1));
		const unnamed = emittedJson(await trigger.deliver(update('jane', { ...SILVER, tier_order: 3, tier_name: null }, 2)));
		expect(unnamed[1]).toMatchObject({ event: 'gameball.tier.changed', previousTierName: 'Silver', tierOrder: 3, tierName: null });
		const items = emittedJson(await trigger.deliver(update('jane', { ...SILVER, tier_order: 4, tier_name: 'Platinum' }, 3)));
		expect(items[0].changes).toMatchObject({ tierOrder: { previous: 3, current: 4 } });
		expect(items[0].changes).not.toHaveProperty('tierName');
		expect(items[1]).toMatchObject({ previousTierOrder: 3, previousTierName: null, tierOrder: 4, tierName: 'Platinum' });
	});

	it('takes a tier that kept its name at another order as renumbered tiers, not a tier change', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('mona', SILVER, 1));
		const renumbered = emittedJson(await trigger.deliver(update('mona', { ...SILVER, tier_order: 3 }, 2)));
		expect(renumbered.map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(renumbered[0].changes).toEqual({ tierOrder: { previous: 2, current: 3, delta: 1 } });
		// The new order is remembered: the next move is measured from it.
		const moved = emittedJson(await trigger.deliver(update('mona', { ...GOLD, tier_order: 4 }, 3)));
		expect(moved[1]).toMatchObject({ event: 'gameball.tier.changed', direction: 'up', previousTierOrder: 3, previousTierName: 'Silver', tierOrder: 4 });
	});

	it('takes a move between tiers with blank names as a tier change, not renumbered tiers (a blank name names no tier)', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('nia', { ...SILVER, tier_name: '' }, 1));
		const moved = emittedJson(await trigger.deliver(update('nia', { ...GOLD, tier_name: ' ' }, 2)));
		expect(moved.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.tier.changed']);
		expect(moved[1]).toMatchObject({ direction: 'up', previousTierOrder: SILVER.tier_order, tierOrder: GOLD.tier_order });
		// A name that differs only by spaces at the ends is the same tier.
		await trigger.deliver(update('omar', SILVER, 1));
		const renumbered = emittedJson(await trigger.deliver(update('omar', { ...SILVER, tier_name: ` ${SILVER.tier_name} `, tier_order: 9 }, 2)));
		expect(renumbered.map((item) => item.event)).toEqual(['customer.profile.updated']);
		// Nor does letter case: the merchant renumbered the tier and wrote its name in capitals.
		const recased = emittedJson(await trigger.deliver(update('omar', { ...SILVER, tier_name: 'SILVER', tier_order: 10 }, 3)));
		expect(recased.map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(recased[0].changes).toEqual({ tierOrder: { previous: 9, current: 10, delta: 1 }, tierName: { previous: ' Silver ', current: 'SILVER' } });
	});

	it('takes points sent unrounded (0.30000000000000004 for 0.3) as the same amount: no Points Changed, no change listed', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('pia', { ...SILVER, activated_points: 0.30000000000000004, total_points: 10.300000000000001 }, 1));
		const same = emittedJson(await trigger.deliver(update('pia', { ...SILVER, activated_points: 0.3, total_points: 10.3 }, 2)));
		expect(same.map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(same[0].changes).toEqual({});
		const moved = emittedJson(await trigger.deliver(update('pia', { ...SILVER, activated_points: 0.31, total_points: 10.31 }, 3)));
		expect(moved.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.points.changed']);
		expect(moved[1]).toMatchObject({ activatedPointsDelta: 0.01, totalPointsDelta: 0.01 });
	});

	it('keeps the remembered tier when an update sends a tier name without its order', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('kim', SILVER, 1));
		// Not a change: the name is not remembered without its order, so a change would repeat on every such update.
		for (const seq of [2, 3]) {
			const nameOnly = emittedJson(await trigger.deliver(update('kim', { ...SILVER, tier_order: null, tier_name: 'Gold' }, seq)));
			expect(nameOnly.map((item) => [item.event, item.changes])).toEqual([['customer.profile.updated', {}]]);
		}
		const items = emittedJson(await trigger.deliver(update('kim', { ...SILVER, tier_order: 3, tier_name: 'Gold' }, 4)));
		expect(items[1]).toMatchObject({ direction: 'up', previousTierOrder: 2, previousTierName: 'Silver', tierOrder: 3, tierName: 'Gold' });
	});

	it('reports points going to zero as a move, with the whole balance as the delta', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('lena', SILVER, 1));
		const items = emittedJson(await trigger.deliver(update('lena', { ...SILVER, activated_points: 0, pending_points: 0, total_points: 0 }, 2)));
		expect(items[0].changes).toEqual({
			activatedPoints: { previous: 90, current: 0, delta: -90 },
			pendingPoints: { previous: 10, current: 0, delta: -10 },
			totalPoints: { previous: 100, current: 0, delta: -100 },
		});
		expect(items[1]).toMatchObject({ event: 'gameball.points.changed', activatedPoints: 0, activatedPointsDelta: -90, totalPointsDelta: -100 });
	});

	it('ignores a missing tier or points value instead of reporting a change', async () => {
		const trigger = newTrigger();
		await trigger.deliver(update('hank', SILVER, 1));
		const missing = emittedJson(await trigger.deliver(update('hank', { tier_order: null, activated_points: undefined, total_points: null }, 2)));
		expect(missing.map((item) => item.event)).toEqual(['customer.profile.updated']);
		const back = emittedJson(await trigger.deliver(update('hank', GOLD, 3)));
		expect(back[1]).toMatchObject({ event: 'gameball.tier.changed', previousTierOrder: 2, tierOrder: 3 });
	});
});
