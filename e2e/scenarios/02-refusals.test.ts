// Scenario 2: forged, unsigned and non-JSON deliveries are refused (401/400) and start no execution.
import { gameballSignature, lastExecutionId, post, profileUpdated, runContext, waitForExecutions } from './support';

const context = runContext();
const describeIfLanded = context.landed.trigger ? describe : describe.skip;

describeIfLanded(`n8n ${context.n8nVersion}: Gameball Trigger refuses what Gameball did not send`, () => {
	const url = context.triggerUrls.allEvents;
	const body = JSON.stringify(profileUpdated('refused-customer', { total_points: 5 }));
	let before = 0;

	beforeAll(async () => {
		before = await lastExecutionId(context);
	});

	test('a delivery signed with another secret key gets 401', async () => {
		const response = await post(url, body, {
			'content-type': 'application/json',
			'x-gb-signature': gameballSignature(body, 'not-the-secret-key'),
		});
		expect(response.status).toBe(401);
	});

	test('an unsigned delivery gets 401', async () => {
		const response = await post(url, body, { 'content-type': 'application/json' });
		expect(response.status).toBe(401);
	});

	test('a signature for other bytes gets 401', async () => {
		const tampered = body.replace('"total_points":5', '"total_points":5000');
		const response = await post(url, tampered, {
			'content-type': 'application/json',
			'x-gb-signature': gameballSignature(body, context.secretKey),
		});
		expect(response.status).toBe(401);
	});

	test('a correctly signed body that is not JSON gets 400', async () => {
		const text = 'event=customer.profile.updated&customer_id=42';
		const response = await post(url, text, {
			'content-type': 'text/plain',
			'x-gb-signature': gameballSignature(text, context.secretKey),
		});
		expect(response.status).toBe(400);
	});

	test('a correctly signed JSON array (not an object) gets 400', async () => {
		const array = '[1,2,3]';
		const response = await post(url, array, {
			'content-type': 'application/json',
			'x-gb-signature': gameballSignature(array, context.secretKey),
		});
		expect(response.status).toBe(400);
	});

	test('none of them started an execution', async () => {
		const executions = await waitForExecutions(context, {
			workflowId: context.workflowIds.allEvents,
			afterId: before,
			count: 1,
			timeoutMs: 3000,
		});
		expect(executions).toEqual([]);
	});
});
