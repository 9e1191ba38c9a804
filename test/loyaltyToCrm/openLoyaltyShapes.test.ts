import type { IDataObject } from 'n8n-workflow';
import { eventOf, FIRE_ALWAYS, OUTPUT, runLoyalty } from './helpers';

const member = { customerId: 'ol-42', email: 'mila@example.com', firstName: 'Mila', lastName: 'Nowak' };

const stepCount = (outputs: unknown[][]) => outputs.reduce((total, output) => total + output.length, 0);

describe('Open Loyalty: the member inside the transaction', () => {
	const assigned = {
		type: 'TransactionAssignedToCustomer',
		data: {
			transaction: {
				transactionId: 't-9',
				header: { documentNumber: 'INV-9' },
				customerId: 'ol-42',
				customerData: { email: 'mila@example.com', name: 'Mila Nowak' },
				grossValue: 250,
			},
		},
	};

	test('customerId and customerData under data.transaction name the customer', async () => {
		const event = await eventOf(assigned);
		expect(event).toMatchObject({
			kind: 'transaction_registered',
			customer: { id: 'ol-42', email: 'mila@example.com', name: 'Mila Nowak' },
			transaction: { id: 't-9', amount: 250, documentNumber: 'INV-9' },
		});
	});

	test('so the default Log Note rule writes its note', async () => {
		const { outputs, error } = await runLoyalty({}, [assigned]);
		expect(error).toBeUndefined();
		expect(outputs[OUTPUT.logNote]).toHaveLength(1);
	});

	test("a transaction's purchase date in its header, or on a legacy transaction's data, is the event's time", async () => {
		const inHeader = { ...assigned, data: { transaction: { ...assigned.data.transaction, header: { documentNumber: 'INV-9', purchaseDate: '2025-03-01T10:00:00+02:00' } } } };
		expect((await eventOf(inHeader)).occurredAt).toBe('2025-03-01T08:00:00.000Z');
		const legacy = { type: 'transaction.registered', data: { transactionId: 't-1', customerId: 'ol-42', grossValue: '99.90', purchaseDate: '2025-03-01T00:00:00Z' } };
		expect((await eventOf(legacy)).occurredAt).toBe('2025-03-01T00:00:00.000Z');
	});

	test('a member at the top of data still wins over the one inside the transaction', async () => {
		const event = await eventOf({
			type: 'TransactionRegistered',
			data: { customer: member, transaction: { transactionId: 't-1', customerId: 'other', customerData: { email: 'other@example.com' } } },
		});
		expect(event.customer).toMatchObject({ id: 'ol-42', email: 'mila@example.com', name: 'Mila Nowak' });
	});
});

describe("Open Loyalty: the customer's name", () => {
	test("a reward's name on data does not replace the member's first and last name", async () => {
		const event = await eventOf({ type: 'CustomerBoughtReward', data: { customer: member, rewardId: 'r-1', name: 'Free coffee', couponCode: 'COFFEE-1' } });
		expect(event.customer.name).toBe('Mila Nowak');
	});

	test("a member's own name is kept", async () => {
		const event = await eventOf({ type: 'CustomerBoughtReward', data: { customer: { customerId: 'ol-42', name: 'Mila N.' }, name: 'Free coffee' } });
		expect(event.customer.name).toBe('Mila N.');
	});

	test('a name written without spaces (Japanese, Chinese, Korean) is kept in its own order when it holds the first name', async () => {
		const japanese = await eventOf({ type: 'customer.registered', data: { customerId: 'c1', firstName: '太郎', lastName: '山田', name: '山田太郎' } });
		expect(japanese.customer.name).toBe('山田太郎');
		const korean = await eventOf({ type: 'customer.registered', data: { customerId: 'c2', firstName: '길동', lastName: '홍', name: '홍길동' } });
		expect(korean.customer.name).toBe('홍길동');
		// A subject's name that does not hold the first name is still not the member's.
		const subject = await eventOf({ type: 'customer.registered', data: { customerId: 'c3', firstName: '太郎', lastName: '山田', name: '無料コーヒー' } });
		expect(subject.customer.name).toBe('太郎 山田');
		// Nor one that only holds a one-character first name (a campaign's name).
		const campaign = await eventOf({ type: 'customer.registered', data: { customerId: 'c4', firstName: '明', lastName: '佐藤', name: '明治ポイント' } });
		expect(campaign.customer.name).toBe('明 佐藤');
	});

	test('a name on data is read as the customer\'s when nothing else names them', async () => {
		const event = await eventOf({ type: 'CustomerUpdated', data: { customerId: 'ol-42', name: 'Mila Nowak' } });
		expect(event.customer.name).toBe('Mila Nowak');
	});
});

