import type { IDataObject } from 'n8n-workflow';

import { memorySize } from '../../nodes/GameballTrigger/memory';
import { handleV4Delivery } from '../../nodes/GameballTrigger/pipeline';
import { FLUSH_MS, RecentWrites } from '../../nodes/GameballTrigger/recentWrites';
import { WebhookHarness, type WebhookResult } from '../harness/run';
import { CREDENTIALS, emittedJson, profilePayload, sign, signedRequest, v4Settings } from './fixtures';

/**
 * n8n's live webhooks load a workflow's static data from the database for each delivery and save it after, with no
 * lock. `load()` is one such delivery's copy; `save()` writes it back as n8n 2.x does: only when marked changed, and
 * for a delivery that starts a run only when the node answered it itself (n8n's own answer comes after recording the
 * run, which resets the change mark; `lostChanges` counts such changes). All copies share one workflow id, as in
 * n8n, unless `workflowIdPerLoad` gives each its own (no shared write log).
 */
class StaticDataInDatabase {
	saved = '{}';

	private loads = 0;

	constructor(
		private readonly workflowId: string,
		private readonly workflowIdPerLoad = false,
	) {}

	load(): WebhookHarness {
		const id = this.workflowIdPerLoad ? `${this.workflowId}-${++this.loads}` : this.workflowId;
		return new WebhookHarness({ type: 'gameballTrigger', parameters: {}, credentials: CREDENTIALS }, JSON.parse(this.saved) as IDataObject, id);
	}

	saves = 0;

	lostChanges = 0;

	save(trigger: WebhookHarness, result: WebhookResult): void {
		if (!(trigger.workflow.staticData as IDataObject & { __dataChanged?: boolean }).__dataChanged) return;
		if (result.emitted && !result.answeredByNode) {
			this.lostChanges++;
			return;
		}
		this.saved = JSON.stringify(trigger.workflow.staticData);
		this.saves++;
	}

	/** How many deliveries and customers the saved static data remembers. */
	savedMemory() {
		return memorySize(nodeData(JSON.parse(this.saved) as IDataObject));
	}

	async deliverAlone(payload: IDataObject) {
		const trigger = this.load();
		const result = await trigger.deliver(signedRequest(payload));
		this.save(trigger, result);
		return result;
	}

	/**
	 * Both copies are loaded before either is handled, and the first one handled is saved last, so its save
	 * overwrites the second's (n8n saves when a delivery's run has started, in any order).
	 */
	async deliverAtOnce(first: IDataObject, second: IDataObject) {
		const [a, b] = [this.load(), this.load()];
		const results = [await a.deliver(signedRequest(first)), await b.deliver(signedRequest(second))];
		this.save(b, results[1]);
		this.save(a, results[0]);
		return results;
	}
}

/** The trigger node's part of a workflow's static data (the harness names the node "Node under test"). */
const nodeData = (staticData: IDataObject) => staticData['node:Node under test'] as IDataObject;

/** Date.now, frozen at `start` until the test moves `clock.now`. Restored by `jest.restoreAllMocks()`. */
function frozenClock(start = Date.UTC(2026, 0, 1)) {
	const clock = { now: start };
	jest.spyOn(Date, 'now').mockImplementation(() => clock.now);
	return clock;
}

const profile = (customer: string, tier = 1) =>
	profilePayload({ customer_id: customer }, { tier_order: tier, tier_name: `Tier ${tier}` });

