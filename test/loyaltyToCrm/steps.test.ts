import type { IDataObject, INodeParameters } from 'n8n-workflow';
import * as fixtures from './fixtures';
import { FIRE_ALWAYS, jsonOf, OUTPUT, runLoyalty } from './helpers';

async function run(parameters: INodeParameters, input: IDataObject) {
	const { outputs, error } = await runLoyalty({ ...FIRE_ALWAYS, ...parameters }, [input]);
	if (error) throw error;
	return outputs;
}

describe('an event that names no customer', () => {
	test('fires no step: no CRM step could find its contact (a transaction not yet matched to a member)', async () => {
		const anonymous = { type: 'TransactionRegistered', data: { transaction: { transactionId: 't-1', grossValue: 40 } } };
		const outputs = await run({}, anonymous);
		expect(outputs.map((items) => items.length)).toEqual([0, 0, 0, 0, 0]);
		// The same transaction once it names its member: every step but the tier tag (one message per channel).
		const matched = await run({}, { ...anonymous, data: { ...anonymous.data, customerId: 'ol-1' } });
		expect(matched.map((items) => items.length)).toEqual([1, 0, 1, 1, 3]);
	});

	test('says so in an execution hint, naming the input items, so that the event is not dropped unseen', async () => {
		const anonymous = { type: 'TransactionRegistered', data: { transaction: { transactionId: 't-1', grossValue: 40 } } };
		const { run: execution, error } = await runLoyalty(FIRE_ALWAYS, [fixtures.olUpdated, anonymous, anonymous]);
		expect(error).toBeUndefined();
		const hints = (execution.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);
		expect(hints).toEqual([
			'2 events name no customer the CRM can find (no email or customer ID, nor a mobile number where the CRM matches on it), so no contact, tag, task or note step was made for them (a message still goes where a chosen channel reaches the customer): input item 1, 2',
		]);
	});
});

describe('an event that gives no CRM step', () => {
	test('says so in an execution hint, naming the input items', async () => {
		const expiring = { type: 'LevelWillExpire', data: { customerId: 'ol-7' } };
		const { run: execution, error } = await runLoyalty({}, [expiring, fixtures.olUpdated]);
		expect(error).toBeUndefined();
		const hints = (execution.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);
		expect(hints).toEqual([
			"1 event gave no CRM step: no rule of this node fired for it, or one that fired had nothing to send (a tag without a tier name, say; see Rules): input item 0",
		]);

		// Whatever the order of the events in one item: one without a customer, one without a step, each counted, the item named once.
		const anonymous = { type: 'TransactionRegistered', data: { transaction: { transactionId: 't-1', grossValue: 40 } } };
		const couponExpiring = { type: 'CouponWillExpire', data: { customerId: 'ol-8' } };
		const both = await runLoyalty({ inputSource: 'json', loyaltyEventJson: JSON.stringify([anonymous, expiring, couponExpiring]) }, [{}]);
		const bothHints = (both.run.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);
		expect(bothHints).toEqual([expect.stringMatching(/^1 event names no customer .*: input item 0$/), expect.stringMatching(/^2 events gave no CRM step: .*: input item 0$/)]);
	});
});

