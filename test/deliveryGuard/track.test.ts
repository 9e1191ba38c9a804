import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeParameters, WorkflowExecuteMode } from 'n8n-workflow';

import { emittedJson, newTrigger, profilePayload, signedRequest, storedTable } from '../trigger/fixtures';
import { resetDeduplication } from '../harness/deduplication';
import { LOST_STATE_MESSAGE, SHARED_MARKER_NOT_RECORDED, sharedStateMarker } from '../../nodes/GameballDeliveryGuard/lostState';
import { ONLY_DERIVED_MESSAGE, trackChanges } from '../../nodes/GameballDeliveryGuard/trackChanges';
import { WebhookHarness } from '../harness/run';
import { GUARD, keptJson, newTracker, trackContext } from './helpers';
import { OUTPUT, runLoyalty } from '../loyaltyToCrm/helpers';

type Profile = Partial<Record<'tier_name' | 'tier_order' | 'activated_points' | 'pending_points' | 'total_points' | 'referral_code', unknown>>;

const BASIC = { tier_name: 'basic', tier_order: 1, activated_points: 90, pending_points: 10, total_points: 100 };
const SILVER = { tier_name: 'Silver', tier_order: 2, activated_points: 140, pending_points: 10, total_points: 150 };

/**
 * What a Gameball Trigger in queue mode emits: each delivery lands on some webhook processor whose memory has
 * not seen the customer, so a fresh trigger per delivery (profile item, `changes: null`, no derived items).
 */
async function deliverToAFreshProcess(customer: string, profile: Profile, seq: number, parameters: INodeParameters = {}) {
	const payload = profilePayload({ customer_id: customer, created_at: `2024-11-19T17:${String(seq).padStart(2, '0')}:00.000Z` }, profile as IDataObject);
	return emittedJson(await newTrigger(parameters).deliver(signedRequest(payload)));
}

beforeEach(() => resetDeduplication());

