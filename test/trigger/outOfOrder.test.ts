import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { decodeSnapshot, encodeSnapshot } from '../../nodes/GameballTrigger/memory';
import { MAX_AHEAD_OF_CLOCK_MS, stepProfile, type ProfileSnapshot } from '../../nodes/GameballTrigger/changes';
import { resetDeduplication } from '../harness/deduplication';
import { keptJson, newTracker } from '../deliveryGuard/helpers';
import { emittedJson, newTrigger, profilePayload, signedRequest } from './fixtures';

const BASIC = { tier_name: 'basic', tier_order: 1, activated_points: 100, pending_points: 0, total_points: 100 };
const SILVER = { tier_name: 'Silver', tier_order: 2, activated_points: 300, pending_points: 0, total_points: 300 };
const GOLD = { tier_name: 'Gold', tier_order: 3, activated_points: 500, pending_points: 0, total_points: 500 };
const GOLD_MORE = { ...GOLD, activated_points: 520, total_points: 520 };

const at = (minute: number) => `2024-11-19T17:${String(minute).padStart(2, '0')}:00.000Z`;

function payload(customer: string, profile: IDataObject, minute: number | null, envelope: IDataObject = {}) {
	return profilePayload({ customer_id: customer, created_at: minute === null ? undefined : at(minute), ...envelope }, profile);
}

const eventsOf = (items: IDataObject[]) => items.map((item) => item.event);

beforeEach(() => resetDeduplication());

