import * as fixtures from './fixtures';
import { OUTPUT, runLoyalty } from './helpers';

test('one input fans out to several outputs, each item paired with it', async () => {
	const { outputs } = await runLoyalty({ sendMessageOn: ['tierUp'], messageChannels: ['email', 'sms'] }, [
		fixtures.gameballProfileBody,
		fixtures.triggerProfileItem,
	]);
	expect(outputs.map((items) => items.length)).toEqual([2, 1, 1, 1, 2]);
	expect(outputs[OUTPUT.upsertContact].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	for (const output of [OUTPUT.addTag, OUTPUT.createTask, OUTPUT.logNote, OUTPUT.sendMessage]) {
		for (const item of outputs[output]) expect(item.pairedItem).toEqual({ item: 1 });
	}
	const steps = outputs.flat().filter((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 1);
	expect(steps.map((item) => item.json.step)).toEqual([
		'upsertContact',
		'addTag',
		'createTask',
		'logNote',
		'sendMessage',
		'sendMessage',
	]);
});

describe('one Gameball delivery, several trigger items', () => {
	test('profile, tier changed and points changed of one delivery become one event, paired with the profile item', async () => {
		const { outputs } = await runLoyalty({}, [
			{ ...fixtures.triggerProfileItem, changes: null },
			fixtures.triggerTierItem,
			fixtures.triggerPointsItem,
		]);
		expect(outputs.map((items) => items.length)).toEqual([1, 1, 1, 1, 0]);
		// One item each, so that `$('Gameball Trigger').item` resolves (n8n refuses several that differ).
		for (const items of outputs.slice(0, 4)) expect(items[0].pairedItem).toEqual({ item: 0 });
		const note = outputs[OUTPUT.logNote][0].json;
		expect(note.note).toBe('Moved up from Silver to Gold; 90 points available (+40)');
		expect(note.title).toBe('Gameball: tier changed');
		// The derived items carry no email: the folded event has the profile's.
		expect(outputs[OUTPUT.upsertContact][0].json.match).toMatchObject({ by: 'email', value: 'ada@example.com' });
	});

	test('derived items ahead of their profile update in the input: still paired with the profile item', async () => {
		const { outputs } = await runLoyalty({}, [fixtures.triggerTierItem, fixtures.triggerPointsItem, { ...fixtures.triggerProfileItem, changes: null }]);
		expect(outputs.map((items) => items.length)).toEqual([1, 1, 1, 1, 0]);
		for (const items of outputs.slice(0, 4)) expect(items[0].pairedItem).toEqual({ item: 2 });
	});

	test('derived items of another delivery are not folded', async () => {
		const { outputs } = await runLoyalty({}, [
			fixtures.triggerProfileItem,
			{ ...fixtures.triggerTierItem, deliveryId: 'other' },
		]);
		expect(outputs[OUTPUT.addTag].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a derived item alone (profile events not selected in the trigger) stands on its own', async () => {
		const { outputs } = await runLoyalty({}, [fixtures.triggerTierItem]);
		expect(outputs[OUTPUT.createTask]).toHaveLength(1);
		expect(outputs[OUTPUT.createTask][0].pairedItem).toEqual({ item: 0 });
		expect(outputs[OUTPUT.createTask][0].json.match).toMatchObject({ by: 'customerId', fallback: true });
	});

	test('tier and points items of one delivery without its profile update are one event: one task, one full upsert', async () => {
		const crossing = { ...fixtures.triggerPointsItem, previousActivatedPoints: 950, activatedPoints: 1010, activatedPointsDelta: 60 };
		const other = { ...fixtures.triggerPointsItem, deliveryId: 'other' };
		const { outputs } = await runLoyalty({ pointsThreshold: 1000 }, [crossing, fixtures.triggerTierItem, other]);
		const first = { item: 0 };
		expect(outputs[OUTPUT.createTask].map((item) => [item.json.title, item.json.reasons, item.pairedItem])).toEqual([
			['Congratulate cust-1 on reaching Gold', ['tierUp', 'pointsCrossed'], first],
		]);
		expect(outputs[OUTPUT.upsertContact].map((item) => item.pairedItem)).toEqual([first, { item: 2 }]);
		expect(outputs[OUTPUT.upsertContact][0].json.properties).toMatchObject({
			gameball_tier: 'Gold',
			gameball_tier_rank: 3,
			gameball_points_available: 1010,
			gameball_points_total: 100,
			gameball_last_event: 'Moved up from Silver to Gold; 1010 points available (+60)',
		});
		expect(outputs[OUTPUT.addTag].map((item) => [item.json.tag, item.pairedItem])).toEqual([['Loyalty: Gold', first]]);
	});

	test('notification items of one delivery (one per language) are one event: a message per language, paired with its language item', async () => {
		const perLanguage = [fixtures.triggerNotificationItem, { ...fixtures.triggerNotificationItem, language: 'ar', title: 'مرحبا' }];
		const { outputs } = await runLoyalty({ messageChannels: ['push'] }, perLanguage);
		expect(outputs[OUTPUT.sendMessage].map((item) => [item.json.language, item.pairedItem])).toEqual([
			['en', { item: 0 }],
			['ar', { item: 1 }],
		]);
		// Message Language chooses among the delivery's languages, not within each item.
		for (const [language, sent] of [['ar', [['ar', 1]]], ['EN', [['en', 0]]], ['fr', [['en', 0]]]] as const) {
			const chosen = await runLoyalty({ messageChannels: ['push'], messageLanguage: language }, perLanguage);
			expect(chosen.outputs[OUTPUT.sendMessage].map((item) => [item.json.language, item.pairedItem])).toEqual(sent.map(([entry, item]) => [entry, { item }]));
		}
		// The note and the summary name the title sent, whichever language came first.
		const arabicFirst = await runLoyalty({ messageChannels: ['push'], messageLanguage: 'en', logNoteOn: ['notification'] }, [perLanguage[1], perLanguage[0]]);
		const englishTitle = String(fixtures.triggerNotificationItem.title);
		expect(arabicFirst.outputs[OUTPUT.sendMessage].map((item) => item.json.title)).toEqual([englishTitle]);
		expect(arabicFirst.outputs[OUTPUT.logNote].map((item) => item.json.note)).toEqual([`Notification: ${englishTitle}`]);
		// Another delivery's notification stays its own event; the same language twice is sent once, paired with the first.
		const other = { ...fixtures.triggerNotificationItem, deliveryId: 'another-delivery' };
		const mixed = await runLoyalty({ messageChannels: ['push'] }, [...perLanguage, perLanguage[0], other]);
		expect(mixed.outputs[OUTPUT.sendMessage].map((item) => [item.json.language, item.pairedItem])).toEqual([
			['en', { item: 0 }],
			['ar', { item: 1 }],
			['en', { item: 3 }],
		]);
	});

	test.each([[''], ['en']])('one language written two ways (en_US, en-us) sends one message, Message Language %j', async (messageLanguage) => {
		const body = {
			event: 'customer.notification.push',
			customer_id: 'c1',
			data: [
				{ local: 'en_US', title: 'Hello', body: 'First wording' },
				{ local: 'en-us', title: 'Hi', body: 'Second wording' },
			],
		};
		const { outputs } = await runLoyalty({ messageChannels: ['push'], messageLanguage }, [body]);
		expect(outputs[OUTPUT.sendMessage].map((item) => [item.json.language, item.json.title])).toEqual([['en_US', 'Hello']]);
	});

	test('two texts of one delivery with no language are both sent; only an exact repeat is dropped', async () => {
		const text = (title: string) => ({ ...fixtures.triggerNotificationItem, language: null, title, body: `Body ${title}` });
		const { outputs } = await runLoyalty({ messageChannels: ['push'] }, [text('A'), text('B'), text('A')]);
		expect(outputs[OUTPUT.sendMessage].map((item) => [item.json.title, item.json.body, item.pairedItem])).toEqual([
			['A', 'Body A', { item: 0 }],
			['B', 'Body B', { item: 1 }],
		]);
	});

	test('items of one delivery carrying lists of texts: a repeat within the first list does not hide a new text in the next', async () => {
		const text = (title: string, language = 'en') => ({ language, title, body: `Body ${title}` });
		const { outputs } = await runLoyalty({ messageChannels: ['push'] }, [
			{ ...fixtures.triggerNotificationItem, notifications: [text('A'), text('A')] },
			{ ...fixtures.triggerNotificationItem, notifications: [text('B', 'ar')] },
		]);
		expect(outputs[OUTPUT.sendMessage].map((item) => [item.json.title, item.pairedItem])).toEqual([
			['A', { item: 0 }],
			['B', { item: 1 }],
		]);
	});
});
