// A credential without a Secret Key makes every delivery a 401: that is the merchant's set-up, and the log says so.
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { WebhookHarness } from '../harness/run';
import { CREDENTIALS, newTrigger, profilePayload, signedRequest } from './fixtures';

const warnings: string[] = [];
let original: Logger;

beforeAll(() => {
	original = Container.get(Logger);
	const ignore = () => undefined;
	const recorder = { error: ignore, info: ignore, debug: ignore, warn: (message: string) => warnings.push(message), scoped: () => recorder };
	Container.set(Logger, recorder as unknown as Logger);
});
afterAll(() => Container.set(Logger, original));
beforeEach(() => (warnings.length = 0));

it('warns once a minute per node that every delivery is refused for want of a Secret Key; a forged delivery warns nothing', async () => {
	const withoutSecret = { gameballApi: { ...CREDENTIALS.gameballApi, secretKey: '' } };
	const trigger = newTrigger({}, {}, withoutSecret);
	for (const customer of ['a', 'b', 'c']) {
		const result = await trigger.deliver(signedRequest(profilePayload({ customer_id: customer })));
		expect(result).toMatchObject({ status: 401, sent: { message: 'signature-no-secret' } });
	}
	expect(warnings).toEqual([expect.stringContaining('the Gameball API credential has no Secret Key')]);

	// Another node has its own warning; a forged signature on a node that has verified Gameball's deliveries is an
	// attacker's, not a set-up error.
	await newTrigger({}, {}, withoutSecret).deliver(signedRequest(profilePayload()));
	expect(warnings).toHaveLength(2);
	const working = newTrigger();
	expect((await working.deliver(signedRequest(profilePayload({ customer_id: 'real' })))).status).toBe(200);
	const forged = await working.deliver(signedRequest(profilePayload(), { signature: 'f'.repeat(40) }));
	expect(forged.status).toBe(401);
	expect(warnings).toHaveLength(2);
});