describe('Gameball Trigger: a profile update made before the remembered one', () => {
	it('derives nothing from a late delivery and keeps the newer profile for the next comparison', async () => {
		const trigger = newTrigger();
		await trigger.deliver(signedRequest(payload('olga', BASIC, 0)));
		const newer = emittedJson(await trigger.deliver(signedRequest(payload('olga', GOLD, 7))));
		expect(eventsOf(newer)).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);

		// Made at :05, arriving after :07 (a retry, or two deliveries that crossed).
		const late = emittedJson(await trigger.deliver(signedRequest(payload('olga', SILVER, 5))));
		expect(eventsOf(late)).toEqual(['customer.profile.updated']);
		expect(late[0]).toMatchObject({ tierOrder: 2, changes: {}, outOfOrder: true });

		// The next update is compared with :07's profile, not the late one: no second move up.
		const next = emittedJson(await trigger.deliver(signedRequest(payload('olga', GOLD_MORE, 9))));
		expect(eventsOf(next)).toEqual(['customer.profile.updated', 'gameball.points.changed']);
		expect(next[0]).toMatchObject({ outOfOrder: false, changes: { activatedPoints: { previous: 500, current: 520, delta: 20 }, totalPoints: { previous: 500, current: 520, delta: 20 } } });
		expect(next[1]).toMatchObject({ previousActivatedPoints: 500, activatedPointsDelta: 20 });
	});

	it('compares updates made at the same time, or without a time, in arrival order', async () => {
		const trigger = newTrigger();
		await trigger.deliver(signedRequest(payload('pia', BASIC, 7)));
		const sameTime = emittedJson(await trigger.deliver(signedRequest(payload('pia', SILVER, 7))));
		expect(sameTime[0].outOfOrder).toBe(false);
		expect(eventsOf(sameTime)).toContain('gameball.tier.changed');

		const untimed = emittedJson(await trigger.deliver(signedRequest(payload('pia', BASIC, null))));
		expect(untimed[0].outOfOrder).toBe(false);
		expect(untimed.find((item) => item.event === 'gameball.tier.changed')).toMatchObject({ direction: 'down' });
		// An untimed update keeps the last known time: an update made before it is still out of order.
		const older = emittedJson(await trigger.deliver(signedRequest(payload('pia', GOLD, 3))));
		expect(older[0].outOfOrder).toBe(true);
	});

	it('does not believe a time far in the future: such an update is taken in arrival order, and later ones still derive', async () => {
		const trigger = newTrigger();
		await trigger.deliver(signedRequest(payload('flo', BASIC, 0)));
		const future = emittedJson(await trigger.deliver(signedRequest(payload('flo', SILVER, null, { created_at: '2099-01-01T00:00:00.000Z' }))));
		expect(eventsOf(future)).toContain('gameball.tier.changed');
		const next = emittedJson(await trigger.deliver(signedRequest(payload('flo', GOLD, 9))));
		expect(next[0].outOfOrder).toBe(false);
		expect(next.find((item) => item.event === 'gameball.tier.changed')).toMatchObject({ previousTierName: 'Silver', tierName: 'Gold' });
		// The believed times still order updates: one made before :09 is late.
		expect(emittedJson(await trigger.deliver(signedRequest(payload('flo', SILVER, 5))))[0].outOfOrder).toBe(true);
	});

	it('takes a time on a day that does not exist (30 November is real, 31 is not) as no time, not as 1 December', async () => {
		const trigger = newTrigger();
		await trigger.deliver(signedRequest(payload('nova', BASIC, 0)));
		const impossible = emittedJson(await trigger.deliver(signedRequest(payload('nova', SILVER, null, { created_at: '2024-11-31T00:00:00.000Z' }))));
		expect(impossible[0].outOfOrder).toBe(false);
		// Read as 1 December, it would have made every later update of 19 November late.
		const next = emittedJson(await trigger.deliver(signedRequest(payload('nova', GOLD, 9))));
		expect(next[0].outOfOrder).toBe(false);
		expect(next.find((item) => item.event === 'gameball.tier.changed')).toMatchObject({ previousTierName: 'Silver', tierName: 'Gold' });
	});

	it('skips a late delivery with Simplify off too: the raw item only, marked outOfOrder beside its body', async () => {
		const trigger = newTrigger({ simplify: false });
		const first = emittedJson(await trigger.deliver(signedRequest(payload('quin', BASIC, 0))));
		const newer = emittedJson(await trigger.deliver(signedRequest(payload('quin', GOLD, 7))));
		expect([first[0].outOfOrder, newer[0].outOfOrder]).toEqual([false, false]);
		const sent = payload('quin', SILVER, 5);
		const late = emittedJson(await trigger.deliver(signedRequest(sent)));
		expect(eventsOf(late)).toEqual(['customer.profile.updated']);
		expect(late[0]).toMatchObject({ outOfOrder: true, body: sent });
		expect(late[0].body).not.toHaveProperty('outOfOrder');
	});

	it('treats a blank customer_id as missing: two customers sent with "" are told apart by gb_customer_id', async () => {
		const trigger = newTrigger();
		await trigger.deliver(signedRequest(payload('', GOLD, 1, { gb_customer_id: 1 })));
		const other = emittedJson(await trigger.deliver(signedRequest(payload(' ', BASIC, 2, { gb_customer_id: 2 }))));
		expect(eventsOf(other)).toEqual(['customer.profile.updated']);
		expect(other[0].changes).toBeNull();
		const same = emittedJson(await trigger.deliver(signedRequest(payload('', SILVER, 3, { gb_customer_id: 1 }))));
		expect(same.find((item) => item.event === 'gameball.tier.changed')).toMatchObject({ previousTierOrder: 3, tierOrder: 2 });
	});
});