describe('Open Loyalty: an unknown event must name a customer by a value', () => {
	const noCustomer: Array<[string, IDataObject]> = [
		['a null customerId', { type: 'GiftCardWillExpire', data: { customerId: null, coupon: { code: 'C1' } } }],
		['only a transaction', { type: 'ReceiptWasScanned', data: { transactionId: 't-1', status: 'redeemed' } }],
		['an empty customer object', { type: 'BadgeWillExpire', data: { customer: {} } }],
		// An email or phone beside the member key, not under it, is any service's.
		['a null customerId beside an email', { type: 'GiftCardWillExpire', data: { customerId: null, email: 'mila@example.com' } }],
		['a bare transaction beside an email', { type: 'ReceiptWasScanned', data: { transaction: { transactionId: 't-1' }, email: 'mila@example.com' } }],
		['an empty customer object beside a phone', { type: 'BadgeWillExpire', data: { customer: {}, phone: '+201000000' } }],
	];

	test.each(noCustomer)('%s is an error that says so, not silence', async (_name, input) => {
		const { error } = await runLoyalty(FIRE_ALWAYS, [input]);
		expect(error?.message).toContain('Unrecognised loyalty input');
		expect(error?.message).toContain('names no member');
	});

	test.each(noCustomer)('%s goes to the first output as { error } with On Error: Continue', async (_name, input) => {
		const { outputs } = await runLoyalty(FIRE_ALWAYS, [input], true);
		expect(stepCount(outputs)).toBe(1);
		expect(outputs[OUTPUT.upsertContact][0].json.error).toBeDefined();
	});

	test('an email in customerData names the customer: kind other', async () => {
		const input = { type: 'RewardRedemptionStatusChanged', data: { customerData: { email: 'mila@example.com' }, status: 'redeemed' } };
		const event = await eventOf(input);
		expect(event).toMatchObject({ source: 'openLoyalty', kind: 'other', customer: { email: 'mila@example.com' } });
	});

	test('a customer ID inside the transaction names the customer: kind other', async () => {
		const event = await eventOf({ type: 'CampaignEffectWasApplied', data: { transaction: { transactionId: 't-1', customerId: 'ol-42' } } });
		expect(event).toMatchObject({ kind: 'other', customer: { id: 'ol-42' } });
	});
});