describe('Upsert Contact', () => {
	test('falls back to the next key when the chosen one is missing, and says so', async () => {
		const outputs = await run({ matchBy: 'email' }, fixtures.olUpdated);
		expect(outputs[OUTPUT.upsertContact][0].json.match).toEqual({
			by: 'customerId',
			field: 'gameball_customer_id',
			value: '32c764d9-ddd5-401f-ac13-a7fcba0982ff',
			fallback: true,
		});
	});

	test('falls back to the customer ID before the mobile number, which is often not unique', async () => {
		const noEmail = { ...fixtures.triggerProfileItem, email: null };
		const [byEmail] = jsonOf((await run({ matchBy: 'email', crmPreset: 'hubspot' }, noEmail))[OUTPUT.upsertContact]);
		expect(byEmail.match).toEqual({ by: 'customerId', field: 'gameball_customer_id', value: 'cust-1', fallback: true });
		const [byMobile] = jsonOf((await run({ matchBy: 'mobile', crmPreset: 'salesforce' }, noEmail))[OUTPUT.upsertContact]);
		expect(byMobile.match).toMatchObject({ by: 'mobile', value: '+201000000000', fallback: false });
		const onlyMobileItem = { ...noEmail, customerId: null, gbCustomerId: null };
		const [onlyMobile] = jsonOf((await run({ matchBy: 'email', crmPreset: 'salesforce' }, onlyMobileItem))[OUTPUT.upsertContact]);
		expect(onlyMobile.match).toMatchObject({ by: 'mobile', field: 'MobilePhone', fallback: true });
		// HubSpot's upsert cannot find a contact by its mobile number (not a unique property): no step, and a hint.
		const { run: hubspot } = await runLoyalty({ matchBy: 'email', crmPreset: 'hubspot' }, [onlyMobileItem]);
		const { runData } = hubspot.data.resultData;
		expect(runData['Node under test'][0].data?.main.map((items) => items?.length)).toEqual([0, 0, 0, 0, 0]);
		expect(runData['Node under test'][0].hints?.map((hint) => hint.message)).toEqual([expect.stringMatching(/^1 event names no customer the CRM can find/)]);
		// A message needs no CRM contact: the SMS still goes to the mobile number; push, which needs a customer ID, does not.
		const messaged = await run({ matchBy: 'email', crmPreset: 'hubspot', messageChannels: ['sms', 'push'] }, onlyMobileItem);
		expect(messaged.map((items) => items.length)).toEqual([0, 0, 0, 0, 1]);
		expect(jsonOf(messaged[OUTPUT.sendMessage])[0]).toMatchObject({ channel: 'sms', to: '+201000000000', match: { value: null } });
	});

	test('an Open Loyalty email or phone change matches by customer ID: the CRM still holds the old value', async () => {
		const [email] = jsonOf((await run({ matchBy: 'email', crmPreset: 'hubspot' }, fixtures.olNamedEmailChanged))[OUTPUT.upsertContact]);
		expect(email.match).toEqual({ by: 'customerId', field: 'gameball_customer_id', value: 'ol-42', fallback: true });
		expect(email.email).toBe('mila.new@example.com');
		const [phone] = jsonOf((await run({ matchBy: 'mobile', crmPreset: 'salesforce' }, fixtures.olNamedPhoneChanged))[OUTPUT.upsertContact]);
		expect(phone.match).toMatchObject({ by: 'customerId', value: 'ol-42', fallback: true });
		// A key the event did not change still finds the contact.
		const [unchanged] = jsonOf((await run({ matchBy: 'email' }, fixtures.olNamedPhoneChanged))[OUTPUT.upsertContact]);
		expect(unchanged.match).toMatchObject({ by: 'email', value: 'mila@example.com', fallback: false });
		// Without a customer ID there is nothing better than the new value.
		const noId = { type: 'CustomerEmailWasChanged', data: { customer: { email: 'mila.new@example.com', phone: '+48123456789' } } };
		const [onlyEmail] = jsonOf((await run({ matchBy: 'email' }, noId))[OUTPUT.upsertContact]);
		expect(onlyEmail.match).toMatchObject({ by: 'email', value: 'mila.new@example.com', fallback: false });
		// The new value beside the member, whose own still holds the old one, is the one written.
		const beside = { type: 'CustomerEmailWasChanged', data: { customer: { customerId: 'ol-42', email: 'mila@example.com' }, email: 'mila.new@example.com' } };
		const [besideEmail] = jsonOf((await run({ matchBy: 'email' }, beside))[OUTPUT.upsertContact]);
		expect(besideEmail).toMatchObject({ email: 'mila.new@example.com', match: { by: 'customerId', value: 'ol-42' } });
		const phoneBeside = { type: 'CustomerPhoneNumberWasChanged', data: { customer: { customerId: 'ol-42', phone: '+48111111111' }, phone: '+48999999999' } };
		expect(jsonOf((await run({ matchBy: 'mobile', crmPreset: 'salesforce' }, phoneBeside))[OUTPUT.upsertContact])[0]).toMatchObject({ mobile: '+48999999999' });
		// Other events keep the chosen key.
		const [updated] = jsonOf((await run({ matchBy: 'email' }, fixtures.olNamedUpdated))[OUTPUT.upsertContact]);
		expect(updated.match).toMatchObject({ by: 'email', value: 'mila@example.com', fallback: false });
	});

	test('reads email, mobile and customer id without end spaces: a CRM search would not find " ada@example.com "', async () => {
		const spaced = { ...fixtures.triggerProfileItem, email: ' Ada@Example.com ', mobile: ' +201000000000\t', customerId: ' cust-1 ' };
		const [upsert] = jsonOf((await run({ matchBy: 'email' }, spaced))[OUTPUT.upsertContact]);
		expect(upsert).toMatchObject({ email: 'Ada@Example.com', mobile: '+201000000000', customerId: 'cust-1' });
		expect(upsert.match).toMatchObject({ by: 'email', value: 'Ada@Example.com' });
	});

	test('carries email, mobile and customer id at the top level', async () => {
		const [upsert] = jsonOf((await run({}, fixtures.triggerProfileItem))[OUTPUT.upsertContact]);
		expect(upsert).toMatchObject({ step: 'upsertContact', email: 'ada@example.com', mobile: '+201000000000', customerId: 'cust-1' });
	});
});

