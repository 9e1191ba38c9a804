// A node's static data that is not an object (an imported or hand-edited workflow) cannot hold the memory.
import type { IDataObject } from 'n8n-workflow';

import { keptJson } from '../deliveryGuard/helpers';
import { WebhookHarness } from '../harness/run';
import { CREDENTIALS, emittedJson, profilePayload, signedRequest } from './fixtures';

const KEY = 'node:Node under test';

describe("a node's static data that is not an object", () => {
	it.each([[null, 'null'], ['corrupt', 'string'], [[], 'a list']])('%p: the trigger says so by name, not with a TypeError', async (stored, got) => {
		const trigger = new WebhookHarness({ type: 'gameballTrigger', parameters: {}, credentials: CREDENTIALS }, { [KEY]: stored } as IDataObject);
		await expect(trigger.deliver(signedRequest(profilePayload()))).rejects.toThrow(`This node's stored state is not an object (got ${got})`);
	});

	it('Track says so by name too; an object is read as before', async () => {
		const item = emittedJson(await new WebhookHarness({ type: 'gameballTrigger', parameters: {}, credentials: CREDENTIALS }).deliver(signedRequest(profilePayload())));
		const track = (stored: unknown) => new WebhookHarness({ type: 'gameballDeliveryGuard', parameters: { operation: 'trackChanges' } }, { [KEY]: stored } as IDataObject);
		const broken = await track(null).execute([item.map((json) => ({ json }))], 'webhook');
		expect(broken.error?.message).toBe("This node's stored state is not an object (got null)");
		const fine = await track({}).execute([item.map((json) => ({ json }))], 'webhook');
		expect(keptJson(fine.outputs).map((json) => json.event)).toEqual(['customer.profile.updated']);
	});
});