describe('deliveries handled at once, on one n8n process', () => {
	it('n8n itself keeps only the last save: without the write log the other delivery\'s key is lost', async () => {
		const database = new StaticDataInDatabase('wf-no-log', true);
		await database.deliverAtOnce(profile('a'), profile('b'));
		expect(emittedJson(await database.deliverAlone(profile('b')))).toHaveLength(1);
	});

	it('drops the retries of both deliveries, and the next save carries both keys again', async () => {
		const database = new StaticDataInDatabase('wf-race-keys');
		const results = await database.deliverAtOnce(profile('a'), profile('b'));
		expect(results.map((result) => emittedJson(result).length)).toEqual([1, 1]);
		expect(database.savedMemory().deliveries).toBe(1);

		expect((await database.deliverAlone(profile('a'))).emitted).toBeUndefined();
		// Once a flush is due (recentWrites.ts), the next save carries both keys.
		jest.spyOn(Date, 'now').mockReturnValue(Date.now() + FLUSH_MS);
		expect((await database.deliverAlone(profile('b'))).emitted).toBeUndefined();
		jest.restoreAllMocks();
		expect(database.savedMemory().deliveries).toBe(2);
	});

	it('derives a tier change from a snapshot that a concurrent save dropped', async () => {
		const database = new StaticDataInDatabase('wf-race-snapshots');
		await database.deliverAtOnce(profile('c', 1), profile('d', 1));
		const moved = emittedJson(await database.deliverAlone(profile('d', 2)));
		expect(moved.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.tier.changed']);
		expect(moved[1]).toMatchObject({ direction: 'up', previousTierOrder: 1, tierOrder: 2 });
	});

	it('keeps a customer\'s newest snapshot when an older write is replayed', async () => {
		const database = new StaticDataInDatabase('wf-race-order');
		await database.deliverAlone(profile('e', 1));
		// e moves to tier 2 in the first copy; the second copy (saved last) lacks that write.
		await database.deliverAtOnce(profile('e', 2), profile('f', 1));
		const next = emittedJson(await database.deliverAlone(profile('e', 3)));
		expect(next[0].changes).toMatchObject({ tierOrder: { previous: 2, current: 3, delta: 1 } });
	});
});

describe('how often n8n has to save the static data', () => {
	afterEach(() => jest.restoreAllMocks());

	it('once per 5 s while deliveries stream in, each delivery still seeing the others', async () => {
		const database = new StaticDataInDatabase('wf-flush');
		const clock = frozenClock();
		for (let i = 0; i < 20; i++) {
			clock.now += 100;
			expect(emittedJson(await database.deliverAlone(profile(`s${i}`, 1)))).toHaveLength(1);
		}
		// The first delivery wrote the first state; the next 19 (1.9 s) waited in the log.
		expect(database.saves).toBe(1);
		for (let i = 0; i < 20; i++) expect((await database.deliverAlone(profile(`s${i}`, 1))).emitted).toBeUndefined();
		expect(database.saves).toBe(1);
		clock.now += FLUSH_MS;
		const moved = emittedJson(await database.deliverAlone(profile('s7', 2)));
		expect(moved.map((item) => item.event)).toContain('gameball.tier.changed');
		expect(database.saves).toBe(2);
		expect(database.savedMemory()).toEqual({ deliveries: 21, customers: 20 });
	});

	it('after 200 logged writes even within 5 s', async () => {
		const database = new StaticDataInDatabase('wf-flush-count');
		jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 0, 1));
		for (let i = 0; i < 101; i++) await database.deliverAlone(profile(`n${i}`, 1));
		// Two writes a delivery (key and snapshot): the first delivery, then the 101st (201 writes since).
		expect(database.saves).toBe(2);
	});
});

describe('a quiet spell after a short burst', () => {
	afterEach(() => jest.restoreAllMocks());

	// Deliveries 1 s apart, then minutes of silence: the second one's writes wait in the log for the next delivery.
	it('still drops a retry minutes later and derives no second tier change', async () => {
		const database = new StaticDataInDatabase('wf-quiet');
		const clock = frozenClock();
		await database.deliverAlone(profile('quiet', 1));
		clock.now += 1000;
		const moved = emittedJson(await database.deliverAlone(profile('quiet', 2)));
		expect(moved.map((item) => item.event)).toContain('gameball.tier.changed');
		expect(database.saves).toBe(1);

		clock.now += 5 * 60 * 1000; // Gameball's first retry
		expect((await database.deliverAlone(profile('quiet', 2))).emitted).toBeUndefined();
		clock.now += 60 * 1000;
		const later = profilePayload({ customer_id: 'quiet' }, { tier_order: 2, tier_name: 'Tier 2', activated_points: 999 });
		const next = emittedJson(await database.deliverAlone(later));
		expect(next.map((item) => item.event)).not.toContain('gameball.tier.changed');
		expect(next[0].changes).not.toHaveProperty('tierOrder');
		expect(next.map((item) => item.event)).toContain('gameball.points.changed');
		expect(database.savedMemory()).toEqual({ deliveries: 3, customers: 1 });
	});
});