describe('Add Tag / List', () => {
	test('tag template and removal of the old tier tag', async () => {
		const [tag] = jsonOf((await run({ tagTemplate: 'VIP {tier}' }, fixtures.triggerTierItem))[OUTPUT.addTag]);
		expect(tag).toMatchObject({ tag: 'VIP Gold', removeTags: ['VIP Silver'] });
	});

	test('removal can be turned off', async () => {
		const [tag] = jsonOf((await run({ removeOldTierTag: false }, fixtures.triggerTierItem))[OUTPUT.addTag]);
		expect(tag.removeTags).toEqual([]);
	});

	test('with all tier names listed, every other tier tag is removed, even without a previous tier', async () => {
		const parameters = { allTierNames: 'level0, level1 ,level2,' };
		const [tag] = jsonOf((await run(parameters, fixtures.olLevelChanged))[OUTPUT.addTag]);
		expect(tag).toMatchObject({ tag: 'Loyalty: level0', removeTags: ['Loyalty: level1', 'Loyalty: level2'] });
		const [moved] = jsonOf((await run({ allTierNames: 'Bronze, Silver, Gold' }, fixtures.triggerTierItem))[OUTPUT.addTag]);
		expect(moved.removeTags).toEqual(['Loyalty: Silver', 'Loyalty: Bronze']);
	});

	test('a "$" in a tier name is kept as it is, in the tag and in the tags to remove', async () => {
		const dollars = { ...fixtures.triggerTierItem, tierName: 'VIP $$$ $&', previousTierName: "Pre$'mium" };
		const [tag] = jsonOf((await run({}, dollars))[OUTPUT.addTag]);
		expect(tag).toMatchObject({ tag: 'Loyalty: VIP $$$ $&', removeTags: ["Loyalty: Pre$'mium"] });
	});

	test('the new tier is never in the tags to remove, whatever the case All Tier Names gives it in', async () => {
		const [tag] = jsonOf((await run({ allTierNames: 'bronze, silver, GOLD' }, fixtures.triggerTierItem))[OUTPUT.addTag]);
		expect(tag).toMatchObject({ tag: 'Loyalty: Gold', removeTags: ['Loyalty: Silver', 'Loyalty: bronze', 'Loyalty: silver'] });
	});

	test('a customer first seen already in a tier is tagged by default only at a move; with Any Event too, at once', async () => {
		const firstSeen = { ...fixtures.triggerProfileItem, changes: null };
		const byDefault = await run({ addTagOn: ['tierChanged'] }, firstSeen);
		expect(byDefault[OUTPUT.addTag]).toHaveLength(0);
		const parameters = { addTagOn: ['tierChanged', 'anyEvent'], allTierNames: 'Bronze, Silver, Gold' };
		const [tag] = jsonOf((await run(parameters, firstSeen))[OUTPUT.addTag]);
		expect(tag).toMatchObject({ tag: 'Loyalty: Gold', removeTags: ['Loyalty: Bronze', 'Loyalty: Silver'], reasons: ['anyEvent'] });
	});

	test('no tag item when the event names no tier', async () => {
		expect((await run({}, fixtures.olUpdated))[OUTPUT.addTag]).toHaveLength(0);
	});
});

