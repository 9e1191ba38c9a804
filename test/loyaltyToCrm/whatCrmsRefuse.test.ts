// Values the CRM nodes downstream would refuse or misread: a time that is no time, a task due before it is made, a
// tag added and removed at once, a blank tag, and a match key the CRM's upsert cannot use.
import type { IDataObject } from 'n8n-workflow';

import { triggerProfileItem, triggerTierItem } from './fixtures';
import { FIRE_ALWAYS, OUTPUT, runLoyalty } from './helpers';

/** Each preset's last-event field, and 2026-12-08T10:00:00Z as it is sent there. */
const LAST_EVENT_AT = [
	['salesforce', 'Loyalty_Last_Event_At__c', '2026-12-08T10:00:00.000Z'],
	['zoho', 'Loyalty_Last_Event_At', '2026-12-08T10:00:00+00:00'],
	['hubspot', 'gameball_last_event_at', String(Date.UTC(2026, 11, 8, 10))],
];

describe('an event time that is no time', () => {
	it.each(LAST_EVENT_AT)('%s: no last-event time is sent, and the note is dated now', async (crmPreset, lastEventAt) => {
		const before = Date.now();
		const { outputs, error } = await runLoyalty({ ...FIRE_ALWAYS, crmPreset, includeEvent: false }, [{ ...triggerProfileItem, createdAt: '19/11/2024 17:34' }]);
		expect(error).toBeUndefined();
		const properties = outputs[OUTPUT.upsertContact][0].json.properties as IDataObject;
		expect(Object.keys(properties).length).toBeGreaterThan(3);
		expect(properties).not.toHaveProperty(lastEventAt);
		const note = outputs[OUTPUT.logNote][0].json;
		expect(note.occurredAt).toBeNull();
		if (crmPreset === 'hubspot') expect(Date.parse(String((note.fields as IDataObject).hs_timestamp))).toBeGreaterThanOrEqual(before - 1000);
	});

	it.each(LAST_EVENT_AT)('%s: a readable one is still sent, as %s', async (crmPreset, lastEventAt, sent) => {
		const { outputs } = await runLoyalty({ ...FIRE_ALWAYS, crmPreset, includeEvent: false }, [{ ...triggerProfileItem, createdAt: '2026-12-08T10:00:00Z' }]);
		expect((outputs[OUTPUT.upsertContact][0].json.properties as IDataObject)[lastEventAt]).toBe(sent);
	});
});

describe('a task due today', () => {
	afterEach(() => jest.useRealTimers());

	it('is due at 17:00 today before then, and tomorrow once 17:00 has passed (never made overdue)', async () => {
		const dueWhenMadeAt = async (now: string) => {
			jest.useFakeTimers({ advanceTimers: true, now: new Date(now) });
			const { outputs } = await runLoyalty({ ...FIRE_ALWAYS, includeEvent: false, taskOptions: { dueInDays: 0 } }, [triggerProfileItem]);
			jest.useRealTimers();
			const { dueDate, dueAt } = outputs[OUTPUT.createTask][0].json;
			return { dueDate, dueAt };
		};
		// n8n's default zone here, America/New_York (UTC-5 in December).
		expect(await dueWhenMadeAt('2026-12-08T21:59:00Z')).toEqual({ dueDate: '2026-12-08', dueAt: '2026-12-08T17:00:00-05:00' });
		expect(await dueWhenMadeAt('2026-12-08T23:30:00Z')).toEqual({ dueDate: '2026-12-09', dueAt: '2026-12-09T17:00:00-05:00' });
	});
});

describe('Tag Template', () => {
	it('without {tier}, the one tag is added and not also listed for removal', async () => {
		const { outputs } = await runLoyalty({ includeEvent: false, tagTemplate: 'VIP member', crmPreset: 'zoho', allTierNames: 'Silver, Gold' }, [triggerTierItem]);
		expect(outputs[OUTPUT.addTag][0].json).toMatchObject({ tag: 'VIP member', removeTags: [] });
	});

	it('blank, falls back to the default instead of an empty tag', async () => {
		const { outputs } = await runLoyalty({ includeEvent: false, tagTemplate: '  ' }, [triggerTierItem]);
		expect(outputs[OUTPUT.addTag][0].json).toMatchObject({ tag: 'Loyalty: Gold', removeTags: ['Loyalty: Silver'] });
	});
});

describe('Match Contact By', () => {
	it('Mobile with HubSpot is refused by name, per item: its upsert cannot find a contact by mobile', async () => {
		const { error } = await runLoyalty({ matchBy: 'mobile', crmPreset: 'hubspot' }, [triggerProfileItem]);
		expect(error?.message).toBe('"Match Contact By" Mobile does not work with HubSpot: its upsert cannot find a contact by it');
		expect(error?.description).toBe('Choose Customer ID or Email.');
		const onError = await runLoyalty({ matchBy: 'mobile', crmPreset: 'hubspot' }, [triggerProfileItem], true);
		expect(onError.outputs[0].map((item) => [item.json.error, item.pairedItem])).toEqual([[error?.message, { item: 0 }]]);
	});

	it('Mobile with another CRM is kept', async () => {
		const { outputs } = await runLoyalty({ matchBy: 'mobile', crmPreset: 'salesforce', includeEvent: false }, [triggerProfileItem]);
		expect(outputs[OUTPUT.upsertContact][0].json.match).toMatchObject({ by: 'mobile', fallback: false });
	});
});

describe('Property Prefix', () => {
	it.each([
		['salesforce', 'Loyalty Program', 'Salesforce'],
		['zoho', '1st_', 'Zoho CRM'],
		['salesforce', 'GB__', 'Salesforce'],
	])('%s: %j, which would start API names the CRM refuses, is refused by name', async (crmPreset, propertyPrefix, crm) => {
		const { error } = await runLoyalty({ crmPreset, propertyPrefix }, [triggerProfileItem]);
		expect(error?.message).toBe(`"Property Prefix" ${JSON.stringify(propertyPrefix)} would give names ${crm} refuses: field API names take letters, digits and single underscores, starting with a letter`);
	});

	it.each([
		['salesforce', 'GB_Loyalty', 'GB_Loyalty_Tier__c'],
		['zoho', '', 'Tier'],
	])('%s: %j is kept', async (crmPreset, propertyPrefix, tierField) => {
		const { outputs } = await runLoyalty({ crmPreset, propertyPrefix, includeEvent: false }, [triggerProfileItem]);
		expect(outputs[OUTPUT.upsertContact][0].json.properties).toHaveProperty(tierField, 'Gold');
	});
});