describe('who answers an accepted delivery', () => {
	afterEach(() => jest.restoreAllMocks());

	it('n8n, after recording the run (which paces the sender), unless the delivery changed the static data', async () => {
		const database = new StaticDataInDatabase('wf-answers');
		const clock = frozenClock();
		const results: WebhookResult[] = [];
		// 450 deliveries over 22.5 s, every fifth one a retry of the delivery before it.
		for (let i = 0; i < 450; i++) {
			clock.now += 50;
			results.push(await database.deliverAlone(profile(`p${i % 5 === 4 ? i - 1 : i}`, 1)));
		}
		expect(results.every((result) => result.status === 200)).toBe(true);
		const started = results.filter((result) => result.emitted);
		expect(started).toHaveLength(360);
		// Answered by the node or by n8n, every body is the same.
		expect(started.every((result) => JSON.stringify(result.sent) === '{"received":true}')).toBe(true);
		const byNode = started.filter((result) => result.answeredByNode);
		// The first delivery, then a flush per 200 writes or 5 s: a handful, not hundreds.
		expect(byNode.length).toBeGreaterThanOrEqual(5);
		expect(byNode.length).toBeLessThanOrEqual(10);
		expect(database.lostChanges).toBe(0);
		// Every key written up to the last flush is in the saved static data; the rest is in this process's log.
		const saved = database.savedMemory();
		expect(saved.deliveries).toBeGreaterThan(300);
		clock.now += FLUSH_MS;
		await database.deliverAlone(profile('last', 1));
		expect(database.savedMemory()).toEqual({ deliveries: 361, customers: 361 });
	});

	it('the node once per flush, not once per delivery in flight that loaded the static data before it', async () => {
		const database = new StaticDataInDatabase('wf-in-flight');
		const clock = frozenClock();
		await database.deliverAlone(profile('warm', 1));
		clock.now += FLUSH_MS;
		// 50 deliveries in flight: all loaded the same saved static data before any of them was saved.
		const copies = Array.from({ length: 50 }, () => database.load());
		const results: WebhookResult[] = [];
		for (const [i, copy] of copies.entries()) {
			clock.now += 10;
			results.push(await copy.deliver(signedRequest(profile(`f${i}`, 1))));
		}
		copies.forEach((copy, i) => database.save(copy, results[i]));
		expect(results.every((result) => result.emitted && result.status === 200)).toBe(true);
		expect(results.filter((result) => result.answeredByNode)).toHaveLength(1);
		expect(database.lostChanges).toBe(0);
	});

	it('the node, for every delivery, when there is no write log (a workflow without an id)', async () => {
		const trigger = new WebhookHarness({ type: 'gameballTrigger', parameters: {}, credentials: CREDENTIALS }, {}, '');
		for (const customer of ['q1', 'q2', 'q3']) {
			const result = await trigger.deliver(signedRequest(profile(customer)));
			expect(result).toMatchObject({ status: 200, sent: { received: true }, answeredByNode: true });
		}
		expect(memorySize(nodeData(trigger.staticData))).toEqual({ deliveries: 3, customers: 3 });
	});
});