describe('Create Task', () => {
	test('Due In Days is whole days of 0 or more, refused by name otherwise (a fraction was dropped from the due date only)', async () => {
		for (const [dueInDays, message] of [
			[1.5, '"Due In Days" must be a whole number (got 1.5)'],
			[-1, '"Due In Days" must be at least 0 (got -1)'],
			['={{ "soon" }}', '"Due In Days" must be a number (got "soon")'],
		] as const) {
			const { error } = await runLoyalty({ ...FIRE_ALWAYS, taskOptions: { dueInDays } }, [fixtures.triggerTierItem]);
			expect(error?.message).toBe(message);
		}
		const { outputs } = await runLoyalty({ ...FIRE_ALWAYS, taskOptions: { dueInDays: '={{ "2" }}' } }, [fixtures.triggerTierItem]);
		expect(outputs[OUTPUT.createTask][0].json.dueInDays).toBe(2);
	});

	// The day in n8n's default workflow time zone (the harness sets none), `days` days from now.
	const inDays = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(Date.now() + days * 86_400_000);

	test.each([
		['Asia/Tokyo', '2026-12-06T23:30:00Z', 0, '2026-12-07'],
		['Asia/Tokyo', '2026-12-06T07:59:00Z', 0, '2026-12-06'],
		// 23:59 in Tokyo: 17:00 has passed, so a task due today is due tomorrow (never made overdue).
		['Asia/Tokyo', '2026-12-06T14:59:00Z', 0, '2026-12-07'],
		['America/Los_Angeles', '2026-12-07T07:30:00Z', 1, '2026-12-07'],
		['UTC', '2026-12-31T23:59:00Z', 1, '2027-01-01'],
		['Pacific/Kiritimati', '2026-12-31T10:00:00Z', 0, '2027-01-01'],
	])('the due date is a calendar day in the workflow time zone (%s at %s, due in %i days: %s)', async (timezone, now, dueInDays, dueDate) => {
		const timers = ['setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const;
		jest.useFakeTimers({ now: new Date(now), doNotFake: [...timers, 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] });
		try {
			const { outputs, error } = await runLoyalty({ ...FIRE_ALWAYS, taskOptions: { dueInDays } }, [fixtures.triggerTierItem], false, timezone);
			expect(error).toBeUndefined();
			expect(outputs[OUTPUT.createTask].map((item) => item.json.dueDate)).toEqual([dueDate]);
			// The same day at 17:00 in that zone, as an instant: HubSpot's node reads a bare date in the server's zone.
			const [dueAt] = outputs[OUTPUT.createTask].map((item) => String(item.json.dueAt));
			expect(dueAt.startsWith(`${dueDate}T17:00:00`)).toBe(true);
			expect(new Intl.DateTimeFormat('en-CA', { timeZone: timezone, dateStyle: 'short' }).format(Date.parse(dueAt))).toBe(dueDate);
		} finally {
			jest.useRealTimers();
		}
	});

	test('title per reason, due in days', async () => {
		const before = inDays(3);
		const outputs = await run({ createTaskOn: ['tierUp', 'tierDown', 'pointsCrossed', 'anyEvent'] }, fixtures.triggerTierItem);
		const after = inDays(3);
		const [task] = jsonOf(outputs[OUTPUT.createTask]);
		expect(task).toMatchObject({
			title: 'Congratulate cust-1 on reaching Gold',
			body: 'Moved up from Silver to Gold',
			dueInDays: 3,
			reasons: ['tierUp', 'anyEvent'],
		});
		expect([before, after]).toContain(task.dueDate);
	});

	test('templated titles and body with every placeholder', async () => {
		const outputs = await run(
			{
				createTaskOn: ['tierDown', 'pointsAtLeast', 'anyEvent'],
				pointsThreshold: 50,
				taskOptions: {
					// 1, not 0: a task due today is due tomorrow after 17:00, which the table above pins with a set clock.
					dueInDays: 1,
					titleTierDown: '{customer}/{customerId}/{email}/{mobile}: {previousTier} -> {tier} ({direction})',
					titlePoints: 'P {points} {delta} {threshold}',
					titleOther: 'O {summary} {unknown}',
					body: 'B {summary}',
				},
			},
			{ ...fixtures.triggerProfileItem, changes: { tierOrder: { previous: 4, current: 3 }, tierName: { previous: 'Platinum', current: 'Gold' } } },
		);
		const [task] = jsonOf(outputs[OUTPUT.createTask]);
		expect(task.title).toBe('ada@example.com/cust-1/ada@example.com/+201000000000: Platinum -> Gold (down)');
		expect(task.body).toBe('B Moved down from Platinum to Gold; 90 points available');
		expect([inDays(1), inDays(1 - 1 / 24)]).toContain(task.dueDate);

		const points = jsonOf((await run({ createTaskOn: ['pointsAtLeast'], pointsThreshold: 50, taskOptions: { titlePoints: 'P {points} {delta} {threshold}' } }, fixtures.triggerPointsItem))[OUTPUT.createTask]);
		expect(points[0].title).toBe('P 90 40 50');
		const other = jsonOf((await run({ createTaskOn: ['anyEvent'], taskOptions: { titleOther: 'O {summary} {unknown}' } }, fixtures.olDeactivated))[OUTPUT.createTask]);
		expect(other[0].title).toBe('O Member deactivated {unknown}');
	});

	test('default title for points uses the threshold', async () => {
		const outputs = await run({ createTaskOn: ['pointsAtLeast'], pointsThreshold: 80 }, fixtures.triggerPointsItem);
		expect(outputs[OUTPUT.createTask][0].json.title).toBe('cust-1 has 90 points (threshold 80)');
	});
});

describe('Log Note / Activity', () => {
	test('title names the platform and kind; the note is the summary', async () => {
		const [note] = jsonOf((await run({}, fixtures.olNamedLevelChanged))[OUTPUT.logNote]);
		expect(note).toMatchObject({
			title: 'Open Loyalty: tier changed',
			note: 'Moved up from Silver to Gold',
			occurredAt: '2025-03-01T10:00:00.000Z',
		});
	});

	test('a profile update that moved the tier is a tier change, also folded with its Points Changed item', async () => {
		const { outputs } = await runLoyalty({ ...FIRE_ALWAYS }, [fixtures.triggerProfileItem, fixtures.triggerPointsItem]);
		const [note] = jsonOf(outputs[OUTPUT.logNote]);
		expect(note).toMatchObject({ title: 'Gameball: tier changed', note: 'Moved up from Silver to Gold; 90 points available (+40)' });
	});

	test('a level change by names without ranks says from which tier', async () => {
		const { level, previousLevel } = fixtures.olNamedLevelChanged.data;
		const byNames = { ...fixtures.olNamedLevelChanged, data: { ...fixtures.olNamedLevelChanged.data, level: { ...level, conditionValue: undefined }, previousLevel: { ...previousLevel, conditionValue: undefined } } };
		const [note] = jsonOf((await run({}, byNames))[OUTPUT.logNote]);
		expect(note.note).toBe('Moved from Silver to Gold');
	});

	test('a renamed tier (same rank, new name) is no move in the note', async () => {
		const renamed = {
			...fixtures.triggerProfileItem,
			tierName: 'Gold Plus',
			changes: { tierName: { previous: 'Gold', current: 'Gold Plus' }, activatedPoints: { previous: 50, current: 90, delta: 40 } },
		};
		const { outputs } = await runLoyalty({ logNoteOn: ['anyEvent'] }, [renamed]);
		const [note] = jsonOf(outputs[OUTPUT.logNote]);
		expect(note.note).not.toMatch(/Moved/);
	});

	test('a tier move sent without tier names names the tiers by rank, in the note and in task titles', async () => {
		const unnamed = {
			...fixtures.triggerProfileItem,
			tierName: null,
			changes: { tierOrder: { previous: 2, current: 3, delta: 1 }, activatedPoints: { previous: 50, current: 90, delta: 40 } },
		};
		const outputs = await run({}, unnamed);
		const [note] = jsonOf(outputs[OUTPUT.logNote]);
		expect(note.note).toBe('Moved up from tier 2 to tier 3; 90 points available (+40)');
		const [task] = jsonOf(outputs[OUTPUT.createTask]);
		expect(task.title).toMatch(/tier 3/);
	});

	test('a transaction assigned to the customer is not labelled as registered', async () => {
		const [assigned] = jsonOf((await run({ logNoteOn: ['transactionRegistered'] }, fixtures.olNamedTransactionAssigned))[OUTPUT.logNote]);
		expect(assigned).toMatchObject({ title: 'Open Loyalty: transaction assigned', note: 'Transaction INV-9 assigned to the customer (250)' });
		expect(assigned.reasons).toEqual(['transactionRegistered']);
		const [registered] = jsonOf((await run({}, fixtures.olNamedTransaction))[OUTPUT.logNote]);
		expect(registered).toMatchObject({ title: 'Open Loyalty: transaction registered', note: 'Transaction INV-9 registered (250)' });
	});

	test('an event without a time is stamped with now in the preset fields only', async () => {
		const [note] = jsonOf((await run({}, fixtures.gameballCustomerDetails))[OUTPUT.logNote]);
		expect(note.occurredAt).toBeNull();
		const stamped = Date.parse(String((note.fields as IDataObject).hs_timestamp));
		expect(Math.abs(Date.now() - stamped)).toBeLessThan(60_000);
	});
});

describe('Send Message', () => {
	test('one item per language and channel, addressed per channel', async () => {
		const outputs = await run({ sendMessageOn: ['notification'] }, fixtures.gameballNotificationBody);
		const messages = jsonOf(outputs[OUTPUT.sendMessage]);
		expect(messages.map((message) => [message.language, message.channel, message.to])).toEqual([
			['en', 'email', null],
			['en', 'push', 'webhook-test'],
			['en', 'sms', null],
			['ar', 'email', null],
			['ar', 'push', 'webhook-test'],
			['ar', 'sms', null],
		]);
		expect(messages[0]).toMatchObject({
			step: 'sendMessage',
			title: 'You reached Gold',
			body: 'Enjoy 2x points.',
			subject: 'You reached Gold',
			text: 'You reached Gold\nEnjoy 2x points.',
			icon: 'https://cdn.example.com/gold.png',
		});
	});

	test('a text repeated exactly in a raw body is sent once per channel, with or without Message Language', async () => {
		const repeated = { ...fixtures.gameballNotificationBody, data: [{ local: 'en', title: 'Hi', body: 'You got 10 points' }, { local: 'en', title: 'Hi', body: 'You got 10 points' }] };
		for (const messageLanguage of ['', 'en']) {
			const messages = jsonOf((await run({ sendMessageOn: ['notification'], messageChannels: ['push'], messageLanguage }, repeated))[OUTPUT.sendMessage]);
			expect(messages.map((message) => [message.language, message.title])).toEqual([['en', 'Hi']]);
		}
	});

	test('language filter with prefix match, and fallback to the first language', async () => {
		const arabic = jsonOf((await run({ messageLanguage: 'AR', messageChannels: ['sms'] }, fixtures.gameballNotificationBody))[OUTPUT.sendMessage]);
		expect(arabic.map((message) => message.language)).toEqual(['ar']);
		const regional = { ...fixtures.triggerNotificationItem, language: 'en-US' };
		const english = jsonOf((await run({ messageLanguage: 'en', messageChannels: ['push'] }, regional))[OUTPUT.sendMessage]);
		expect(english.map((message) => message.language)).toEqual(['en-US']);
		const fallback = jsonOf((await run({ messageLanguage: 'fr', messageChannels: ['sms'] }, fixtures.gameballNotificationBody))[OUTPUT.sendMessage]);
		expect(fallback.map((message) => message.language)).toEqual(['en']);
		// A regional language not sent takes its base language, not the first one sent.
		const base = jsonOf((await run({ messageLanguage: 'ar-EG', messageChannels: ['sms'] }, fixtures.gameballNotificationBody))[OUTPUT.sendMessage]);
		expect(base.map((message) => message.language)).toEqual(['ar']);
	});

	test('Message Language sends one language: the best match, never a second region nor a code that merely starts alike', async () => {
		const entry = (local: string) => ({ local, icon: '', title: `in ${local}`, body: 'b' });
		const body = (...locals: string[]) => ({ ...fixtures.gameballNotificationBody, data: locals.map(entry) });
		const sent = async (messageLanguage: string, ...locals: string[]) =>
			jsonOf((await run({ messageLanguage, messageChannels: ['push'] }, body(...locals)))[OUTPUT.sendMessage]).map((message) => message.language);
		// Two regions of the wanted base language: the first one sent, not a message in each.
		expect(await sent('en', 'ar', 'en-US', 'en-GB')).toEqual(['en-US']);
		// The wanted language itself beats a region of it.
		expect(await sent('en', 'en-US', 'en')).toEqual(['en']);
		// `e` is no language's prefix match: it falls back to the first language sent.
		expect(await sent('e', 'ar', 'en', 'es')).toEqual(['ar']);
		// A region sent in another case or with `_`.
		expect(await sent(' ar_eg ', 'en', 'AR_EG', 'ar')).toEqual(['AR_EG']);
		expect(await sent('ar-EG', 'en', 'ar', 'ar_EG')).toEqual(['ar_EG']);
	});

	test('sms goes to the mobile, email to the email address', async () => {
		const [email, sms] = jsonOf((await run({ messageChannels: ['email', 'sms'] }, fixtures.triggerNotificationItem))[OUTPUT.sendMessage]);
		expect(email).toMatchObject({ channel: 'email', to: null });
		expect(sms).toMatchObject({ channel: 'sms', to: null });
		const withContact = { ...fixtures.triggerNotificationItem, email: 'n@example.com', mobileNumber: '+100' };
		const [email2, sms2] = jsonOf((await run({ messageChannels: ['email', 'sms'] }, withContact))[OUTPUT.sendMessage]);
		expect(email2.to).toBe('n@example.com');
		expect(sms2.to).toBe('+100');
	});

	test('a notification whose `data` is one object sends its own text', async () => {
		const outputs = await run({ sendMessageOn: ['notification'], messageChannels: ['push'] }, fixtures.gameballNotificationObjectBody);
		expect(jsonOf(outputs[OUTPUT.sendMessage])).toEqual([
			expect.objectContaining({ channel: 'push', language: 'en', title: 'You reached Gold', text: 'You reached Gold\nEnjoy 2x points.' }),
		]);
	});

	test('a notification without any text sends nothing rather than a made-up message', async () => {
		const channels = { messageChannels: ['sms', 'email', 'push'] };
		for (const data of [[], {}, [{ local: 'en', icon: 'https://cdn.example.com/gold.png' }]]) {
			const body = { ...fixtures.gameballNotificationBody, data };
			expect((await run({ sendMessageOn: ['notification'], ...channels }, body))[OUTPUT.sendMessage]).toEqual([]);
			expect((await run({ sendMessageOn: ['anyEvent'], ...channels }, fixtures.webhookNodeItem(body)))[OUTPUT.sendMessage]).toEqual([]);
		}
		const item = { ...fixtures.triggerNotificationItem, title: null, body: null };
		expect((await run({ sendMessageOn: ['notification'], ...channels }, item))[OUTPUT.sendMessage]).toEqual([]);
	});

	test('a non-notification event sends its summary', async () => {
		const [message] = jsonOf((await run({ sendMessageOn: ['tierUp'], messageChannels: ['sms'] }, fixtures.triggerProfileItem))[OUTPUT.sendMessage]);
		expect(message).toMatchObject({
			channel: 'sms',
			to: '+201000000000',
			title: 'Loyalty update',
			text: 'Loyalty update\nMoved up from Silver to Gold; 90 points available (+40)',
		});
	});
});

test('Include Event off leaves the normalised event out', async () => {
	const outputs = await run({ includeEvent: false }, fixtures.triggerProfileItem);
	// Every step fires (a message on each of the three default channels), so every output is checked.
	expect(outputs.map((items) => items.length)).toEqual([1, 1, 1, 1, 3]);
	for (const items of outputs) for (const item of items) expect(item.json).not.toHaveProperty('event');
});
