import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import type { FakeRequest, WebhookResult } from '../harness/run';
import { newTrigger, notificationPayload, profilePayload, SECRET_KEY, sign, signedRequest } from './fixtures';

const SHARED_SECRET = 'automation-shared-secret-42';

/** Everything a caller or an operator could see: the answer, the items, the execution, and every log line. */
describe('no secret leaves the Gameball Trigger', () => {
	const logged: unknown[] = [];

	let original: Logger;

	beforeAll(() => {
		original = Container.get(Logger);
		const record = (...args: unknown[]) => {
			logged.push(args);
		};
		const recorder = { error: record, warn: record, info: record, debug: record, scoped: () => recorder };
		Container.set(Logger, recorder as unknown as Logger);
	});

	afterAll(() => Container.set(Logger, original));

	const raw = JSON.stringify(profilePayload());
	const v4: Array<[string, Record<string, unknown>, FakeRequest]> = [
		['valid profile', {}, signedRequest(profilePayload())],
		['valid profile, Simplify off', { simplify: false }, signedRequest(profilePayload())],
		['notification, Simplify off', { simplify: false }, signedRequest(notificationPayload())],
		['forged', {}, signedRequest(undefined, { raw, signature: sign(raw, 'hex', 'other') })],
		['missing signature', {}, signedRequest(undefined, { raw, signature: null })],
		['signature echoing the secret', {}, signedRequest(undefined, { raw, signature: SECRET_KEY })],
		['not JSON', {}, signedRequest(undefined, { raw: 'oops' })],
		['too large', { options: { maxBodySizeKb: 1 } }, signedRequest(profilePayload({}, { referral_link: 'x'.repeat(2048) }))],
		['unknown topic', {}, signedRequest({ event: 'other' })],
	];

	it.each(v4)('v4: %s', async (_label, parameters, request) => {
		const trigger = newTrigger(parameters as never);
		const result: WebhookResult = await trigger.deliver(request);
		const seen = [result.sent, result.response, result.emitted];
		if (result.emitted) {
			const run = await trigger.execute(result.emitted);
			seen.push(run.outputs, run.error?.message, run.error?.description);
		}
		const text = JSON.stringify(seen);
		expect(text).not.toContain(SECRET_KEY);
		expect(text).not.toContain(sign(raw, 'hex').slice(0, 12));
	});

	it.each([
		['accepted', SHARED_SECRET],
		['refused', 'wrong'],
	])('automation: %s call', async (_label, headerValue) => {
		const trigger = newTrigger(
			{
				source: 'automation',
				headerName: 'X-Campaign-Secret',
				headerSecret: SHARED_SECRET,
				options: { keepHeaders: 'x-campaign-secret, x-campaign-name' },
			},
			{},
			{},
		);
		const result = await trigger.deliver({
			method: 'POST',
			rawBody: '{"a":1}',
			headers: { 'x-campaign-secret': headerValue, 'x-campaign-name': 'n' },
		});
		expect(JSON.stringify([result.sent, result.response, result.emitted])).not.toContain(SHARED_SECRET);
	});

	it('logged every refusal and ignore with a reason code, and never a secret', () => {
		const text = JSON.stringify(logged);
		expect(text).toContain('signature-mismatch');
		expect(text).toContain('body-not-a-json-object');
		expect(text).not.toContain(SECRET_KEY);
		expect(text).not.toContain(SHARED_SECRET);
	});
});