describe('the write log, against static data saved by another process', () => {
	const settings = v4Settings({ deduplicationMemorySize: 100, customerMemorySize: 100 });
	const deliver = (store: IDataObject, payload: IDataObject, recent: RecentWrites, now: number) => {
		const raw = JSON.stringify(payload);
		return handleV4Delivery({ method: 'POST', bytes: Buffer.from(raw), headers: { 'x-gb-signature': sign(raw) }, query: {} }, settings, store, now, recent);
	};

	it('puts back only delivery keys: a snapshot from this process may be older than the other\'s', () => {
		const recent = new RecentWrites();
		const T = Date.UTC(2026, 0, 1);
		deliver({}, profile('g', 1), recent, T);
		// Saved by another webhook process: knows nothing of g, and carries that process's mark.
		const foreign: IDataObject = { replayedUpTo: 'another-process:7' };
		// Within FLUSH_MS of this log's last flush, nothing is replayed yet; the log still answers for g.
		expect(deliver(foreign, profile('h', 1), recent, T + 1000)).toMatchObject({ kind: 'emit', storeChanged: false });
		expect(memorySize(foreign)).toEqual({ deliveries: 0, customers: 0 });
		const outcome = deliver(foreign, profile('i', 1), recent, T + FLUSH_MS);
		expect(outcome).toMatchObject({ kind: 'emit', storeChanged: true });
		expect(memorySize(foreign)).toEqual({ deliveries: 3, customers: 1 });
		expect(deliver(foreign, profile('g', 1), recent, T + FLUSH_MS + 1000)).toEqual({ kind: 'ignore', reason: 'duplicate' });
	});

	it('forgets flushed writes after two minutes, never ones not flushed yet', () => {
		const recent = new RecentWrites();
		const T = Date.UTC(2026, 0, 1);
		recent.record('delivery', 'k1', 1, T);
		recent.record('delivery', 'k2', 2, T + 60_000);
		recent.markFlushed({}, T + 60_000);
		recent.record('delivery', 'k3', 3, T + 61_000);
		const view = recent.viewOf({});
		expect(recent.missing(view, T + 150_000).map((write) => write.key)).toEqual(['k2', 'k3']);
		expect(recent.unflushedValue('delivery', 'k1', view, T + 150_000)).toBeUndefined();
		expect(recent.unflushedValue('delivery', 'k2', view, T + 150_000)).toBe(2);
		// An hour later k2's save is long done; k3 still waits for the next delivery to carry it.
		expect(recent.missing(view, T + 3_600_000).map((write) => write.key)).toEqual(['k3']);
		expect(recent.unflushedValue('delivery', 'k3', view, T + 3_600_000)).toBe(3);
	});

	it('a copy saved again long after it was loaded (a long execution) rolls back nothing the process flushed', () => {
		const recent = new RecentWrites();
		const T = Date.UTC(2026, 0, 1);
		const tiered = (tier: number, points: number, at: string) =>
			profilePayload({ customer_id: 'long', created_at: at }, { tier_order: tier, tier_name: `T${tier}`, activated_points: points, total_points: points });
		let saved = '{}';
		/** n8n: each delivery loads its own copy; the node answering itself (a flush) has it saved. */
		const webhook = (payload: IDataObject, now: number) => {
			const copy = JSON.parse(saved) as IDataObject;
			const outcome = deliver(copy, payload, recent, now);
			if (outcome.kind === 'emit' && outcome.storeChanged) saved = JSON.stringify(copy);
			return { outcome, copy };
		};
		const events = (outcome: ReturnType<typeof deliver>) => (outcome.kind === 'emit' ? outcome.items.map((item) => item.event) : [outcome.reason]);

		const first = webhook(tiered(1, 100, 'a'), T);
		expect(events(first.outcome)).toEqual(['customer.profile.updated']);
		const moved = webhook(tiered(2, 200, 'b'), T + 10_000);
		expect(events(moved.outcome)).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
		const retried = tiered(2, 250, 'c');
		webhook(retried, T + 20_000);
		// The first delivery's execution ran 3 minutes, and another node of it wrote static data: n8n saves its copy.
		saved = JSON.stringify(first.copy);

		const later = webhook(tiered(2, 250, 'd'), T + 200_000);
		expect(events(later.outcome)).toEqual(['customer.profile.updated']);
		expect(webhook(retried, T + 201_000).outcome).toEqual({ kind: 'ignore', reason: 'duplicate' });
		// The next flush puts the lost writes back into the static data.
		webhook(tiered(3, 400, 'e'), T + 200_000 + FLUSH_MS);
		expect(memorySize(JSON.parse(saved) as IDataObject)).toEqual({ deliveries: 5, customers: 1 });
	});

	describe('the first deliveries after a restart, in flight together', () => {
		const T = Date.UTC(2026, 0, 1);
		const update = (tier: number, minute: number) =>
			profilePayload({ customer_id: 'restarted', created_at: `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z` }, { tier_order: tier, tier_name: `T${tier}` });
		const events = (outcome: ReturnType<typeof deliver>) => (outcome.kind === 'emit' ? outcome.items.map((item) => item.event) : [outcome.reason]);
		/** The static data as the process before the restart saved it: the customer at tier 1. */
		const savedBeforeRestart = () => {
			const store: IDataObject = {};
			deliver(store, update(1, 0), new RecentWrites(), T);
			return JSON.stringify(store);
		};

		it('a late update read through the copy loaded before the first save is still out of order', () => {
			const saved = savedBeforeRestart();
			const recent = new RecentWrites();
			const [first, second] = [JSON.parse(saved) as IDataObject, JSON.parse(saved) as IDataObject];
			expect(events(deliver(first, update(3, 10), recent, T + 60_000))).toContain('gameball.tier.changed');
			const late = deliver(second, update(2, 5), recent, T + 61_000);
			expect(late).toMatchObject({ kind: 'emit', items: [{ outOfOrder: true, changes: {} }] });
			// The newer tier stays remembered: no move up to it a second time.
			expect(events(deliver(first, update(3, 15), recent, T + 62_000))).toEqual(['customer.profile.updated']);
		});

		it('the older copy\'s flush, saved last, rolls back no snapshot the process flushed', () => {
			let saved = savedBeforeRestart();
			const recent = new RecentWrites();
			const [first, second] = [JSON.parse(saved) as IDataObject, JSON.parse(saved) as IDataObject];
			expect(deliver(first, update(3, 10), recent, T + 60_000)).toMatchObject({ storeChanged: true });
			saved = JSON.stringify(first);
			const other = profilePayload({ customer_id: 'another', created_at: '2026-01-01T00:11:00.000Z' });
			expect(deliver(second, other, recent, T + 60_000 + FLUSH_MS)).toMatchObject({ storeChanged: true });
			saved = JSON.stringify(second);
			// Minutes later the log no longer holds the flushed writes: the saved static data must.
			const later = deliver(JSON.parse(saved) as IDataObject, update(3, 15), recent, T + 10 * 60_000);
			expect(events(later)).toEqual(['customer.profile.updated']);
		});
	});

	it('finds the first missing write by sequence number after older writes were overwritten', () => {
		const recent = new RecentWrites();
		const T = Date.UTC(2026, 0, 1);
		const store: IDataObject = {};
		for (let i = 0; i < 3000; i++) recent.record('delivery', `old-${i}`, i, T);
		for (let i = 0; i < 10; i++) recent.record('delivery', `new-${i}`, i, T + 200_000);
		recent.markFlushed(store, T + 200_000);
		recent.record('delivery', 'after-mark', 1, T + 200_001);
		expect(recent.missing(recent.viewOf(store), T + 200_002).map((write) => write.key)).toEqual(['after-mark']);
		expect(recent.missing(recent.viewOf({}), T + 200_002)).toHaveLength(11);
		expect(recent.unflushedValue('delivery', 'new-3', recent.viewOf(store), T + 200_002)).toBeUndefined();
	});
});