describe('Track Tier and Points Changes through n8n-core', () => {
	it('an item whose event cannot be read as text fails no other item, and odd Events are refused by name', async () => {
		const tracker = newTracker({}, true);
		const odd = JSON.parse('{"event": {"toString": 5}}') as IDataObject;
		const first = await deliverToAFreshProcess('vera', SILVER, 1);
		const result = await tracker.run([odd, ...first]);
		expect(result.error).toBeUndefined();
		expect(keptJson(result.outputs).map((item) => item.event)).toEqual([{ toString: 5 }, 'customer.profile.updated']);
		for (const events of ['={{ 5 }}', '={{ "xtierChangedx" }}']) {
			const refused = await newTracker({ events }).run(first);
			expect(refused.error?.message).toMatch(/^"Events"/);
		}
	});

	it('derives Tier Changed and Points Changed that the per-process trigger memory missed', async () => {
		const tracker = newTracker();
		const first = await deliverToAFreshProcess('alice', BASIC, 1);
		const second = await deliverToAFreshProcess('alice', SILVER, 2);
		expect(second.map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(second[0].changes).toBeNull();

		const baseline = await tracker.run(first);
		expect(keptJson(baseline.outputs).map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(keptJson(baseline.outputs)[0].changes).toBeNull();

		const moved = await tracker.run(second);
		expect(moved.error).toBeUndefined();
		const items = keptJson(moved.outputs);
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
		expect(items[0].changes).toEqual({
			tierOrder: { previous: 1, current: 2, delta: 1 },
			tierName: { previous: 'basic', current: 'Silver' },
			activatedPoints: { previous: 90, current: 140, delta: 50 },
			totalPoints: { previous: 100, current: 150, delta: 50 },
		});
		expect(items[1]).toEqual({
			event: 'gameball.tier.changed',
			clientId: '2155',
			customerId: 'alice',
			gbCustomerId: '1234',
			createdAt: '2024-11-19T17:02:00.000Z',
			deliveryId: second[0].deliveryId,
			direction: 'up',
			previousTierOrder: 1,
			tierOrder: 2,
			previousTierName: 'basic',
			tierName: 'Silver',
		});
		expect(items[2]).toMatchObject({ previousActivatedPoints: 90, activatedPoints: 140, activatedPointsDelta: 50, totalPointsDelta: 50 });
		expect(moved.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it('gives the same items as the single-process trigger would', async () => {
		const trigger = newTrigger();
		const payloads = [BASIC, SILVER, { ...SILVER, tier_name: 'basic', tier_order: 1, activated_points: 20, total_points: 30 }].map((profile, seq) =>
			signedRequest(profilePayload({ customer_id: 'bob', created_at: `2024-11-19T18:0${seq}:00.000Z` }, profile)),
		);
		const tracker = newTracker();
		for (const request of payloads) {
			const singleProcess = emittedJson(await trigger.deliver(request));
			const queueMode = emittedJson(await newTrigger().deliver(request));
			expect(keptJson((await tracker.run(queueMode)).outputs)).toEqual(singleProcess);
		}
	});

	it('takes a tier that kept its name at another order as renumbered tiers, as the trigger does', async () => {
		const tracker = newTracker();
		await tracker.run(await deliverToAFreshProcess('ruth', SILVER, 1));
		const renumbered = keptJson((await tracker.run(await deliverToAFreshProcess('ruth', { ...SILVER, tier_order: 3 }, 2))).outputs);
		expect(renumbered.map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(renumbered[0].changes).toEqual({ tierOrder: { previous: 2, current: 3, delta: 1 } });
	});

	it('takes a recased tier name as the same tier, and unrounded points as the same amount, as the trigger does', async () => {
		const tracker = newTracker();
		await tracker.run(await deliverToAFreshProcess('rosa', { ...SILVER, activated_points: 0.30000000000000004 }, 1));
		const outputs = keptJson((await tracker.run(await deliverToAFreshProcess('rosa', { ...SILVER, tier_name: 'SILVER', tier_order: 3, activated_points: 0.3 }, 2))).outputs);
		expect(outputs.map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(outputs[0].changes).toEqual({ tierOrder: { previous: 2, current: 3, delta: 1 }, tierName: { previous: 'Silver', current: 'SILVER' } });
	});

	it('names the previous tier only after the tier order it came with, when an update sent an order without a name', async () => {
		const tracker = newTracker({ events: ['tierChanged'] });
		const updates = [BASIC, { ...SILVER, tier_name: null }, { ...SILVER, tier_name: 'Gold', tier_order: 3 }];
		let last: IDataObject[] = [];
		for (const [seq, profile] of updates.entries()) last = keptJson((await tracker.run(await deliverToAFreshProcess('uma', profile, seq + 1))).outputs);
		expect(last[1]).toMatchObject({ event: 'gameball.tier.changed', previousTierOrder: 2, previousTierName: null, tierName: 'Gold' });
	});

	it('replaces the trigger\'s own derived items, keeps other items, and honours the chosen events', async () => {
		const trigger = newTrigger();
		await trigger.deliver(signedRequest(profilePayload({ customer_id: 'carol' }, BASIC)));
		const fromTrigger = emittedJson(await trigger.deliver(signedRequest(profilePayload({ customer_id: 'carol' }, SILVER))));
		expect(fromTrigger.map((item) => item.event)).toContain('gameball.tier.changed');

		const tracker = newTracker({ events: ['tierChanged'] });
		await tracker.run([{ event: 'customer.profile.updated', customerId: 'carol', clientId: '2155', deliveryId: 'd1', tierOrder: 1, activatedPoints: 90, totalPoints: 100 }]);
		const items = keptJson((await tracker.run([...fromTrigger, { event: 'customer.notification.push', deliveryId: 'n1' }])).outputs);
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'customer.notification.push']);
		expect(items.filter((item) => item.event === 'gameball.tier.changed')).toHaveLength(1);
	});

	it('derives both events when none is selected, as the trigger reads an empty Events list', async () => {
		const tracker = newTracker({ events: [] });
		await tracker.run(await deliverToAFreshProcess('ivy', BASIC, 1));
		const items = keptJson((await tracker.run(await deliverToAFreshProcess('ivy', SILVER, 2))).outputs);
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
	});

	it("passes an input item's binary data on with it, and gives derived events none", async () => {
		const tracker = newTracker();
		const binary = { data: { data: Buffer.from('receipt').toString('base64'), mimeType: 'text/plain', fileName: 'receipt.txt' } };
		const profile = { event: 'customer.profile.updated', customerId: 'erin', clientId: '2155', deliveryId: 'e1', tierOrder: 1, activatedPoints: 90, totalPoints: 100 };
		await tracker.guard.execute([[{ json: profile }]], 'webhook');
		const { outputs } = await tracker.guard.execute([[{ json: { ...profile, deliveryId: 'e2', tierOrder: 2 }, binary }, { json: { event: 'other', deliveryId: 'o1' }, binary }]], 'webhook');
		expect(outputs[0].map((item) => [item.json.event, item.binary, item.pairedItem])).toEqual([
			['customer.profile.updated', binary, { item: 0 }],
			['gameball.tier.changed', undefined, { item: 0 }],
			['other', binary, { item: 1 }],
		]);
	});

	it('reads raw items (Simplify off); Keep Input Items off outputs only derived items', async () => {
		const tracker = newTracker({ options: { keepInput: false } });
		const raw = await deliverToAFreshProcess('dave', BASIC, 1, { simplify: false });
		expect(raw[0].body).toBeDefined();
		expect(keptJson((await tracker.run(raw)).outputs)).toEqual([]);
		const rawMoved = await deliverToAFreshProcess('dave', SILVER, 2, { simplify: false });
		const items = keptJson((await tracker.run(rawMoved)).outputs);
		expect(items.map((item) => item.event)).toEqual(['gameball.tier.changed', 'gameball.points.changed']);
		expect(items[0]).toMatchObject({ customerId: 'dave', previousTierOrder: 1, tierOrder: 2, deliveryId: rawMoved[0].deliveryId });
	});

	it('reads Keep Input Items "false" from an expression as off, and refuses a Customer Memory Size that is no number', async () => {
		const tracker = newTracker({ options: { keepInput: '={{ "false" }}' } });
		expect(keptJson((await tracker.run(await deliverToAFreshProcess('erin', BASIC, 1))).outputs)).toEqual([]);
		const broken = newTracker({ options: { customerMemorySize: '={{ "lots" }}' } });
		const result = await broken.run(await deliverToAFreshProcess('erin', BASIC, 2));
		expect(result.error?.message).toBe('"Customer Memory Size" must be a number (got "lots")');
	});

	it('keeps the snapshots in the node\'s static data, bounded by Customer Memory Size, without customer ids in clear', async () => {
		const tracker = newTracker({ options: { customerMemorySize: 2 } });
		for (const [seq, customer] of ['c1', 'c2', 'c3', 'c4', 'c5'].entries()) {
			await tracker.run(await deliverToAFreshProcess(customer, BASIC, seq));
		}
		const stored = tracker.guard.staticData['node:Node under test'] as IDataObject;
		// Two generations of at most 2: c1 and c2 were dropped when c5 started the third.
		expect(Object.keys(storedTable(stored, 'customers'))).toHaveLength(1);
		expect(Object.keys(storedTable(stored, 'previousCustomers'))).toHaveLength(2);
		expect(JSON.stringify(stored)).not.toMatch(/c[1-5]"/);
	});

	it('says so (execution hint) when its stored state is gone, as on a queue-mode worker, and not before', async () => {
		const tracker = newTracker();
		const hintsOf = (result: Awaited<ReturnType<typeof tracker.run>>) =>
			(result.run.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);
		const first = await tracker.run(await deliverToAFreshProcess('erin', BASIC, 1));
		expect(hintsOf(first)).toEqual([]);
		expect(hintsOf(await tracker.run(await deliverToAFreshProcess('erin', SILVER, 2)))).toEqual([]);

		// A queue-mode worker starts each execution from empty static data.
		delete tracker.guard.staticData['node:Node under test'];
		const lost = await tracker.run(await deliverToAFreshProcess('erin', BASIC, 3));
		expect(hintsOf(lost)).toEqual([LOST_STATE_MESSAGE]);
		expect(keptJson(lost.outputs).map((item) => item.event)).toEqual(['customer.profile.updated']);
	});

	it('does not say so after runs that stored no profile, nor after manual runs (n8n never saves their static data)', async () => {
		const notification = { event: 'customer.notification.push', customerId: 'nina', deliveryId: 'n-1', title: 'Hi' };
		const hintsOf = (result: Awaited<ReturnType<ReturnType<typeof newTracker>['run']>>) =>
			(result.run.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);

		const notificationsOnly = newTracker();
		for (let run = 0; run < 3; run++) expect(hintsOf(await notificationsOnly.run([notification]))).toEqual([]);

		const testedFirst = newTracker();
		expect(hintsOf(await testedFirst.run(await deliverToAFreshProcess('nina', BASIC, 1), 'manual'))).toEqual([]);
		delete testedFirst.guard.staticData['node:Node under test'];
		expect(hintsOf(await testedFirst.run(await deliverToAFreshProcess('nina', BASIC, 2)))).toEqual([]);
		// The marker is still recorded by the first production run that stores a profile.
		delete testedFirst.guard.staticData['node:Node under test'];
		expect(hintsOf(await testedFirst.run(await deliverToAFreshProcess('nina', SILVER, 3)))).toEqual([LOST_STATE_MESSAGE]);
	});

	it('does not say so after a run that failed on its settings (it stored nothing, and its marker is taken back)', async () => {
		const body = { event: 'customer.profile.updated', client_id: 'c', customer_id: 'una', created_at: '2024-11-19T17:01:00.000Z', data: { tier_order: 1, total_points: 1 } };
		const hintsOf = (result: Awaited<ReturnType<ReturnType<typeof newTracker>['run']>>) =>
			(result.run.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);
		// One workflow: the same processed_data context for both runs.
		const run = (parameters: INodeParameters) =>
			new WebhookHarness({ type: GUARD, parameters: { operation: 'trackChanges', ...parameters } }, {}, 'wf-settings-failed').execute([[{ json: body }]], 'webhook');
		const failed = await run({ events: '={{ "bogus" }}' });
		expect(failed.error?.message).toMatch(/Events/);
		// The user fixes Events: n8n saved no static data for the failed run, and nothing was lost.
		expect(hintsOf(await run({}))).toEqual([]);
	});

	it('says why it output nothing when the trigger sent its derived items but no Profile Updated item', async () => {
		const hintsOf = (result: Awaited<ReturnType<ReturnType<typeof newTracker>['run']>>) =>
			(result.run.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);
		const trigger = newTrigger({ events: ['tierChanged'] });
		await trigger.deliver(signedRequest(profilePayload({ customer_id: 'olga', created_at: '2024-11-19T17:01:00.000Z' }, BASIC)));
		const derivedOnly = emittedJson(await trigger.deliver(signedRequest(profilePayload({ customer_id: 'olga', created_at: '2024-11-19T17:02:00.000Z' }, SILVER))));
		expect(derivedOnly.map((item) => item.event)).toEqual(['gameball.tier.changed']);
		const dropped = await newTracker().run(derivedOnly);
		expect(keptJson(dropped.outputs)).toEqual([]);
		expect(hintsOf(dropped)).toStrictEqual([ONLY_DERIVED_MESSAGE]);
		expect(ONLY_DERIVED_MESSAGE).toMatch(/tier or points items but no Profile Updated item.*Select "Profile Updated" in the trigger's Events/);
		// With the profile update beside them, nothing to say.
		const both = await newTracker().run(await deliverToAFreshProcess('olga', BASIC, 3));
		expect(hintsOf(both)).toStrictEqual([]);
		// A profile update as n8n's Webhook node gives it counts too.
		const webhookProfile = { body: profilePayload({ customer_id: 'olga', created_at: '2024-11-19T17:04:00.000Z' }, BASIC), headers: {} };
		expect(hintsOf(await newTracker().run([webhookProfile, ...derivedOnly]))).toStrictEqual([]);
	});

	it("reads a Gameball body as n8n's Webhook node gives it, or bare, as Loyalty to CRM does", async () => {
		const body = (profile: Profile, seq: number) => profilePayload({ customer_id: 'pia', created_at: `2024-11-19T17:0${seq}:00.000Z` }, profile as IDataObject);
		const webhookNodeItem = (payload: IDataObject): IDataObject => ({ body: payload, headers: {} });
		const bare = (payload: IDataObject): IDataObject => payload;
		for (const shape of [webhookNodeItem, bare]) {
			const tracker = newTracker();
			// With no delivery ID, the one the trigger gives a re-serialised body: hex SHA-1 of its JSON.
			const deliveryIdOf = (payload: IDataObject) => createHash('sha1').update(JSON.stringify(payload)).digest('hex');
			const first = body(BASIC, 1);
			expect(keptJson((await tracker.run([shape(first)])).outputs)).toEqual([{ ...shape(first), deliveryId: deliveryIdOf(first), outOfOrder: false }]);
			const moved = keptJson((await tracker.run([shape(body(SILVER, 2))])).outputs);
			expect(moved[0]).toMatchObject(shape(body(SILVER, 2)));
			expect(moved.slice(1).map((item) => item.event)).toEqual(['gameball.tier.changed', 'gameball.points.changed']);
			expect(moved[1]).toMatchObject({ customerId: 'pia', previousTierName: 'basic', tierName: 'Silver' });
			expect(new Set(moved.map((item) => item.deliveryId))).toEqual(new Set([deliveryIdOf(body(SILVER, 2))]));
			// Loyalty to CRM reads the three as one event: one upsert, one task.
			const crm = await runLoyalty({ createTaskOn: ['tierUp'] }, moved);
			expect([crm.outputs[OUTPUT.upsertContact].length, crm.outputs[OUTPUT.createTask].length]).toEqual([1, 1]);
		}
	});

	it('tracks referral codes: a new code is a change, a first-seen customer or the same or a missing code is not', async () => {
		const tracker = newTracker();
		const changesOf = async (code: string | null, seq: number) =>
			keptJson((await tracker.run(await deliverToAFreshProcess('ivy', { ...BASIC, referral_code: code }, seq))).outputs).map((item) => item.changes);
		expect(await changesOf('referral_123', 1)).toEqual([null]);
		expect(await changesOf('referral_123', 2)).toEqual([{}]);
		expect(await changesOf(null, 3)).toEqual([{}]);
		expect(await changesOf('referral_456', 4)).toEqual([{ referralCode: { previous: 'referral_123', current: 'referral_456' } }]);
	});

	it('reads a blank tier name or referral code in a simplified item as not sent, as in a raw body: no change to blank and back', async () => {
		const tracker = newTracker();
		const item = (tierName: string, referralCode: string, minute: number) => ({
			event: 'customer.profile.updated',
			clientId: 'c',
			customerId: 'vera',
			createdAt: `2024-11-19T17:0${minute}:00.000Z`,
			deliveryId: `blank-${minute}`,
			tierName,
			tierOrder: 2,
			activatedPoints: 5,
			pendingPoints: 0,
			totalPoints: 5,
			referralCode,
		});
		const changesOf = async (tierName: string, referralCode: string, minute: number) =>
			keptJson((await tracker.run([item(tierName, referralCode, minute)])).outputs).map((output) => output.changes);
		expect(await changesOf('Silver', 'ABC', 1)).toEqual([null]);
		expect(await changesOf('', ' ', 2)).toEqual([{}]);
		expect(await changesOf('Silver', 'ABC', 3)).toEqual([{}]);
	});

	it('takes a late copy of an update as old news after an update sent with no readable time, which came after it', async () => {
		const tracker = newTracker();
		const body = (tierOrder: number, createdAt: string) =>
			profilePayload({ customer_id: 'walt', created_at: createdAt }, { tier_name: `T${tierOrder}`, tier_order: tierOrder, activated_points: tierOrder * 10, pending_points: 0, total_points: tierOrder * 10 });
		const eventsOf = async (payload: IDataObject) =>
			keptJson((await tracker.run([payload])).outputs).map((item) => (item.event === 'customer.profile.updated' ? `outOfOrder ${String(item.outOfOrder)}` : item.event));
		const first = body(2, '2024-11-19T17:01:00.000Z');
		expect(await eventsOf(first)).toEqual(['outOfOrder false']);
		expect(await eventsOf(body(3, '07/12/2024 08:50'))).toEqual(['outOfOrder false', 'gameball.tier.changed', 'gameball.points.changed']);
		// Compared, the copy would be a move back to tier 2, and the next update a move up again.
		expect(await eventsOf(first)).toEqual(['outOfOrder true']);
		expect(await eventsOf(body(3, '2024-11-19T17:03:00.000Z'))).toEqual(['outOfOrder false']);
	});

	it('reads referral codes from raw items (Simplify off) and compares a later simplified item with them', async () => {
		const tracker = newTracker();
		await tracker.run(await deliverToAFreshProcess('jack', { ...BASIC, referral_code: 'referral_123' }, 1, { simplify: false }));
		const items = keptJson((await tracker.run(await deliverToAFreshProcess('jack', { ...SILVER, referral_code: 'SILVER-JACK' }, 2))).outputs);
		expect(items.map((item) => item.event)).toEqual(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
		expect(items[0].changes).toMatchObject({ referralCode: { previous: 'referral_123', current: 'SILVER-JACK' } });
	});

	it('gives the same referral code changes as the single-process trigger would', async () => {
		const trigger = newTrigger();
		const tracker = newTracker();
		for (const [seq, code] of ['referral_123', 'referral_123', 'referral_456', null, 'referral_789'].entries()) {
			const request = signedRequest(profilePayload({ customer_id: 'kate', created_at: `2024-11-19T19:0${seq}:00.000Z` }, { ...BASIC, referral_code: code }));
			const singleProcess = emittedJson(await trigger.deliver(request));
			const queueMode = emittedJson(await newTrigger().deliver(request));
			expect(keptJson((await tracker.run(queueMode)).outputs)).toEqual(singleProcess);
		}
	});
});

describe('Track runs that overlap in one n8n process', () => {
	// n8n loads each execution's own copy of the static data when it starts and saves the whole copy when it ends.
	let saved = '{}';
	let runs = 0;
	const workflowId = `overlap-${Date.now()}`;
	const load = () => JSON.parse(saved) as IDataObject;
	const update = (tierOrder: number, points: number) => ({
		event: 'customer.profile.updated',
		clientId: '1',
		customerId: 'c1',
		gbCustomerId: '7',
		createdAt: `2024-11-19T17:00:0${++runs}.000Z`,
		deliveryId: `delivery-${runs}`,
		tierOrder,
		tierName: `T${tierOrder}`,
		activatedPoints: points,
		pendingPoints: 0,
		totalPoints: points,
		referralCode: null,
		changes: null,
	});
	const track = async (item: IDataObject, staticData: IDataObject, mode?: WorkflowExecuteMode) => {
		const context = trackContext(item, { workflowId, staticData: (staticData['node:Guard'] ??= {}) as IDataObject, mode });
		return (await trackChanges.call(context))[0].map(({ json }) => json);
	};

	it('each run compares with the latest snapshot, whichever run n8n saves last', async () => {
		const first = load();
		await track(update(1, 100), first);
		saved = JSON.stringify(first);

		const pointsRun = load();
		const tierRun = load();
		const points = await track(update(1, 150), pointsRun);
		const tier = await track(update(2, 250), tierRun);
		expect(points.find((item) => item.event === 'gameball.points.changed')).toMatchObject({ totalPointsDelta: 50 });
		expect(tier.find((item) => item.event === 'gameball.points.changed')).toMatchObject({ totalPointsDelta: 100 });
		expect(tier.find((item) => item.event === 'gameball.tier.changed')).toMatchObject({ previousTierOrder: 1, tierOrder: 2 });
		saved = JSON.stringify(tierRun);
		saved = JSON.stringify(pointsRun); // the run that started first is saved last

		const next = await track(update(2, 260), load());
		expect(next.filter((item) => item.event === 'gameball.tier.changed')).toEqual([]);
		expect(next.find((item) => item.event === 'gameball.points.changed')).toMatchObject({ totalPointsDelta: 10 });
	});

	it('a manual run neither reads nor changes what production runs share', async () => {
		const manual = await track(update(5, 900), load(), 'manual');
		expect(manual.find((item) => item.event === 'gameball.tier.changed')).toMatchObject({ tierOrder: 5 });
		const next = await track(update(2, 270), load());
		expect(next.filter((item) => item.event === 'gameball.tier.changed')).toEqual([]);
		expect(next.find((item) => item.event === 'gameball.points.changed')).toMatchObject({ totalPointsDelta: 10 });
	});
});

describe('the shared-state marker in processed_data (lostState.ts)', () => {
	it('logs a warning when it cannot be recorded, without failing the run', async () => {
		const warnings: Array<[string, unknown]> = [];
		const context = {
			getMode: () => 'webhook',
			helpers: {
				getProcessedDataCount: async () => 0,
				checkProcessedAndRecord: async () => {
					throw new Error('SQLITE_BUSY: database is locked');
				},
			},
			logger: { warn: (message: string, meta: unknown) => warnings.push([message, meta]) },
		} as unknown as IExecuteFunctions;
		const marker = sharedStateMarker(context);
		await expect(marker.record()).resolves.toBeUndefined();
		expect(warnings).toEqual([[SHARED_MARKER_NOT_RECORDED, { error: 'SQLITE_BUSY: database is locked' }]]);
		expect(await marker.recorded()).toBe(false);
	});
});
