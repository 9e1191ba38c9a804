import type { IDataObject } from 'n8n-workflow';
import * as fixtures from './fixtures';
import { FIRE_ALWAYS, OUTPUT, runLoyalty } from './helpers';

async function stepsFor(parameters: IDataObject, input: IDataObject = fixtures.triggerProfileItem) {
	const { outputs, error } = await runLoyalty({ ...FIRE_ALWAYS, createTaskOn: ['tierUp', 'anyEvent'], ...parameters }, [input]);
	if (error) throw error;
	const first = (step: keyof typeof OUTPUT) => outputs[OUTPUT[step]][0]?.json ?? {};
	return {
		upsert: first('upsertContact'),
		tag: first('addTag'),
		task: first('createTask'),
		note: first('logNote'),
	};
}

describe('HubSpot preset', () => {
	test('lower snake case internal names with the gameball_ prefix', async () => {
		const { upsert, tag, task, note } = await stepsFor({ crmPreset: 'hubspot' });
		expect(upsert.properties).toEqual({
			gameball_tier: 'Gold',
			gameball_tier_rank: 3,
			gameball_points_available: 90,
			gameball_points_pending: 10,
			gameball_points_total: 100,
			gameball_referral_code: 'ADA123',
			gameball_referral_link: 'https://example.com/r/ADA123',
			gameball_customer_id: 'cust-1',
			gameball_last_event: 'Moved up from Silver to Gold; 90 points available (+40)',
			gameball_last_event_at: '1732037682297',
		});
		expect(upsert.match).toEqual({ by: 'email', field: 'email', value: 'ada@example.com', fallback: false });
		expect(tag.fields).toEqual({ listName: 'Loyalty: Gold', removeListNames: ['Loyalty: Silver'] });
		expect(task.fields).toEqual({
			subject: 'Congratulate ada@example.com on reaching Gold',
			body: 'Moved up from Silver to Gold; 90 points available (+40)',
			status: 'NOT_STARTED',
			forObjectType: 'CONTACT',
		});
		expect(note.fields).toEqual({
			hs_note_body: 'Moved up from Silver to Gold; 90 points available (+40)',
			hs_timestamp: '2024-11-19T17:34:42.297Z',
		});
	});

	test('a custom prefix is lower-cased and gets its separator', async () => {
		const { upsert } = await stepsFor({ crmPreset: 'hubspot', propertyPrefix: 'Loyalty' });
		expect(Object.keys(upsert.properties as IDataObject)).toContain('loyalty_points_available');
	});

	test('the last event time is epoch milliseconds, as HubSpot\'s v1 contact upsert (n8n\'s HubSpot node) takes a date-time', async () => {
		const { upsert, note } = await stepsFor({ crmPreset: 'hubspot' });
		const sent = (upsert.properties as IDataObject).gameball_last_event_at;
		expect(sent).toMatch(/^\d+$/);
		expect(new Date(Number(sent)).toISOString()).toBe(fixtures.triggerProfileItem.createdAt);
		// Other times are not touched: the note's timestamp goes to the v3 notes API, which takes ISO 8601.
		expect(note.fields).toMatchObject({ hs_timestamp: fixtures.triggerProfileItem.createdAt });
	});

	test('match by customer id uses HubSpot\'s name (by mobile is refused: whatCrmsRefuse.test.ts)', async () => {
		expect((await stepsFor({ crmPreset: 'hubspot', matchBy: 'customerId' })).upsert.match).toMatchObject({
			field: 'gameball_customer_id',
			value: 'cust-1',
		});
	});
});

describe('Salesforce preset', () => {
	test('custom fields Loyalty_*__c, standard Email/MobilePhone, Task and Note fields', async () => {
		const { upsert, task, note, tag } = await stepsFor({ crmPreset: 'salesforce', matchBy: 'mobile' });
		expect(Object.keys(upsert.properties as IDataObject)).toEqual([
			'Loyalty_Tier__c',
			'Loyalty_Tier_Rank__c',
			'Loyalty_Points_Available__c',
			'Loyalty_Points_Pending__c',
			'Loyalty_Points_Total__c',
			'Loyalty_Referral_Code__c',
			'Loyalty_Referral_Link__c',
			'Loyalty_Customer_Id__c',
			'Loyalty_Last_Event__c',
			'Loyalty_Last_Event_At__c',
		]);
		expect(upsert.match).toMatchObject({ field: 'MobilePhone' });
		expect(task.fields).toMatchObject({
			Subject: 'Congratulate ada@example.com on reaching Gold',
			ActivityDate: task.dueDate,
			Status: 'Not Started',
		});
		expect(note.fields).toEqual({ Title: 'Gameball: tier changed', Body: note.note });
		expect(tag.fields).toEqual({ topicName: 'Loyalty: Gold', removeTopicNames: ['Loyalty: Silver'] });
	});

	test('prefix without its underscore gives the same names', async () => {
		const { upsert } = await stepsFor({ crmPreset: 'salesforce', propertyPrefix: 'GB' });
		expect(upsert.properties).toHaveProperty('GB_Points_Available__c', 90);
	});

	test('an emptied prefix gives the names without one', async () => {
		const { upsert } = await stepsFor({ crmPreset: 'salesforce', propertyPrefix: '' });
		expect(upsert.properties).toMatchObject({ Tier__c: 'Gold', Points_Available__c: 90 });
	});
});