describe("Open Loyalty's catalogue events the node has no kind for", () => {
	const catalogue = ['CampaignEffectWasApplied', 'RewardRedemptionStatusChanged', 'CouponWillExpire', 'LevelWillExpire', 'CustomerRequestedSendActivationCode', 'CustomerRequestedPasswordReset'];

	test.each(catalogue)('%s is read as kind other even when its data names no member: no error, and no step without a customer', async (type) => {
		expect(await eventOf({ type, data: { email: 'mila@example.com' } })).toMatchObject({ kind: 'other', customer: { email: 'mila@example.com' } });
		const { outputs, error } = await runLoyalty(FIRE_ALWAYS, [{ type, data: { status: 'x' } }]);
		expect(error).toBeUndefined();
		expect(stepCount(outputs)).toBe(0);
	});

	const mila = { customerId: 'ol-42', email: 'mila@example.com', firstName: 'Mila', lastName: 'Nowak' };
	const counts = (outputs: unknown[][]) => outputs.map((output) => output.length);

	test.each(catalogue)('%s moves no level, even when it carries two (a level about to expire has not moved): no tier step, and its summary names it', async (type) => {
		const data = { customer: mila, level: { name: 'Silver', conditionValue: 500 }, previousLevel: { name: 'Gold', conditionValue: 1000 }, levelMove: 'down' };
		const event = await eventOf({ type, data });
		expect(event).toMatchObject({ kind: 'other', tier: { name: null, previousName: null, direction: null } });
		expect(event.summary).toBe(`Loyalty event ${type}`);
		const { outputs } = await runLoyalty({}, [{ type, data }]);
		expect(counts(outputs)).toEqual([0, 0, 0, 0, 0]);
	});

	test("CampaignEffectWasApplied carries no points (its units also arrive as a balance event): one award gives one upsert, task and note", async () => {
		expect((await eventOf({ type: 'CampaignEffectWasApplied', data: { customer: mila, availableAmount: 1010, amountChange: 50 } })).points).toMatchObject({ available: null, delta: null });
		const body = [
			{ type: 'AvailablePointsAmountChanged', data: { customer: mila, amount: 1010, amountChange: 50, amountChangeType: 'add' } },
			{ type: 'CampaignEffectWasApplied', data: { customer: mila, availableAmount: 1010, amountChange: 50 } },
		];
		const { outputs } = await runLoyalty({}, [{ headers: {}, body }]);
		expect(counts(outputs)).toEqual([1, 0, 1, 1, 0]);
	});
});

describe('Open Loyalty: a level change that names the same level before and after', () => {
	test('is no tier change: no tag, task or note (a recalculation); a real change still is one', async () => {
		const customer = { customerId: 'ol-7', email: 'ada@example.com' };
		const same = await runLoyalty({}, [{ type: 'CustomerLevelChanged', data: { customer, level: { name: 'Gold', conditionValue: 1000 }, previousLevel: { name: 'GOLD', conditionValue: 1000 } } }]);
		expect([same.outputs[OUTPUT.addTag].length, same.outputs[OUTPUT.createTask].length, same.outputs[OUTPUT.logNote].length]).toEqual([0, 0, 0]);
		const moved = await runLoyalty({}, [{ type: 'CustomerLevelChanged', data: { customer, level: { name: 'Gold', conditionValue: 1000 }, previousLevel: { name: 'Silver', conditionValue: 500 } } }]);
		expect([moved.outputs[OUTPUT.addTag].length, moved.outputs[OUTPUT.logNote].length]).toEqual([1, 1]);
	});
});

describe('Open Loyalty: levels', () => {
	test('a level inside data.customer gives the rank too, so the direction', async () => {
		const event = await eventOf({
			type: 'CustomerLevelChanged',
			data: { customer: { ...member, level: { name: 'Gold', conditionValue: 1000 } }, previousLevel: { name: 'Silver', conditionValue: 500 } },
		});
		expect(event.tier).toEqual({ name: 'Gold', rank: 1000, previousName: 'Silver', previousRank: 500, direction: 'up' });
	});

	test('a level under data still wins over the member\'s', async () => {
		const event = await eventOf({
			type: 'CustomerLevelChanged',
			data: { customer: { ...member, level: { name: 'Bronze', conditionValue: 100 } }, level: { name: 'Gold', conditionValue: 1000 } },
		});
		expect(event.tier).toMatchObject({ name: 'Gold', rank: 1000 });
	});

	test('levels given as names are read as tier names, rank unknown', async () => {
		const event = await eventOf({ type: 'CustomerLevelChanged', data: { customer: member, level: 'Gold', previousLevel: 'Silver' } });
		expect(event.tier).toEqual({ name: 'Gold', rank: null, previousName: 'Silver', previousRank: null, direction: null });
	});

	test('so a level named by a string is tagged', async () => {
		const { outputs } = await runLoyalty({}, [{ type: 'CustomerLevelChanged', data: { customer: member, level: 'Gold', previousLevel: 'Silver' } }]);
		expect(outputs[OUTPUT.addTag]).toHaveLength(1);
		expect(outputs[OUTPUT.addTag][0].json.tag).toBe('Loyalty: Gold');
	});

	test("a member's level given as a name", async () => {
		const event = await eventOf({ type: 'CustomerLevelChanged', data: { customer: { ...member, level: 'Gold' } } });
		expect(event.tier).toMatchObject({ name: 'Gold', rank: null });
	});
});

