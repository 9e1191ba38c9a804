import type { IDataObject } from 'n8n-workflow';

import * as fixtures from './fixtures';
import { eventOf, runLoyalty } from './helpers';

describe('Gameball inputs', () => {
	test('raw customer.profile.updated body (Gameball docs sample)', async () => {
		const event = await eventOf(fixtures.gameballProfileBody);
		expect(event).toMatchObject({
			source: 'gameball',
			kind: 'profile_updated',
			sourceEvent: 'customer.profile.updated',
			customer: { id: 'webhook-test', email: 'customer@example.com', mobile: '+XX-XXXX-XXXX', platformId: '1234' },
			tier: { name: 'basic', rank: 1, previousName: null, previousRank: null, direction: null },
			points: { available: 90, pending: 10, total: 100, delta: null },
			referral: { code: 'referral_123', link: 'www.example.com', assigned: false },
			occurredAt: '2024-11-19T17:34:42.297Z',
			deliveryId: null,
			summary: 'Tier basic; 90 points available',
		});
	});

	test('the same body as n8n\'s Webhook node gives it (under body, next to headers)', async () => {
		const event = await eventOf(fixtures.webhookNodeItem(fixtures.gameballProfileBody));
		expect(event.customer.id).toBe('webhook-test');
		expect(event.points.available).toBe(90);
	});

	test('a webhook body that arrived as JSON text', async () => {
		const event = await eventOf(fixtures.webhookNodeItem(JSON.stringify(fixtures.gameballProfileBody)));
		expect(event.tier.name).toBe('basic');
	});

	test('raw customer.notification.push body: one notification per language, `local` read as language', async () => {
		const event = await eventOf(fixtures.gameballNotificationBody);
		expect(event.kind).toBe('notification');
		expect(event.customer.platformId).toBe('1234');
		expect(event.notifications).toEqual([
			{ language: 'en', title: 'You reached Gold', body: 'Enjoy 2x points.', icon: 'https://cdn.example.com/gold.png' },
			{ language: 'ar', title: 'وصلت إلى الذهبي', body: 'استمتع بنقاط مضاعفة.', icon: 'https://cdn.example.com/gold.png' },
		]);
		expect(event.summary).toBe('Notification: You reached Gold');
	});

	test('raw customer.notification.push body whose `data` is one object: read as one language, as the trigger does', async () => {
		const expected = [{ language: 'en', title: 'You reached Gold', body: 'Enjoy 2x points.', icon: 'https://cdn.example.com/gold.png' }];
		const event = await eventOf(fixtures.gameballNotificationObjectBody);
		expect(event.kind).toBe('notification');
		expect(event.notifications).toEqual(expected);
		expect(event.summary).toBe('Notification: You reached Gold');
		expect((await eventOf(fixtures.webhookNodeItem(fixtures.gameballNotificationObjectBody))).notifications).toEqual(expected);
		// Only a notification's `data` holds texts: a profile update's does not become one.
		expect((await eventOf(fixtures.gameballProfileBody)).notifications).toEqual([]);
	});

	test('an unknown Gameball topic with the v4 envelope is kind other', async () => {
		const event = await eventOf({ ...fixtures.gameballProfileBody, event: 'customer.something.new', data: {} });
		expect(event.kind).toBe('other');
		expect(event.summary).toBe('Loyalty event customer.something.new');
	});

	test('Gameball Trigger profile item with changes: tier move and points delta from `changes`', async () => {
		const event = await eventOf(fixtures.triggerProfileItem);
		expect(event).toMatchObject({
			kind: 'profile_updated',
			customer: { id: 'cust-1', email: 'ada@example.com', mobile: '+201000000000', platformId: '1234' },
			tier: { name: 'Gold', rank: 3, previousName: 'Silver', previousRank: 2, direction: 'up' },
			points: { available: 90, pending: 10, total: 100, delta: 40, previousAvailable: 50 },
			changedFields: ['tierOrder', 'tierName', 'activatedPoints'],
			deliveryId: 'd1',
			summary: 'Moved up from Silver to Gold; 90 points available (+40)',
		});
	});

	test('Gameball Trigger profile item of a first-seen customer (changes null)', async () => {
		const event = await eventOf({ ...fixtures.triggerProfileItem, changes: null });
		expect(event.tier.direction).toBeNull();
		expect(event.points.delta).toBeNull();
		expect(event.changedFields).toBeNull();
		expect(event.summary).toBe('Tier Gold; 90 points available');
	});

	test('a referral code in `changes` counts as assigned', async () => {
		const event = await eventOf({
			...fixtures.triggerProfileItem,
			changes: { referralCode: { previous: null, current: 'ADA123' } },
		});
		expect(event.referral).toEqual({ code: 'ADA123', link: 'https://example.com/r/ADA123', assigned: true });
		expect(event.summary).toContain('Referral code ADA123 assigned');
	});

	test('Gameball Trigger tier changed item (flat previous/current fields)', async () => {
		const event = await eventOf(fixtures.triggerTierItem);
		expect(event).toMatchObject({
			kind: 'tier_changed',
			tier: { name: 'Gold', rank: 3, previousName: 'Silver', previousRank: 2, direction: 'up' },
			summary: 'Moved up from Silver to Gold',
		});
	});

	test('tier changed item with nested previous/current objects and no direction', async () => {
		const event = await eventOf({
			event: 'gameball.tier.changed',
			customerId: 'c',
			previous: { tierName: 'Gold', tierOrder: 3 },
			current: { tierName: 'Silver', tierOrder: 2 },
		});
		expect(event.tier).toEqual({ name: 'Silver', rank: 2, previousName: 'Gold', previousRank: 3, direction: 'down' });
		expect(event.summary).toBe('Moved down from Gold to Silver');
	});

	test('Gameball Trigger points changed item', async () => {
		const event = await eventOf(fixtures.triggerPointsItem);
		expect(event).toMatchObject({
			kind: 'points_changed',
			points: { available: 90, pending: 10, total: 100, delta: 40, previousAvailable: 50 },
			summary: '90 points available (+40)',
		});
	});

	test('Gameball Trigger notification item', async () => {
		const event = await eventOf(fixtures.triggerNotificationItem);
		expect(event.kind).toBe('notification');
		expect(event.notifications).toEqual([
			{ language: 'en', title: 'You reached Gold', body: 'Enjoy 2x points.', icon: 'https://cdn.example.com/gold.png' },
		]);
	});

	test('Gameball Trigger raw item (Simplify off): body and headers', async () => {
		const event = await eventOf({
			event: 'customer.profile.updated',
			body: fixtures.gameballProfileBody,
			headers: { 'x-gb-webhook-version': 'v4' },
			deliveryId: 'raw-1',
		});
		expect(event.customer.email).toBe('customer@example.com');
		expect(event.deliveryId).toBe('raw-1');
	});

	test('Gameball Trigger raw item marked outOfOrder: read as a late update, its tier, points and referral left out', async () => {
		const rawItem = (outOfOrder: boolean) => ({
			event: 'customer.profile.updated',
			body: fixtures.gameballProfileBody,
			headers: { 'x-gb-webhook-version': 'v4' },
			deliveryId: 'raw-2',
			outOfOrder,
		});
		const late = await eventOf(rawItem(true));
		expect(late).toMatchObject({
			outOfOrder: true,
			customer: { id: 'webhook-test', email: 'customer@example.com' },
			tier: { name: null, rank: null },
			points: { available: null, pending: null, total: null },
			referral: { code: null, link: null },
		});
		const inOrder = await eventOf(rawItem(false));
		expect(inOrder).toMatchObject({ outOfOrder: false, tier: { name: 'basic' }, points: { available: 90 }, referral: { code: 'referral_123' } });
	});

	test('Gameball Trigger automation item whose body names the customer', async () => {
		const event = await eventOf({
			event: 'gameball.automation.webhook',
			method: 'POST',
			body: { customerId: 'c-7', email: 'x@example.com', tierName: 'Gold', activatedPoints: 300 },
			query: {},
			headers: {},
			deliveryId: 'auto-1',
		});
		expect(event).toMatchObject({
			source: 'gameball',
			kind: 'other',
			sourceEvent: 'gameball.automation.webhook',
			customer: { id: 'c-7', email: 'x@example.com' },
			tier: { name: 'Gold' },
			points: { available: 300 },
			deliveryId: 'auto-1',
		});
	});

	test('automation body: a bare `points` (what the campaign awarded) or `tier` is not read as the balance or tier', async () => {
		const event = await eventOf({
			event: 'gameball.automation.webhook',
			method: 'POST',
			body: { customerId: 'c-7', email: 'x@example.com', points: 50, tier: 2 },
			query: {},
			headers: {},
		});
		expect(event.customer).toMatchObject({ id: 'c-7', email: 'x@example.com' });
		expect(event.points).toMatchObject({ available: null, pending: null, total: null });
		expect(event.tier).toMatchObject({ name: null, rank: null });
		const named = await eventOf({
			event: 'gameball.automation.webhook',
			body: { customer_id: 'c-7', points: 50, activated_points: 300, tier: 'x', tier_name: 'Gold', tier_order: 3 },
			query: {},
			headers: {},
		});
		expect(named.points.available).toBe(300);
		expect(named.tier).toMatchObject({ name: 'Gold', rank: 3 });
	});

	test('automation body: read by its own keys first, whatever other shape it resembles', async () => {
		const automation = (body: IDataObject): IDataObject => ({ event: 'gameball.automation.webhook', method: 'POST', body, query: {}, headers: {}, deliveryId: 'auto-3' });
		// gameballId made it look like a customer from the Gameball node; `event` or `data` like a trigger item or Open Loyalty's.
		for (const body of [
			{ gameballId: '777', customer_id: 'C', mobile_number: '+2010', tier_name: 'Gold', tier_order: 3, activated_points: 150, created_at: '2026-12-01T10:00:00Z' },
			{ event: 'customer.points_awarded', customerId: 'C', mobile_number: '+2010', tier_name: 'Gold', tier_order: 3, activated_points: 150, created_at: '2026-12-01T10:00:00Z' },
		]) {
			expect(await eventOf(automation(body))).toMatchObject({
				source: 'gameball',
				kind: 'other',
				sourceEvent: 'gameball.automation.webhook',
				customer: { id: 'C', mobile: '+2010' },
				tier: { name: 'Gold', rank: 3 },
				points: { available: 150 },
				occurredAt: '2026-12-01T10:00:00.000Z',
			});
		}
		const nested = await runLoyalty({ logNoteOn: ['anyEvent'] }, [automation({ event: 'PointsAwarded', data: { customerId: 'F' } })]);
		expect(nested.error?.message).toContain('an automation campaign body names its customer with customerId');
	});

	test('automation body sent as a form (a=1&b=2) is read as its fields', async () => {
		const body = 'customerId=G&email=g%40x.com&mobile=+201001234567&created_at=2026-12-01T10:00:00+02:00';
		const event = await eventOf({ event: 'gameball.automation.webhook', method: 'POST', body, query: {}, headers: {} });
		// A hand-written body's '+' is a plus, not a form's encoded space.
		expect(event).toMatchObject({ source: 'gameball', kind: 'other', customer: { id: 'G', email: 'g@x.com', mobile: '+201001234567' }, occurredAt: '2026-12-01T08:00:00.000Z' });
		// Sent as a form (Content-Type kept), '+' is a space, as its encoder meant.
		const form = await eventOf({ event: 'gameball.automation.webhook', method: 'POST', body: 'customerId=G&tierName=Gold+Plus&mobile=%2B2010', query: {}, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(form).toMatchObject({ customer: { id: 'G', mobile: '+2010' }, tier: { name: 'Gold Plus' } });
	});

	test('Gameball Trigger automation item sent by GET: the query names the customer', async () => {
		const event = await eventOf({
			event: 'gameball.automation.webhook',
			method: 'GET',
			body: null,
			query: { customerId: 'c-8', email: 'y@example.com' },
			headers: {},
			deliveryId: 'auto-2',
		});
		expect(event).toMatchObject({ source: 'gameball', kind: 'other', customer: { id: 'c-8', email: 'y@example.com' }, deliveryId: 'auto-2' });
	});

	test('customer from the Gameball node (details with balance and tier progress merged in)', async () => {
		const event = await eventOf(fixtures.gameballCustomerDetails);
		expect(event).toMatchObject({
			source: 'gameball',
			kind: 'profile_updated',
			sourceEvent: 'gameball.customer',
			customer: { id: 'cust-9', email: 'grace@example.com', mobile: '+15550001111', platformId: '987', name: 'Grace Hopper' },
			tier: { name: 'Silver', rank: 2 },
			points: { available: 1200, pending: 300, total: 1500 },
			referral: { code: 'GRACE1', link: 'https://example.com/r/GRACE1' },
			occurredAt: null,
		});
	});

	test('customer simplified by the Gameball node (attributes at the top level)', async () => {
		const { customerAttributes, ...rest } = fixtures.gameballCustomerDetails;
		const event = await eventOf({ ...rest, ...customerAttributes });
		expect(event.customer).toEqual({
			id: 'cust-9',
			email: 'grace@example.com',
			mobile: '+15550001111',
			platformId: '987',
			name: 'Grace Hopper',
		});
	});

	test('plain v4 customer (no PII, no balance)', async () => {
		const event = await eventOf({ customerId: 'cust-3', gameballId: 3, customerAttributes: { country: 'EG' }, referralCode: 'R3' });
		expect(event.customer).toEqual({ id: 'cust-3', email: null, mobile: null, platformId: '3', name: null });
		expect(event.points).toMatchObject({ available: null, total: null });
		expect(event.summary).toBe('Profile updated');
	});
});

describe('Open Loyalty legacy inputs', () => {
	test('customer.level_changed_automatically: level name, move and achievement date', async () => {
		const event = await eventOf(fixtures.olLevelChangedAutomatically);
		expect(event).toMatchObject({
			source: 'openLoyalty',
			kind: 'tier_changed',
			sourceEvent: 'customer.level_changed_automatically',
			customer: { id: '32c764d9-ddd5-401f-ac13-a7fcba0982ff' },
			tier: { name: 'level1', direction: 'up' },
			occurredAt: '2019-08-09T12:08:28.000Z',
			summary: 'Moved up to level1',
		});
	});

	test('customer.level_changed (manual, no move given)', async () => {
		const event = await eventOf(fixtures.olLevelChanged);
		expect(event.kind).toBe('tier_changed');
		expect(event.tier).toMatchObject({ name: 'level0', direction: null });
		expect(event.summary).toBe('Now in level0');
	});

	test('account.available_points_amount_changed', async () => {
		const event = await eventOf(fixtures.olPointsChanged);
		expect(event.kind).toBe('points_changed');
		expect(event.points).toMatchObject({ available: 125, delta: 25, previousAvailable: 100 });
		expect(event.summary).toBe('125 points available (+25)');
	});

	test('a trigger item merged with Get Details (Merge by position) is named by the details', async () => {
		expect((await eventOf(fixtures.triggerProfileItem)).customer.name).toBeNull();
		const merged = { ...fixtures.triggerProfileItem, displayName: 'Ada Lovelace', firstName: 'Ada', lastName: 'L.' };
		expect((await eventOf(merged)).customer.name).toBe('Ada Lovelace');
		const unsimplified = { ...fixtures.triggerProfileItem, customerAttributes: { firstName: 'Ada', lastName: 'Lovelace' } };
		expect((await eventOf(unsimplified)).customer.name).toBe('Ada Lovelace');
		expect((await eventOf(unsimplified)).kind).toBe((await eventOf(fixtures.triggerProfileItem)).kind);
	});

	test('points with fractions: the previous balance without floating-point noise', async () => {
		const data = { ...fixtures.olPointsChanged.data, amount: 0.3, amount_change: 0.2 };
		const event = await eventOf({ ...fixtures.olPointsChanged, data });
		expect(event.points).toMatchObject({ available: 0.3, delta: 0.2, previousAvailable: 0.1 });
	});

	test('a subtracting points change has a negative delta', async () => {
		const event = await eventOf({
			type: 'account.available_points_amount_changed',
			data: { customerId: 'c', amount: 100, amount_change: 25, amount_change_type: 'subtract' },
		});
		expect(event.points.delta).toBe(-25);
		expect(event.summary).toBe('100 points available (-25)');
	});

	test.each([
		['blocked', -20],
		['block', -20],
		['spent', -20],
		['removed', -20],
		['withdrawal', -20],
		['unblocked', 20],
		['add', 20],
	])('a points change of type %s has delta %i (units blocked or spent leave the balance)', async (type, delta) => {
		const event = await eventOf({ type: 'AvailablePointsAmountChanged', data: { customerId: 'c', amount: 80, amountChange: 20, amountChangeType: type } });
		expect(event.points.delta).toBe(delta);
	});

	test('customer.registered: contact details from the nested data', async () => {
		const event = await eventOf(fixtures.olRegistered);
		expect(event).toMatchObject({
			kind: 'member_registered',
			customer: { id: '32c764d9-ddd5-401f-ac13-a7fcba0982ff', email: 'jdoe@example.com', mobile: '123456789', platformId: '444555666', name: 'Jon Doe' },
			occurredAt: '2019-07-17T11:35:48.000Z',
			summary: 'Registered as a member',
		});
	});

	test('customer.updated and customer.deactivated', async () => {
		expect((await eventOf(fixtures.olUpdated)).kind).toBe('profile_updated');
		const deactivated = await eventOf(fixtures.olDeactivated);
		expect(deactivated.kind).toBe('member_deactivated');
		expect(deactivated.summary).toBe('Member deactivated');
	});

	test('transaction.registered: customer data and the sum of item values', async () => {
		const event = await eventOf(fixtures.olTransactionRegistered);
		expect(event).toMatchObject({
			kind: 'transaction_registered',
			customer: { id: null, email: 'jdoe@example.com', name: 'Jon Doe' },
			transaction: { id: 'cb4cc2f7-d897-4fe0-b5a6-9b67a91c0729', amount: 100, documentNumber: '80' },
			summary: 'Transaction 80 registered (100)',
		});
	});

	test('transaction.assigned_to_customer', async () => {
		const event = await eventOf(fixtures.olTransactionAssigned);
		expect(event.kind).toBe('transaction_registered');
		expect(event.customer.id).toBe('32c764d9-ddd5-401f-ac13-a7fcba0982ff');
		expect(event.transaction).toEqual({ id: 'cb4cc2f7-d897-4fe0-b5a6-9b67a91c0729', amount: 80, documentNumber: null });
	});

	test('oloy.-prefixed names are read like the plain ones', async () => {
		const event = await eventOf({ ...fixtures.olDeactivated, type: 'oloy.customer.deactivated' });
		expect(event.kind).toBe('member_deactivated');
	});

	test('an unknown legacy type about a customer is kind other', async () => {
		const event = await eventOf({ type: 'customer.logged_in', data: { customerId: 'c-1' } });
		expect(event).toMatchObject({ source: 'openLoyalty', kind: 'other', customer: { id: 'c-1' } });
	});
});

describe('Open Loyalty named inputs', () => {
	test('CustomerLevelChanged: levels with condition values give the direction', async () => {
		const event = await eventOf(fixtures.olNamedLevelChanged);
		expect(event).toMatchObject({
			source: 'openLoyalty',
			kind: 'tier_changed',
			customer: { id: 'ol-42', email: 'mila@example.com', mobile: '+48123456789', platformId: 'CARD-42', name: 'Mila Nowak' },
			tier: { name: 'Gold', rank: 1000, previousName: 'Silver', previousRank: 500, direction: 'up' },
			occurredAt: '2025-03-01T10:00:00.000Z',
			summary: 'Moved up from Silver to Gold',
		});
	});

	test('AvailablePointsAmountChanged under eventName, subtracting', async () => {
		const event = await eventOf(fixtures.olNamedPointsChanged);
		expect(event.kind).toBe('points_changed');
		expect(event.points).toMatchObject({ available: 480, delta: -20, previousAvailable: 500 });
	});

	test('WalletBalanceUpdated is a points change, its balance read from the wallet', async () => {
		const wallet = { type: 'WalletBalanceUpdated', data: { customer: { customerId: 'ol-42', email: 'mila@example.com' }, wallet: { activeUnits: 310, pendingUnits: 15, totalUnits: 400 }, amountChange: 10, amountChangeType: 'add' } };
		const event = await eventOf(wallet);
		expect(event.kind).toBe('points_changed');
		expect(event.points).toMatchObject({ available: 310, pending: 15, total: 400, delta: 10 });
		// It fires the same steps as AvailablePointsAmountChanged (Points Changed holds).
		const { outputs } = await runLoyalty({ upsertContactOn: ['pointsChanged'] }, [wallet]);
		expect(outputs[0]).toHaveLength(1);
	});

	test('CustomerUpdated and CustomerRegistered', async () => {
		expect((await eventOf(fixtures.olNamedUpdated)).kind).toBe('profile_updated');
		expect((await eventOf(fixtures.olNamedRegistered)).kind).toBe('member_registered');
	});

	test('TransactionRegistered', async () => {
		const event = await eventOf(fixtures.olNamedTransaction);
		expect(event.transaction).toEqual({ id: 't-9', amount: 250, documentNumber: 'INV-9' });
		expect(event.summary).toBe('Transaction INV-9 registered (250)');
	});

	test('TransactionAssignedToCustomer (named and legacy): the same kind, worded as an assignment', async () => {
		const event = await eventOf(fixtures.olNamedTransactionAssigned);
		expect(event).toMatchObject({ kind: 'transaction_registered', transaction: { id: 't-9', amount: 250, documentNumber: 'INV-9' } });
		expect(event.summary).toBe('Transaction INV-9 assigned to the customer (250)');
		const legacy = await eventOf(fixtures.olTransactionAssigned);
		expect(legacy.summary).toBe('Transaction cb4cc2f7-d897-4fe0-b5a6-9b67a91c0729 assigned to the customer (80)');
	});

	test('an `amount` outside a points event is not the balance (a transaction value, a reward quantity)', async () => {
		const transaction = await eventOf({ type: 'TransactionRegistered', data: { transactionId: 't1', customerId: 'c1', amount: 80 } });
		expect(transaction.transaction).toMatchObject({ id: 't1', amount: 80 });
		expect(transaction.points.available).toBeNull();
		expect(transaction.summary).toBe('Transaction t1 registered (80)');
		const reward = await eventOf({ ...fixtures.olNamedBoughtReward, data: { ...fixtures.olNamedBoughtReward.data, amount: 1, currentAmount: 2 } });
		expect(reward.points.available).toBeNull();
		// A balance under its own name is still read on any event.
		const named = await eventOf({ type: 'TransactionRegistered', data: { transactionId: 't1', customerId: 'c1', amount: 80, availablePoints: 300 } });
		expect(named.points.available).toBe(300);
	});

	test('CustomerBoughtReward', async () => {
		const event = await eventOf(fixtures.olNamedBoughtReward);
		expect(event.kind).toBe('reward_redeemed');
		expect(event.reward).toEqual({ id: 'r-1', name: 'Free coffee', couponCode: 'COFFEE-1' });
		expect(event.summary).toBe('Received reward Free coffee');
	});

	test('PointsWillExpire: the expiring amount is not read as the balance', async () => {
		const event = await eventOf(fixtures.olNamedPointsWillExpire);
		expect(event.kind).toBe('points_will_expire');
		expect(event.expiry).toEqual({ points: 150, date: '2025-04-30T00:00:00+00:00' });
		expect(event.points.available).toBeNull();
		expect(event.summary).toBe('150 points will expire on 2025-04-30');
	});

	test('PointsWillExpire: the expiry day is the sender\'s, east or west of UTC; other forms become ISO in UTC', async () => {
		const expiringAt = async (expiresAt: unknown) => {
			const body = { ...fixtures.olNamedPointsWillExpire, data: { ...fixtures.olNamedPointsWillExpire.data, expiresAt } };
			return (await eventOf(body)).expiry?.date;
		};
		const east = await eventOf({ ...fixtures.olNamedPointsWillExpire, data: { ...fixtures.olNamedPointsWillExpire.data, expiresAt: '2025-04-30T00:00:00+02:00' } });
		expect(east.summary).toBe('150 points will expire on 2025-04-30');
		expect(east.expiry?.date).toBe('2025-04-30T00:00:00+02:00');
		expect(await expiringAt('2025-04-30T23:30:00-05:00')).toBe('2025-04-30T23:30:00-05:00');
		expect(await expiringAt('2025-04-30T00:00:00Z')).toBe('2025-04-30T00:00:00Z');
		expect(await expiringAt('2025-04-30')).toBe('2025-04-30T00:00:00.000Z');
		expect(await expiringAt('1746000000')).toBe('2025-04-30T08:00:00.000Z');
		// A date in a form that reads as no time is shown as sent, not dropped.
		const asSent = await eventOf({ ...fixtures.olNamedPointsWillExpire, data: { ...fixtures.olNamedPointsWillExpire.data, expiresAt: 'April 30, 2025' } });
		expect(asSent.summary).toBe('150 points will expire on April 30, 2025');
		expect(asSent.expiry?.date).toBe('April 30, 2025');
	});

	test('payload instead of data, and an unknown named event about a customer is kind other', async () => {
		const event = await eventOf({ eventName: 'CampaignEffectWasApplied', payload: { customer: { customerId: 'z' } } });
		expect(event).toMatchObject({ source: 'openLoyalty', kind: 'other', customer: { id: 'z' } });
	});

	test('an Open Loyalty body through n8n\'s Webhook node', async () => {
		const event = await eventOf(fixtures.webhookNodeItem(fixtures.olNamedLevelChanged));
		expect(event.tier.name).toBe('Gold');
	});

	test("a batch with the wrapper's delivery ID gives one event per element: none folded into another's, none dropped as a copy", async () => {
		const { runLoyalty, OUTPUT } = await import('./helpers');
		const notification = (customer: string, language: string, title: string) => ({
			event: 'customer.notification.push',
			customer_id: customer,
			data: [{ local: language, title, body: `Hi ${customer}` }],
		});
		const notifications = await runLoyalty({ logNoteOn: ['anyEvent'], sendMessageOn: ['anyEvent'] }, [
			{ headers: {}, deliveryId: 'batch-1', body: [notification('A', 'en', 'A: you reached Gold'), notification('B', 'ar', 'B: points expire')] },
		]);
		expect(notifications.outputs[OUTPUT.logNote].map((item) => (item.json.event as { customer: { id: string } }).customer.id)).toEqual(['A', 'B']);
		const messages = notifications.outputs[OUTPUT.sendMessage].map((item) => item.json as { customerId?: string; event: { customer: { id: string } } });
		expect(new Set(messages.map((message) => message.event.customer.id))).toEqual(new Set(['A', 'B']));
		const profile = (customer: string) => ({ event: 'customer.profile.updated', customerId: customer, email: `${customer.toLowerCase()}@x.com`, tierName: 'Gold', tierOrder: 3 });
		const automation = { event: 'gameball.automation.webhook', method: 'POST', query: {}, headers: {}, deliveryId: 'd1', body: [profile('A'), profile('B')] };
		const notes = await runLoyalty({ logNoteOn: ['anyEvent'] }, [automation]);
		expect(notes.outputs[OUTPUT.logNote].map((item) => (item.json.event as { customer: { id: string } }).customer.id)).toEqual(['A', 'B']);
	});

	test('a batch (array body) gives one event per element', async () => {
		const { runLoyalty, OUTPUT } = await import('./helpers');
		const { outputs } = await runLoyalty({ logNoteOn: ['anyEvent'] }, [
			fixtures.webhookNodeItem([fixtures.olUpdated, fixtures.olDeactivated]),
		]);
		const notes = outputs[OUTPUT.logNote];
		expect(notes.map((item) => (item.json.event as { kind: string }).kind)).toEqual(['profile_updated', 'member_deactivated']);
		expect(notes.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});
});

describe('Loyalty Event JSON parameter (for use as an AI tool)', () => {
	test('the event is read from the parameter, as text or as an object', async () => {
		const { runLoyalty, OUTPUT } = await import('./helpers');
		for (const loyaltyEventJson of [JSON.stringify(fixtures.olNamedLevelChanged), fixtures.olNamedLevelChanged]) {
			const { outputs, error } = await runLoyalty(
				{ inputSource: 'json', loyaltyEventJson: loyaltyEventJson as never },
				[{ query: 'ignored' }],
			);
			expect(error).toBeUndefined();
			expect(outputs[OUTPUT.addTag][0].json).toMatchObject({ tag: 'Loyalty: Gold', removeTags: ['Loyalty: Silver'] });
			expect(outputs[OUTPUT.addTag][0].pairedItem).toEqual({ item: 0 });
		}
	});

	test('text that is neither a JSON object nor an array is a clear error', async () => {
		const { runLoyalty } = await import('./helpers');
		for (const loyaltyEventJson of ['[1, 2', '"text"', 42]) {
			const { error } = await runLoyalty({ inputSource: 'json', loyaltyEventJson: loyaltyEventJson as never }, [{}]);
			expect(error?.message).toContain('the Loyalty Event JSON parameter is neither a JSON object nor an array');
		}
	});

	test('an array (a batch) gives one event per element; an element that cannot be read fails alone', async () => {
		const { runLoyalty, OUTPUT } = await import('./helpers');
		const batch = [fixtures.olUpdated, { nothing: 'here' }, fixtures.olDeactivated];
		for (const loyaltyEventJson of [JSON.stringify(batch), batch]) {
			const { outputs } = await runLoyalty(
				{ inputSource: 'json', loyaltyEventJson: loyaltyEventJson as never, logNoteOn: ['anyEvent'] },
				[{}],
				true,
			);
			const notes = outputs[OUTPUT.logNote];
			expect(notes.map((item) => (item.json.event as { kind: string }).kind)).toEqual(['profile_updated', 'member_deactivated']);
			const failed = outputs[OUTPUT.upsertContact].filter((item) => item.json.error);
			expect(failed).toHaveLength(1);
			expect(failed[0].json.error).toContain('in element 1 of the Loyalty Event JSON parameter (an array)');
			expect(failed[0].pairedItem).toEqual({ item: 0 });
		}
		const { error } = await runLoyalty({ inputSource: 'json', loyaltyEventJson: '[]' }, [{}]);
		expect(error?.message).toContain('the Loyalty Event JSON parameter is an empty array');
	});
});