describe('Zoho CRM preset', () => {
	test('API names Loyalty_*, Email/Mobile, Tasks and Notes fields, tags as objects', async () => {
		const { upsert, task, note, tag } = await stepsFor({ crmPreset: 'zoho' });
		expect(upsert.properties).toMatchObject({ Loyalty_Tier: 'Gold', Loyalty_Points_Available: 90, Loyalty_Customer_Id: 'cust-1' });
		expect(upsert.match).toMatchObject({ field: 'Email' });
		expect(task.fields).toMatchObject({ Subject: task.title, Due_Date: task.dueDate, Description: task.body });
		expect(note.fields).toEqual({ Note_Title: 'Gameball: tier changed', Note_Content: note.note });
		expect(tag.fields).toEqual({ tags: [{ name: 'Loyalty: Gold' }], removeTags: [{ name: 'Loyalty: Silver' }] });
	});

	test('the last event time as Zoho takes a Date/Time (no milliseconds, no Z); Salesforce and Generic keep ISO 8601', async () => {
		expect((await stepsFor({ crmPreset: 'zoho' })).upsert.properties).toHaveProperty('Loyalty_Last_Event_At', '2024-11-19T17:34:42+00:00');
		expect((await stepsFor({ crmPreset: 'salesforce' })).upsert.properties).toHaveProperty('Loyalty_Last_Event_At__c', '2024-11-19T17:34:42.297Z');
		expect((await stepsFor({ crmPreset: 'generic' })).upsert.properties).toHaveProperty('lastEventAt', '2024-11-19T17:34:42.297Z');
	});

	test('a time without a zone that is not ISO is left out (Zoho refuses it in a date-time field), not read in the server time zone', async () => {
		const zoneless = { ...fixtures.triggerProfileItem, createdAt: '11/19/2024 17:34' };
		const { properties } = (await stepsFor({ crmPreset: 'zoho' }, zoneless)).upsert;
		expect(properties).toHaveProperty('Loyalty_Tier', 'Gold');
		expect(properties).not.toHaveProperty('Loyalty_Last_Event_At');
	});
});

describe('Pipedrive preset', () => {
	test('mapped field keys are used; unmapped fields keep a readable name', async () => {
		const key = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2';
		const { upsert, task, note } = await stepsFor({
			crmPreset: 'pipedrive',
			matchBy: 'customerId',
			pipedriveFieldKeys: { tier: key, customerId: 'cid_key' },
		});
		expect(upsert.properties).toMatchObject({ [key]: 'Gold', loyalty_points_available: 90, cid_key: 'cust-1' });
		expect(upsert.match).toMatchObject({ by: 'customerId', field: 'cid_key' });
		expect(task.fields).toEqual({ subject: task.title, note: task.body, due_date: task.dueDate, type: 'task', done: false });
		expect(note.fields).toEqual({ content: note.note });
	});

	test('prefix without its underscore gives the same unmapped names', async () => {
		for (const prefix of ['Loyalty', 'Loyalty_']) {
			const { upsert } = await stepsFor({ crmPreset: 'pipedrive', propertyPrefix: prefix });
			expect(upsert.properties).toMatchObject({ Loyalty_tier: 'Gold', Loyalty_points_available: 90 });
		}
	});
});

describe('Generic preset', () => {
	test('camelCase names, optionally prefixed', async () => {
		const plain = await stepsFor({ crmPreset: 'generic' });
		expect(plain.upsert.properties).toMatchObject({ tier: 'Gold', pointsAvailable: 90, lastEventAt: '2024-11-19T17:34:42.297Z' });
		expect(plain.upsert.match).toMatchObject({ field: 'email' });
		const prefixed = await stepsFor({ crmPreset: 'generic', propertyPrefix: 'loyalty' });
		expect(prefixed.upsert.properties).toMatchObject({ loyaltyTier: 'Gold', loyaltyPointsAvailable: 90 });
		expect(prefixed.task.fields).toEqual({ title: prefixed.task.title, body: prefixed.task.body, dueDate: prefixed.task.dueDate });
	});
});

test('null values are left out of the properties, so a CRM value is never cleared by a missing one', async () => {
	const { upsert } = await stepsFor({ crmPreset: 'hubspot' }, fixtures.olUpdated);
	expect(upsert.properties).toEqual({
		gameball_customer_id: '32c764d9-ddd5-401f-ac13-a7fcba0982ff',
		gameball_last_event: 'Profile updated',
	});
});
