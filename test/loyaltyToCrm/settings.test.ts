// Loyalty to CRM's parameters may be expressions: each is read as its parameter declares, and anything else stops
// the item by the parameter's name. Before, a text number fell back to the default, an empty threshold fired for
// everyone and a rule list given as text matched by substring.
import type { INodeParameters } from 'n8n-workflow';

import { triggerPointsItem, triggerProfileItem, triggerTierItem } from './fixtures';
import { OUTPUT, runLoyalty } from './helpers';

describe('settings from expressions', () => {
	it('reads numbers, lists and switches given as text', async () => {
		const parameters: INodeParameters = {
			createTaskOn: '={{ "tierUp, tierDown" }}',
			sendMessageOn: ['anyEvent'],
			messageChannels: '={{ "sms" }}',
			taskOptions: { dueInDays: '={{ "7" }}' },
			includeEvent: '={{ "false" }}',
		};
		const { outputs, error } = await runLoyalty(parameters, [triggerTierItem]);
		expect(error).toBeUndefined();
		expect(outputs[OUTPUT.createTask].map((item) => item.json.dueInDays)).toEqual([7]);
		expect(outputs[OUTPUT.sendMessage].map((item) => item.json.channel)).toEqual(['sms']);
		expect(outputs[OUTPUT.createTask][0].json.event).toBeUndefined();
	});

	it('uses a task title whose expression gives a number as text (it fell back to the default title)', async () => {
		const { outputs, error } = await runLoyalty({ createTaskOn: ['anyEvent'], taskOptions: { titleOther: '={{ 2026 }}' } }, [triggerTierItem]);
		expect(error).toBeUndefined();
		expect(outputs[OUTPUT.createTask].map((item) => item.json.title)).toEqual(['2026']);
	});

	it.each([
		[{ createTaskOn: '={{ "noEvent,anyEventually" }}' }, /^"Create Task When" must be a list of "anyEvent", .* \(got "noEvent"\)$/],
		[{ createTaskOn: '={{ null }}' }, /^"Create Task When" must be a list of .* \(got null\)$/],
		[{ messageChannels: '={{ "fax" }}' }, /^"Message Channels" must be a list of "email", "push", "sms" \(got "fax"\)$/],
		[{ pointsThreshold: '={{ "" }}' }, /^"Points Threshold \(N\)" is required$/],
		[{ pointsThreshold: '={{ "many" }}' }, /^"Points Threshold \(N\)" must be a number \(got "many"\)$/],
		[{ taskOptions: { dueInDays: '={{ -1 }}' } }, /^"Due In Days" must be at least 0 \(got -1\)$/],
		// A fixed dropdown (no expressions in the editor), as an imported or hand-edited workflow can hold it.
		[{ crmPreset: 'dynamics' }, /^"CRM Preset" must be one of "generic", "hubspot", "pipedrive", "salesforce", "zoho" \(got "dynamics"\)$/],
		[{ includeEvent: '={{ "maybe" }}' }, /must be true or false \(got "maybe"\)$/],
	])('refuses %j by name, and emits nothing for the item', async (parameters, message) => {
		const { outputs, error } = await runLoyalty({ createTaskOn: ['pointsAtLeast'], ...parameters } as INodeParameters, [triggerPointsItem]);
		expect(error?.message).toMatch(message);
		expect(outputs).toEqual([]);
	});

	it('fails only the item whose expression is unreadable, under Continue On Fail', async () => {
		const parameters: INodeParameters = { createTaskOn: ['anyEvent'], taskOptions: { dueInDays: '={{ $json.days }}' } };
		const items = [{ ...triggerTierItem, days: 'soon' }, { ...triggerTierItem, deliveryId: 'd2', days: 2 }];
		const { outputs, error } = await runLoyalty(parameters, items, true);
		expect(error).toBeUndefined();
		const failed = outputs[OUTPUT.upsertContact].filter((item) => item.json.error !== undefined);
		expect(failed.map((item) => [item.json.error, item.pairedItem])).toEqual([['"Due In Days" must be a number (got "soon")', { item: 0 }]]);
		expect(outputs[OUTPUT.upsertContact].filter((item) => item.json.error === undefined).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(outputs[OUTPUT.createTask].map((item) => [item.json.dueInDays, item.pairedItem])).toEqual([[2, { item: 1 }]]);
	});
});

describe('Points Threshold', () => {
	it('is needed only when a selected rule uses it: blank is refused then, and left at its default otherwise', async () => {
		const used = await runLoyalty({ createTaskOn: ['pointsAtLeast'], pointsThreshold: '={{ "" }}' }, [triggerPointsItem]);
		expect(used.error?.message).toBe('"Points Threshold (N)" is required');
		const unused: INodeParameters = { upsertContactOn: ['anyEvent'], addTagOn: [], createTaskOn: ['tierUp'], logNoteOn: [], sendMessageOn: [], pointsThreshold: '={{ "" }}' };
		const { outputs, error } = await runLoyalty(unused, [triggerPointsItem]);
		expect(error).toBeUndefined();
		expect(outputs[OUTPUT.upsertContact]).toHaveLength(1);
	});
});

describe('the same delivery twice in one run', () => {
	it('makes one tag and one task, paired with the first copy', async () => {
		const { outputs, error } = await runLoyalty({}, [triggerProfileItem, triggerTierItem, triggerProfileItem]);
		expect(error).toBeUndefined();
		expect(outputs[OUTPUT.addTag].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(outputs[OUTPUT.createTask]).toHaveLength(1);
		expect(outputs[OUTPUT.logNote]).toHaveLength(1);
	});
});
