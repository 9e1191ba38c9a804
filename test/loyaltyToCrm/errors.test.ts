import type { IDataObject } from 'n8n-workflow';
import * as fixtures from './fixtures';
import { OUTPUT, runLoyalty } from './helpers';

const EXPECTED = 'Expected a Gameball Trigger item';

const malformed: Array<[string, IDataObject, string]> = [
	['an empty object', {}, 'got an empty object'],
	['an unrelated object', { foo: 1, bar: 'x' }, 'got an object with keys foo, bar'],
	['an Open Loyalty type without data', { type: 'customer.updated' }, 'got an object with keys type'],
	['a Gameball-looking event without envelope ids', { event: 'customer.profile.updated', data: {} }, 'keys event, data'],
	['a webhook item whose body is not an object', fixtures.webhookNodeItem(42), 'got a number value in the webhook body'],
	['a webhook item whose body is text that is not JSON', fixtures.webhookNodeItem('not json'), 'text that is not JSON'],
	['a webhook item with an empty array body', fixtures.webhookNodeItem([]), 'empty array'],
	['an automation item that names no customer', { event: 'gameball.automation.webhook', body: { hello: 1 }, query: {}, headers: {} }, 'in the webhook body'],
	['an unknown PascalCase event without member data', { type: 'SomethingHappened', data: { x: 1 } }, 'keys type, data'],
];

describe('malformed input', () => {
	test.each(malformed)('%s fails with NodeOperationError naming what was expected', async (_name, input, detail) => {
		const { outputs, error, run } = await runLoyalty({}, [input]);
		expect(outputs).toEqual([]);
		expect(run.status).toBe('error');
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain('Unrecognised loyalty input');
		expect(error?.message).toContain(detail);
		expect(error?.message).toContain(EXPECTED);
	});

	test('the error names the failing item', async () => {
		const { error } = await runLoyalty({}, [fixtures.gameballProfileBody, { nope: true }]);
		expect((error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
	});
});

describe('continueOnFail', () => {
	test('an unrecognised item goes to the first output as { error } with its pairedItem; the others go on', async () => {
		const { outputs, error } = await runLoyalty(
			{},
			[fixtures.triggerTierItem, { nope: true }, fixtures.olUpdated],
			true,
		);
		expect(error).toBeUndefined();
		const upserts = outputs[OUTPUT.upsertContact];
		expect(upserts).toHaveLength(3);
		expect(upserts[0].pairedItem).toEqual({ item: 0 });
		expect(upserts[1].json).toEqual({ error: expect.stringContaining('Unrecognised loyalty input: got an object with keys nope') });
		expect(upserts[1].pairedItem).toEqual({ item: 1 });
		expect(upserts[2].json.customerId).toBe('32c764d9-ddd5-401f-ac13-a7fcba0982ff');
		expect(upserts[2].pairedItem).toEqual({ item: 2 });
		expect(outputs[OUTPUT.addTag].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	});

	test('every failing item gets its own error item (none dropped)', async () => {
		const { outputs } = await runLoyalty({}, [{}, { a: 1 }, fixtures.webhookNodeItem('x')], true);
		expect(outputs[OUTPUT.upsertContact].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of outputs[OUTPUT.upsertContact]) expect(item.json.error).toEqual(expect.any(String));
	});
});

describe('a webhook batch (array body) with an element that cannot be read', () => {
	const batch = () => fixtures.webhookNodeItem([fixtures.olUpdated, { type: 'SomethingHappened', data: { x: 1 } }, fixtures.olDeactivated]);

	test('with continueOnFail, that element alone becomes { error } naming its index; the others go on', async () => {
		const { outputs, error } = await runLoyalty({ logNoteOn: ['anyEvent'] }, [batch(), fixtures.olUpdated], true);
		expect(error).toBeUndefined();
		const failed = outputs[OUTPUT.upsertContact].filter((item) => item.json.error !== undefined);
		expect(failed).toEqual([
			{ json: { error: expect.stringContaining('got an object with keys type, data in element 1 of the webhook body') }, pairedItem: { item: 0 } },
		]);
		const notes = outputs[OUTPUT.logNote];
		expect(notes.map((item) => [(item.json.event as { kind: string }).kind, item.pairedItem])).toEqual([
			['profile_updated', { item: 0 }],
			['member_deactivated', { item: 0 }],
			['profile_updated', { item: 1 }],
		]);
	});

	test('without it, the node stops with an error naming the item and the element', async () => {
		const { outputs, error, run } = await runLoyalty({ logNoteOn: ['anyEvent'] }, [fixtures.olUpdated, batch()]);
		expect(outputs).toEqual([]);
		expect(run.status).toBe('error');
		expect(error?.message).toContain('in element 1 of the webhook body');
		expect((error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
	});
});

describe('odd values from expressions and Code nodes', () => {
	const body = fixtures.gameballProfileBody as IDataObject;

	test('text settings given a list or an object are refused by name; a number is read as text', async () => {
		const language = await runLoyalty({ messageLanguage: '={{ ["en"] }}' }, [body]);
		expect(language.error?.message).toBe('"Message Language" must be text (got a list)');
		const keys = await runLoyalty({ crmPreset: 'pipedrive', pipedriveFieldKeys: { tier: '={{ {} }}' } }, [body]);
		expect(keys.error?.message).toMatch(/^"Tier" must be text \(got object\)/);
		const numbered = await runLoyalty({ tagTemplate: '={{ 5 }}', addTagOn: ['anyEvent'] }, [body]);
		expect(numbered.error).toBeUndefined();
		expect(numbered.outputs[OUTPUT.addTag][0].json.tag).toBe('5');
	});

	test('an item whose json is not an object is refused as unrecognised, naming what it is', async () => {
		const { error } = await runLoyalty({}, [{ json: null } as unknown as IDataObject]);
		expect(error?.message).toContain('Unrecognised loyalty input: got a null value as the item');
	});

	test('a numeric time beyond what a date holds (a nanosecond time) is no time, not a RangeError', async () => {
		const { outputs, error } = await runLoyalty({ upsertContactOn: ['anyEvent'] }, [{ ...body, created_at: 1732035660000000000 }]);
		expect(error).toBeUndefined();
		expect((outputs[OUTPUT.upsertContact][0].json.event as IDataObject).occurredAt).toBeNull();
	});
});