it('warns, once a minute per node, of a bad signature while the node has let no delivery through (a wrong Secret Key)', async () => {
	const wrongKey = { gameballApi: { ...CREDENTIALS.gameballApi, secretKey: 'not-the-accounts-key' } };
	const trigger = newTrigger({}, {}, wrongKey);
	for (const customer of ['a', 'b']) {
		expect((await trigger.deliver(signedRequest(profilePayload({ customer_id: customer })))).sent).toEqual({ message: 'signature-mismatch' });
	}
	expect(warnings).toEqual([
		"Gameball Trigger (signature-mismatch): a delivery's X-GB-Signature does not match the credential's Secret Key. If Gameball's deliveries get this, the Secret Key is not this Gameball account's, or a proxy in between changed the body.",
	]);
	// A clock that makes every delivery too old: a warning with what to check.
	const old = await newTrigger({ options: { maxDeliveryAgeMinutes: 5 } }).deliver(signedRequest(profilePayload({ created_at: '2020-01-01T00:00:00Z' })));
	expect(old.sent).toEqual({ message: 'delivery-too-old' });
	expect(warnings[1]).toMatch(/^Gameball Trigger \(delivery-too-old\): .*Check the server's clock, or raise the limit\.$/);
});

it('warns again once the node fails with another secret than the one it let deliveries through with', async () => {
	const workflowId = 'wf-changed-credential';
	const node = (parameters: Record<string, unknown>, secretKey: string) =>
		new WebhookHarness({ type: 'gameballTrigger', parameters: parameters as never, credentials: { gameballApi: { ...CREDENTIALS.gameballApi, secretKey } } }, {}, workflowId);
	// Accepted with Verify Signature off proves no key: a wrong key turned on later still warns.
	expect((await node({ verifySignature: false }, 'wrong').deliver(signedRequest(profilePayload({ customer_id: 'v1' })))).status).toBe(200);
	await node({}, 'wrong').deliver(signedRequest(profilePayload({ customer_id: 'v2' })));
	expect(warnings).toEqual([expect.stringMatching(/^Gameball Trigger \(signature-mismatch\)/)]);
	// The right key lets one through; then the credential is changed to a wrong one: that warns again.
	warnings.length = 0;
	expect((await node({}, CREDENTIALS.gameballApi.secretKey).deliver(signedRequest(profilePayload({ customer_id: 'v3' })))).status).toBe(200);
	await node({}, 'another-wrong-key').deliver(signedRequest(profilePayload({ customer_id: 'v4' })));
	expect(warnings).toEqual([]); // the first warning of this node and reason was under a minute ago
	jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
	try {
		await node({}, 'another-wrong-key').deliver(signedRequest(profilePayload({ customer_id: 'v5' })));
	} finally {
		jest.useRealTimers();
	}
	expect(warnings).toEqual([expect.stringMatching(/^Gameball Trigger \(signature-mismatch\)/)]);
});

it('says why a test delivery ("Listen for test event") started nothing, every time', async () => {
	const trigger = newTrigger({ events: ['tierChanged'] });
	const first = await trigger.deliver(signedRequest(profilePayload({ customer_id: 'tester' })), 'default', 'manual');
	expect(first.emitted).toBeUndefined();
	await newTrigger({}, {}, { gameballApi: { ...CREDENTIALS.gameballApi, secretKey: 'other' } }).deliver(signedRequest(profilePayload()), 'default', 'manual');
	expect(warnings).toEqual([
		expect.stringMatching(/^Gameball Trigger ignored a test delivery \(nothing-to-emit\): it gave no item: Tier Changed and Points Changed need an earlier update/),
		expect.stringMatching(/^Gameball Trigger refused a test delivery \(signature-mismatch\): /),
	]);
	// A production delivery ignored for the same reason stays a debug line.
	await newTrigger({ events: ['tierChanged'] }).deliver(signedRequest(profilePayload({ customer_id: 'tester' })));
	expect(warnings).toHaveLength(2);
});

it('reads a Secret Key pasted with spaces around it as the key: HTTP sends it so, and the credential test passes', async () => {
	const padded = { gameballApi: { ...CREDENTIALS.gameballApi, secretKey: ` ${CREDENTIALS.gameballApi.secretKey}\t ` } };
	const result = await newTrigger({}, {}, padded).deliver(signedRequest(profilePayload({ customer_id: 'padded' })));
	expect(result.status).toBe(200);
	expect(warnings).toEqual([]);
});

it('warns, once a minute per node, that every automation call is refused while the Header Secret is empty', async () => {
	const parameters = { source: 'automation', automationMethod: 'POST', headerName: 'X-Campaign-Secret', headerSecret: '={{ $vars.UNSET }}', options: {} };
	const trigger = newTrigger(parameters as never, {}, {});
	for (let call = 0; call < 3; call++) {
		const result = await trigger.deliver({ method: 'POST', rawBody: '{}', headers: { 'x-campaign-secret': 'undefined' } });
		expect(result).toMatchObject({ status: 401, sent: { message: 'secret-header-not-set' } });
	}
	expect(warnings).toEqual([expect.stringContaining('refuses every automation call: its Header Name or Header Secret is empty')]);
});

it('warns, once a minute per node, that a delivery from the future means a clock is off, which raising the limit does not mend', async () => {
	const trigger = newTrigger({ options: { maxDeliveryAgeMinutes: 180 } });
	const inTwoHours = new Date(Date.now() + 2 * 3_600_000).toISOString();
	for (const customer of ['f1', 'f2']) {
		const result = await trigger.deliver(signedRequest(profilePayload({ customer_id: customer, created_at: inTwoHours })));
		expect(result).toMatchObject({ status: 400, sent: { message: 'delivery-from-future' } });
	}
	expect(warnings).toEqual([
		"Gameball Trigger (delivery-from-future): a delivery's created_at is over an hour ahead of this server's clock: the server's clock or Gameball's is off. Check the server's clock; raising Refuse Deliveries Older Than does not help.",
	]);
});

describe('a production delivery of an unknown topic (a webhook version other than V4)', () => {
	const v3Delivery = (customer: string, topic: unknown = 'customer_profile_updated', version = 'v3') =>
		signedRequest({ event: topic, customer_id: customer, data: {} }, { headers: { 'x-gb-webhook-version': version } });

	it('warns once a minute per node, quoting the topic and the webhook version, and still answers 200 without a run', async () => {
		const trigger = newTrigger();
		for (const customer of ['u1', 'u2', 'u3']) {
			const result = await trigger.deliver(v3Delivery(customer));
			expect(result).toMatchObject({ status: 200, answeredByNode: false, response: {} });
			expect(result.emitted).toBeUndefined();
		}
		const warning =
			'Gameball Trigger ignored a delivery (unknown-topic): its topic ("customer_profile_updated", X-GB-Webhook-Version "v3") is not one this trigger handles (customer.profile.updated, customer.notification.push): if the webhook\'s version in Gameball\'s dashboard is not V4, set it to V4 (Admin Settings > Account Integration > Webhooks).';
		expect(warnings).toEqual([warning]);
		jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		try {
			await trigger.deliver(v3Delivery('u4'));
		} finally {
			jest.useRealTimers();
		}
		expect(warnings).toEqual([warning, warning]);
	});

	it('quotes the sender\'s text cut short and without control or invisible characters: it cannot forge or flood a log line', async () => {
		const topic = `evil\n2026-01-01 ERROR forged line\u202e\u0000${'x'.repeat(10_000)}`;
		await newTrigger().deliver(v3Delivery('u5', topic, 'v3\r\nX-Injected: 1'));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain('its topic ("evil2026-01-01 ERROR forged linexxxxxxxxxxxxxxxxxxxxxxxxx…", X-GB-Webhook-Version "v3X-Injected: 1")');
		expect(warnings[0]).not.toMatch(/[\p{Cc}\p{Cf}]/u);
		expect(warnings[0].length).toBeLessThan(400);
	});

	it('says so when the delivery names no topic or comes without a version header', async () => {
		await newTrigger().deliver(signedRequest({ event: 42, customer_id: 'u6', data: {} }, { headers: { 'x-gb-webhook-version': '' } }));
		const request = signedRequest({ event: 'customer.deleted' });
		delete request.headers?.['x-gb-webhook-version'];
		await newTrigger().deliver(request);
		expect(warnings).toEqual([
			expect.stringContaining('its topic (none, X-GB-Webhook-Version "") is not'),
			expect.stringContaining('its topic ("customer.deleted") is not'),
		]);
	});
});
