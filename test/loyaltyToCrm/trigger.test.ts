/**
 * The Gameball Trigger's real output, fed into Loyalty to CRM: signed deliveries go through the trigger's
 * webhook() in n8n-core (WebhookHarness), and the items it emits are the input of the mapping node.
 */
import { createHash } from 'node:crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { WebhookHarness } from '../harness/run';
import { gameballNotificationBody, gameballProfileBody } from './fixtures';
import { OUTPUT, runLoyalty } from './helpers';

const SECRET_KEY = 'sk_test_loyalty_to_crm';
const credentials = {
	gameballApi: { apiKey: 'ak_test', secretKey: SECRET_KEY, apiVersion: 'v4.0', baseUrl: 'http://localhost:1' },
};

function trigger(parameters: INodeParameters = {}) {
	return new WebhookHarness({ type: 'gameballTrigger', parameters, credentials });
}

async function deliver(harness: WebhookHarness, payload: IDataObject): Promise<INodeExecutionData[]> {
	const raw = JSON.stringify(payload);
	const signature = createHash('sha1').update(`${raw}:${SECRET_KEY}`).digest('hex');
	const result = await harness.deliver({
		rawBody: raw,
		headers: { 'content-type': 'application/json', 'x-gb-webhook-version': 'v4', 'x-gb-signature': signature },
	});
	return result.emitted?.[0] ?? [];
}

function profile(seq: number, data: IDataObject): IDataObject {
	return {
		...gameballProfileBody,
		created_at: `2024-11-20T10:0${seq}:00.000Z`,
		data: { ...gameballProfileBody.data, ...data },
	};
}

