// A late update fed through Track as a bare body, template placeholders named after Object members, and a level
// "change" in letter case only.
import type { IDataObject } from 'n8n-workflow';

import { keptJson, newTracker } from '../deliveryGuard/helpers';
import { profilePayload } from '../fixtures/gameballPayloads';
import { triggerProfileItem } from './fixtures';
import { OUTPUT, runLoyalty } from './helpers';

const update = (customerId: string, minute: number, tier: string, order: number, points: number) =>
	profilePayload({ customer_id: customerId, created_at: `2024-11-19T17:0${minute}:00.000Z` }, { tier_name: tier, tier_order: order, activated_points: points });

describe('a late Gameball update marked by Track', () => {
	it.each([
		['a bare body (Track marks the body itself)', (payload: IDataObject) => payload],
		["n8n's Webhook node's item (Track marks the item beside the body)", (payload: IDataObject) => ({ body: payload, headers: {}, query: {}, params: {} })],
	])('fires no CRM step for %s: it would write an older tier and balance over a newer one', async (_shape, wrap) => {
		const tracker = newTracker();
		await tracker.run([wrap(update('late-1', 1, 'Silver', 2, 500))]);
		await tracker.run([wrap(update('late-1', 5, 'Gold', 3, 1500))]);
		const late = keptJson((await tracker.run([wrap(update('late-1', 3, 'Silver', 2, 800))])).outputs);
		expect(late).toEqual([expect.objectContaining({ outOfOrder: true })]);
		const { outputs, error } = await runLoyalty({}, late);
		expect(error).toBeUndefined();
		expect(outputs.map((output) => output.length)).toEqual([0, 0, 0, 0, 0]);
	});
});

it('leaves a template placeholder named after an Object member as typed', async () => {
	const { outputs } = await runLoyalty(
		{ createTaskOn: ['anyEvent'], taskOptions: { titleOther: 'Call {customer} {constructor} {__proto__} {toString} {foo}' } },
		[{ ...triggerProfileItem, changes: null }],
	);
	expect(outputs[OUTPUT.createTask][0].json.title).toBe(`Call ${String(triggerProfileItem.email)} {constructor} {__proto__} {toString} {foo}`);
});

it('reads an Open Loyalty level change in letter case only as no move', async () => {
	const { outputs } = await runLoyalty({}, [
		{ type: 'CustomerLevelChanged', data: { customer: { customerId: 'c1', email: 'a@b.c' }, level: 'Gold', previousLevel: 'gold' } },
	]);
	expect(outputs.map((output) => output.length)).toEqual([1, 0, 0, 0, 0]);
	expect((outputs[OUTPUT.upsertContact][0].json.properties as IDataObject).gameball_last_event).toBe('Now in Gold');
});
