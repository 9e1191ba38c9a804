import type { IDataObject } from 'n8n-workflow';

import { WebhookHarness } from '../harness/run';
import { CREDENTIALS, emittedJson, newTrigger, profilePayload, signedRequest } from './fixtures';

/**
 * n8n's live webhooks build a new Workflow from the database for each delivery, run webhook(), and save the static
 * data only when the Workflow marks it changed (`__dataChanged`), as JSON. This replays that cycle.
 */
class StaticDataStore {
	saved = '{}';

	async deliver(payload: IDataObject) {
		const trigger = newTrigger({}, JSON.parse(this.saved) as IDataObject);
		const result = await trigger.deliver(signedRequest(payload));
		if ((trigger.workflow.staticData as IDataObject & { __dataChanged?: boolean }).__dataChanged) {
			this.saved = JSON.stringify(trigger.workflow.staticData);
		}
		return result;
	}
}

const delivery = (customer: string, points: number) =>
	profilePayload({ customer_id: customer }, { activated_points: points, total_points: points });

describe('static data as n8n saves it between deliveries', () => {
	it('marks every new key changed, so that each delivery is remembered', async () => {
		const store = new StaticDataStore();
		const deliveries = [delivery('a', 10), delivery('b', 20), delivery('c', 30)];
		for (const payload of deliveries) expect(emittedJson(await store.deliver(payload)).length).toBeGreaterThan(0);
		// Gameball's retries, interleaved: every one is recognised.
		for (const payload of [deliveries[1], deliveries[0], deliveries[2]]) {
			const retry = await store.deliver(payload);
			expect(retry.emitted).toBeUndefined();
		}
	});

	it('derives a tier change from the profile saved by an earlier delivery', async () => {
		const store = new StaticDataStore();
		await store.deliver(profilePayload({ customer_id: 'd' }, { tier_order: 1, tier_name: 'Bronze' }));
		const moved = emittedJson(await store.deliver(profilePayload({ customer_id: 'd' }, { tier_order: 2, tier_name: 'Silver' })));
		expect(moved.map((item) => item.event)).toContain('gameball.tier.changed');
	});
});

describe('the Test URL (n8n\'s manual mode)', () => {
	const inWorkflow = (id: string) => new WebhookHarness({ type: 'gameballTrigger', parameters: {}, credentials: CREDENTIALS }, {}, id);
	const tier = (order: number) => profilePayload({ customer_id: 'tester' }, { tier_order: order, tier_name: `Tier ${order}` });

	it('runs every test event, the same sample twice included, and leaves production\'s memory alone', async () => {
		const trigger = inWorkflow('wf-test-url');
		const sample = delivery('sample', 10);
		for (let i = 0; i < 2; i++) expect(emittedJson(await trigger.deliver(signedRequest(sample), 'default', 'manual'))).toHaveLength(1);
		expect(trigger.staticData['node:Node under test'] ?? {}).toEqual({});
		// At the Production URL the sample is new: not a duplicate, and a first sight (no previous profile).
		const live = emittedJson(await trigger.deliver(signedRequest(sample)));
		expect(live).toHaveLength(1);
		expect(live[0].changes).toBeNull();
		expect(emittedJson(await trigger.deliver(signedRequest(sample), 'default', 'manual'))).toHaveLength(1);
	});

	it('remembers profiles between test events, so Tier Changed can be tried, apart from production', async () => {
		const trigger = inWorkflow('wf-test-url-tier');
		await trigger.deliver(signedRequest(tier(1)), 'default', 'manual');
		const moved = emittedJson(await trigger.deliver(signedRequest(tier(2)), 'default', 'manual'));
		expect(moved.map((item) => item.event)).toContain('gameball.tier.changed');
		expect(emittedJson(await trigger.deliver(signedRequest(tier(3))))[0].changes).toBeNull();
	});
});