describe('Gameball Trigger -> Loyalty to CRM', () => {
	test('a tier move: one folded event with contact, tag, task and note, paired with the profile item', async () => {
		const harness = trigger();
		const baseline = await deliver(harness, profile(1, { tier_name: 'Silver', tier_order: 2, activated_points: 950 }));
		expect(baseline.map((item) => item.json.event)).toEqual(['customer.profile.updated']);
		const moved = await deliver(harness, profile(2, { tier_name: 'Gold', tier_order: 3, activated_points: 1010 }));
		expect(moved.map((item) => item.json.event)).toEqual([
			'customer.profile.updated',
			'gameball.tier.changed',
			'gameball.points.changed',
		]);

		const { outputs, error } = await runLoyalty({}, moved.map((item) => item.json));
		expect(error).toBeUndefined();
		expect(outputs.map((items) => items.length)).toEqual([1, 1, 1, 1, 0]);
		const [upsert] = outputs[OUTPUT.upsertContact];
		expect(upsert.pairedItem).toEqual({ item: 0 });
		expect(upsert.json.match).toEqual({ by: 'email', field: 'email', value: 'customer@example.com', fallback: false });
		expect(upsert.json.properties).toMatchObject({
			gameball_tier: 'Gold',
			gameball_tier_rank: 3,
			gameball_points_available: 1010,
			gameball_last_event: 'Moved up from Silver to Gold; 1010 points available (+60)',
		});
		expect(outputs[OUTPUT.addTag][0].json).toMatchObject({ tag: 'Loyalty: Gold', removeTags: ['Loyalty: Silver'] });
		expect(outputs[OUTPUT.createTask][0].json).toMatchObject({
			title: 'Congratulate customer@example.com on reaching Gold',
			reasons: ['tierUp', 'pointsCrossed'],
		});
		expect((outputs[OUTPUT.logNote][0].json.event as IDataObject).deliveryId).toBe(moved[0].json.deliveryId);
	});

	test('renumbered tiers (same tier name at a new order) give no tier step: the contact is upserted with the new rank', async () => {
		const harness = trigger();
		await deliver(harness, profile(1, { tier_name: 'Silver', tier_order: 2 }));
		const renumbered = await deliver(harness, profile(2, { tier_name: 'Silver', tier_order: 3 }));
		expect(renumbered.map((item) => item.json.event)).toEqual(['customer.profile.updated']);
		const { outputs } = await runLoyalty({}, renumbered.map((item) => item.json));
		expect(outputs.map((output) => output.length)).toEqual([1, 0, 0, 0, 0]);
		expect(outputs[OUTPUT.upsertContact][0].json.properties).toMatchObject({ gameball_tier: 'Silver', gameball_tier_rank: 3 });
	});

	test('renumbered tiers whose name changed only in letter case or end spaces give no tier step either, as the trigger judges them', async () => {
		const harness = trigger();
		await deliver(harness, profile(1, { tier_name: 'Silver', tier_order: 2 }));
		const recased = await deliver(harness, profile(2, { tier_name: 'SILVER ', tier_order: 3 }));
		expect(recased.map((item) => item.json.event)).toEqual(['customer.profile.updated']);
		const { outputs } = await runLoyalty({}, recased.map((item) => item.json));
		expect(outputs.map((output) => output.length)).toEqual([1, 0, 0, 0, 0]);
		expect(outputs[OUTPUT.upsertContact][0].json.properties).toMatchObject({ gameball_tier: 'SILVER', gameball_tier_rank: 3 });
	});

	test('the baseline update of a first-seen customer only upserts the contact', async () => {
		const items = await deliver(trigger(), profile(3, {}));
		const { outputs } = await runLoyalty({}, items.map((item) => item.json));
		expect(outputs.map((output) => output.length)).toEqual([1, 0, 0, 0, 0]);
	});

	/** Three updates of one customer: made at :01, :05, then :03 (late), through one trigger. */
	async function crossedUpdates(parameters: INodeParameters = {}) {
		const harness = trigger(parameters);
		await deliver(harness, profile(1, { tier_name: 'Silver', tier_order: 2, activated_points: 950, referral_code: 'OLD-1' }));
		const newer = await deliver(harness, profile(5, { tier_name: 'Gold', tier_order: 3, activated_points: 1010, referral_code: 'NEW-2' }));
		const late = await deliver(harness, profile(3, { tier_name: 'Silver', tier_order: 2, activated_points: 980, referral_code: 'OLD-1' }));
		return { newer: newer.map((item) => item.json), late: late.map((item) => item.json) };
	}

	/** A late update fires no step by default; with Any Event its upsert carries the customer ID only. */
	async function expectNothingOlderWritten(late: IDataObject[]) {
		// The examples map every property in fixed rows: an upsert of this item would blank the tier and points.
		const { outputs, error } = await runLoyalty({}, late);
		expect(error).toBeUndefined();
		expect(outputs.map((items) => items.length)).toEqual([0, 0, 0, 0, 0]);

		// Nor does it write its older referral code, last event or last event time over the newer ones.
		const anyEvent = await runLoyalty({ upsertContactOn: ['anyEvent'] }, late);
		expect(anyEvent.outputs.map((items) => items.length)).toEqual([1, 0, 0, 0, 0]);
		const upsert = anyEvent.outputs[OUTPUT.upsertContact][0].json;
		expect(upsert.properties).toEqual({ gameball_customer_id: 'webhook-test' });
		expect(upsert).toMatchObject({ email: 'customer@example.com', customerId: 'webhook-test', reasons: ['anyEvent'] });
		expect(upsert.event).toMatchObject({
			outOfOrder: true,
			tier: { name: null, rank: null },
			points: { available: null, pending: null, total: null },
			referral: { code: null, link: null },
		});
	}

	test('a late, older update: no step by default; with Any Event the upsert carries the identity only', async () => {
		const { late } = await crossedUpdates();
		expect(late).toEqual([expect.objectContaining({ outOfOrder: true, changes: {} })]);
		await expectNothingOlderWritten(late);
	});

	test('a late update with Simplify off: the same, its flag beside the raw body', async () => {
		const { newer, late } = await crossedUpdates({ simplify: false });
		expect(late).toEqual([expect.objectContaining({ outOfOrder: true, body: expect.any(Object) })]);
		// The newer update, in order, writes its tier; the late one writes nothing over it.
		const inOrder = await runLoyalty({}, newer);
		expect(inOrder.outputs[OUTPUT.upsertContact][0].json.properties).toMatchObject({ gameball_tier: 'Gold' });
		await expectNothingOlderWritten(late);
	});

	test('a notification: one message per language and channel, each paired with its language\'s trigger item', async () => {
		const items = await deliver(trigger(), gameballNotificationBody);
		expect(items.map((item) => item.json.language)).toEqual(['en', 'ar']);
		const { outputs } = await runLoyalty({ messageChannels: ['push'] }, items.map((item) => item.json));
		expect(outputs[OUTPUT.sendMessage].map((item) => [item.json.language, item.json.to, item.pairedItem])).toEqual([
			['en', 'webhook-test', { item: 0 }],
			['ar', 'webhook-test', { item: 1 }],
		]);
		const arabic = await runLoyalty({ messageChannels: ['sms', 'push'], messageLanguage: 'ar' }, items.map((item) => item.json));
		expect(arabic.outputs[OUTPUT.sendMessage].map((item) => [item.json.language, item.json.channel])).toEqual([
			['ar', 'sms'],
			['ar', 'push'],
		]);
	});

	test('Simplify off: the raw delivery item is read through its body', async () => {
		const items = await deliver(trigger({ simplify: false }), profile(4, {}));
		expect(items[0].json).toHaveProperty('body');
		const { outputs } = await runLoyalty({}, items.map((item) => item.json));
		expect(outputs[OUTPUT.upsertContact][0].json).toMatchObject({ email: 'customer@example.com', customerId: 'webhook-test' });
	});

	test('a new referral code: the trigger reports it in `changes` and "Referral Code Assigned" fires', async () => {
		const harness = trigger();
		const logNotesOf = async (items: INodeExecutionData[]) => {
			const { outputs, error } = await runLoyalty({}, items.map((item) => item.json));
			expect(error).toBeUndefined();
			expect(outputs[OUTPUT.upsertContact]).toHaveLength(1);
			return outputs[OUTPUT.logNote];
		};
		const firstSeen = await deliver(harness, profile(5, { referral_code: 'ADA-1' }));
		expect(firstSeen[0].json.changes).toBeNull();
		expect(await logNotesOf(firstSeen)).toEqual([]);
		const unchanged = await deliver(harness, profile(6, { referral_code: 'ADA-1' }));
		expect(unchanged[0].json.changes).toEqual({});
		expect(await logNotesOf(unchanged)).toEqual([]);

		const assigned = await deliver(harness, profile(7, { referral_code: 'ADA-2' }));
		expect(assigned.map((item) => item.json.event)).toEqual(['customer.profile.updated']);
		expect(assigned[0].json.changes).toEqual({ referralCode: { previous: 'ADA-1', current: 'ADA-2' } });
		const notes = await logNotesOf(assigned);
		expect(notes).toHaveLength(1);
		expect(notes[0].pairedItem).toEqual({ item: 0 });
		expect(notes[0].json.reasons).toEqual(['referralCodeAssigned']);
		expect((notes[0].json.event as IDataObject).referral).toMatchObject({ code: 'ADA-2', assigned: true });
		expect(notes[0].json.note).toContain('Referral code ADA-2 assigned');

		const { outputs } = await runLoyalty(
			{ upsertContactOn: ['referralCodeAssigned'], logNoteOn: ['referralCodeAssigned'] },
			[...firstSeen, ...unchanged, ...assigned].map((item) => item.json),
		);
		expect(outputs[OUTPUT.upsertContact].map((item) => item.json.reasons)).toEqual([['referralCodeAssigned']]);
		expect(outputs[OUTPUT.logNote].map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
	});
});