describe('inputs that are not Open Loyalty events, or read otherwise', () => {
	test("a Gameball automation body with an event name and data stays Gameball's, with its customer ID", async () => {
		const automation = { event: 'gameball.automation.webhook', body: { event: 'VipReached', customerId: 'c-7', data: { email: 'x@example.com' } }, query: {}, headers: {} };
		expect(await eventOf(automation)).toMatchObject({ source: 'gameball', customer: { id: 'c-7' } });
	});

	test('a foreign webhook with an event name and an email in data, but no member, is refused', async () => {
		const { error } = await runLoyalty({}, [{ event: 'Signup', data: { email: 'a@example.com' } }]);
		expect(error?.message).toMatch(/Unrecognised loyalty input/);
	});

	test('a level given by its ID alone names no tier: no tag or note naming an ID', async () => {
		const event = await eventOf({ type: 'CustomerLevelChanged', data: { customerId: 'ol-42', level: '6f1c7d7e-2b8a-4a0e-9a55-0b6f4c1c2e11' } });
		expect(event.tier.name).toBeNull();
	});

	test('a level given as an ID beside its name: the name is the tier name', async () => {
		const event = await eventOf({ type: 'CustomerLevelChanged', data: { customerId: 'c', level: 'e82c96cf-uuid', levelName: 'Gold', previousLevel: 'a1-uuid', previousLevelName: 'Silver' } });
		expect(event).toMatchObject({ tier: { name: 'Gold', previousName: 'Silver' } });
	});

	test("a body whose data is the member: its own name wins over a lone first name", async () => {
		const event = await eventOf({ type: 'customer.updated', data: { customerId: 'c', name: 'Jon Doe', firstName: 'Jon' } });
		expect(event).toMatchObject({ customer: { name: 'Jon Doe' } });
	});
});

describe('a body whose data is the member and also names the event\'s subject', () => {
	test('a reward\'s name beside the member\'s first and last name is not the customer\'s', async () => {
		const event = await eventOf({ type: 'CustomerBoughtReward', data: { customerId: 'ol-42', firstName: 'Mila', lastName: 'Nowak', name: 'Free coffee' } });
		expect(event).toMatchObject({ customer: { name: 'Mila Nowak' } });
	});

	test('the first name must be a word of the name, in any case', async () => {
		const reward = await eventOf({ type: 'CustomerBoughtReward', data: { customerId: 'ol-42', firstName: 'Al', lastName: 'Nowak', name: 'Free Alcohol' } });
		expect(reward).toMatchObject({ customer: { name: 'Al Nowak' } });
		const member = await eventOf({ type: 'customer.updated', data: { customerId: 'c', name: 'Mila Nowak', firstName: 'mila' } });
		expect(member).toMatchObject({ customer: { name: 'Mila Nowak' } });
	});

	test('an unknown event with only an email on data says it names no member', async () => {
		const { error } = await runLoyalty(FIRE_ALWAYS, [{ type: 'BadgeWillExpire', data: { email: 'mila@example.com', firstName: 'Mila' } }]);
		expect(error?.message).toContain('names no member (no customer, member, customerData, customerId, memberId or transaction key');
	});
});