describe('memory.ts and changes.ts: the update time', () => {
	const snapshot: ProfileSnapshot = { tierOrder: 2, tierName: 'Silver', activatedPoints: 1, pendingPoints: 0, totalPoints: 1, referralCode: 'R|1', madeAt: 1732035660123 };

	it('stores the time in front, and reads every earlier format', () => {
		expect(encodeSnapshot(snapshot)).toBe('@1732035660123|#3|R|1|2|1|0|1|Silver');
		expect(decodeSnapshot(encodeSnapshot(snapshot))).toEqual(snapshot);
		expect(decodeSnapshot(encodeSnapshot({ ...snapshot, referralCode: null }))).toEqual({ ...snapshot, referralCode: null });
		expect(decodeSnapshot('#3|R|1|2|1|0|1|Silver')).toEqual({ ...snapshot, madeAt: null });
		for (const broken of ['@|2|1|0|1', '@x|2|1|0|1', '@1.5|2|1|0|1', '@12']) expect(decodeSnapshot(broken)).toBeUndefined();
	});

	it('remembers nothing and compares with nothing for an older update', () => {
		const older = { ...snapshot, tierOrder: 1, madeAt: snapshot.madeAt! - 1 };
		expect(stepProfile(snapshot, older)).toEqual({ remember: undefined, compareWith: undefined, outOfOrder: true, changes: {} });
		const newer = { ...older, madeAt: snapshot.madeAt! + 1 };
		expect(stepProfile(snapshot, newer)).toMatchObject({ remember: newer, compareWith: snapshot, outOfOrder: false });
		expect(stepProfile(undefined, older)).toMatchObject({ remember: older, compareWith: undefined, changes: null });
	});

	it('takes a time over an hour ahead of the clock as none, remembered or sent', () => {
		const now = snapshot.madeAt!;
		const farAhead = { ...snapshot, tierOrder: 3, madeAt: now + MAX_AHEAD_OF_CLOCK_MS + 1 };
		// Taken as sent without a time, after the remembered update: a late copy of that one stays old news.
		expect(stepProfile(snapshot, farAhead, now)).toMatchObject({ remember: { tierOrder: 3, madeAt: now + 1 }, compareWith: snapshot, outOfOrder: false });
		const later = { ...snapshot, tierOrder: 1, madeAt: now - 60_000 };
		expect(stepProfile(farAhead, later, now)).toMatchObject({ remember: later, compareWith: farAhead, outOfOrder: false });
		// Within the hour, clocks may differ: the time is believed.
		const aheadALittle = { ...snapshot, madeAt: now + MAX_AHEAD_OF_CLOCK_MS };
		expect(stepProfile(aheadALittle, later, now)).toMatchObject({ outOfOrder: true });
	});
});

describe('Gameball Delivery Guard, Track: a profile update made before the remembered one', () => {
	async function fromAFreshTrigger(customer: string, profile: IDataObject, minute: number, parameters: INodeParameters = {}) {
		return emittedJson(await newTrigger(parameters).deliver(signedRequest(payload(customer, profile, minute))));
	}

	it('derives nothing from it and keeps the newer profile', async () => {
		const tracker = newTracker();
		await tracker.run(await fromAFreshTrigger('rosa', BASIC, 0));
		expect(eventsOf(keptJson((await tracker.run(await fromAFreshTrigger('rosa', GOLD, 7))).outputs))).toContain('gameball.tier.changed');

		const late = keptJson((await tracker.run(await fromAFreshTrigger('rosa', SILVER, 5))).outputs);
		expect(eventsOf(late)).toEqual(['customer.profile.updated']);
		expect(late[0]).toMatchObject({ changes: {}, outOfOrder: true });

		const next = keptJson((await tracker.run(await fromAFreshTrigger('rosa', GOLD_MORE, 9))).outputs);
		expect(eventsOf(next)).toEqual(['customer.profile.updated', 'gameball.points.changed']);
		expect(next[0].outOfOrder).toBe(false);
	});

	it('does not believe a time far in the future', async () => {
		const tracker = newTracker();
		await tracker.run(await fromAFreshTrigger('finn', BASIC, 0));
		const futurePayload = payload('finn', SILVER, null, { created_at: '2099-01-01T00:00:00.000Z' });
		await tracker.run(emittedJson(await newTrigger().deliver(signedRequest(futurePayload))));
		const next = keptJson((await tracker.run(await fromAFreshTrigger('finn', GOLD, 9))).outputs);
		expect(next[0].outOfOrder).toBe(false);
		expect(next.find((item) => item.event === 'gameball.tier.changed')).toMatchObject({ previousTierName: 'Silver', tierName: 'Gold' });
	});

	it('reads the time from raw items (Simplify off) as well', async () => {
		const tracker = newTracker();
		await tracker.run(await fromAFreshTrigger('sven', BASIC, 0, { simplify: false }));
		await tracker.run(await fromAFreshTrigger('sven', GOLD, 7, { simplify: false }));
		const late = keptJson((await tracker.run(await fromAFreshTrigger('sven', SILVER, 5, { simplify: false }))).outputs);
		expect(eventsOf(late)).toEqual(['customer.profile.updated']);
		// A fresh trigger cannot tell; the guard can, and says so on the raw item as on a simplified one.
		expect(late[0]).toMatchObject({ outOfOrder: true, body: payload('sven', SILVER, 5) });
		expect(late[0]).not.toHaveProperty('changes');
		const next = keptJson((await tracker.run(await fromAFreshTrigger('sven', GOLD_MORE, 9, { simplify: false }))).outputs);
		expect(next[0].outOfOrder).toBe(false);
	});
});
