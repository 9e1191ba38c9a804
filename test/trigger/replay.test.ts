// "Refuse Deliveries Older Than (Minutes)": replay protection by `created_at`, off by default.
import { emittedJson, newTrigger, notificationPayload, profilePayload, signedRequest } from './fixtures';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const withAge = { options: { maxDeliveryAgeMinutes: 180 } };

describe('Refuse Deliveries Older Than', () => {
	it('is off by default: a delivery made two years ago still runs', async () => {
		const result = await newTrigger().deliver(signedRequest(profilePayload({ created_at: '2024-11-19T17:40:00.000Z' })));
		expect(emittedJson(result)).toHaveLength(1);
	});

	it('runs deliveries made within the limit, and one stamped a little in the future (clock skew)', async () => {
		const trigger = newTrigger(withAge);
		for (const [customer, createdAt] of [['c-recent', minutesAgo(179)], ['c-now', minutesAgo(0)], ['c-ahead', minutesAgo(-2)]]) {
			const result = await trigger.deliver(signedRequest(profilePayload({ customer_id: customer, created_at: createdAt })));
			expect(emittedJson(result)).toHaveLength(1);
		}
	});

	it.each([
		['made 181 minutes ago', minutesAgo(181), 'delivery-too-old'],
		['with no created_at', undefined, 'delivery-too-old'],
		['with an unreadable created_at', 'yesterday', 'delivery-too-old'],
		['stamped over an hour in the future (a replay would stay fresh until then)', minutesAgo(-61), 'delivery-from-future'],
	])('answers 400 and runs nothing for a delivery %s', async (_label, createdAt, reason) => {
		const trigger = newTrigger(withAge);
		for (const payload of [profilePayload({ created_at: createdAt }), notificationPayload({ created_at: createdAt })]) {
			const result = await trigger.deliver(signedRequest(payload));
			expect(result).toMatchObject({ status: 400, answeredByNode: true, sent: { message: reason } });
			expect(emittedJson(result)).toHaveLength(0);
		}
	});

	it('refuses a delivery stamped over an hour in the future as from the future, however high the limit', async () => {
		const trigger = newTrigger({ options: { maxDeliveryAgeMinutes: 1_000_000 } });
		const result = await trigger.deliver(signedRequest(profilePayload({ created_at: minutesAgo(-61) })));
		expect(result).toMatchObject({ status: 400, answeredByNode: true, sent: { message: 'delivery-from-future' } });
		expect(emittedJson(result)).toHaveLength(0);
	});

	it('remembers nothing of a refused delivery: the same customer\'s next update is its first', async () => {
		const trigger = newTrigger({ options: { maxDeliveryAgeMinutes: 180 } });
		await trigger.deliver(signedRequest(profilePayload({ created_at: minutesAgo(500) }, { tier_order: 1, tier_name: 'Bronze' })));
		const fresh = await trigger.deliver(signedRequest(profilePayload({ created_at: minutesAgo(1) }, { tier_order: 2, tier_name: 'Silver' })));
		expect(emittedJson(fresh).map((item) => item.event)).toEqual(['customer.profile.updated']);
		expect(emittedJson(fresh)[0].changes).toBeNull();
	});

	it("does not apply to a test event (the Test URL): Gameball's documented sample runs whatever its age; a forged one is still refused", async () => {
		const trigger = newTrigger(withAge);
		const old = profilePayload({ created_at: minutesAgo(500) });
		expect(emittedJson(await trigger.deliver(signedRequest(old), 'default', 'manual'))).toHaveLength(1);
		expect(await trigger.deliver(signedRequest(old), 'default', 'webhook')).toMatchObject({ status: 400, sent: { message: 'delivery-too-old' } });
		expect(await trigger.deliver(signedRequest(old, { signature: 'f'.repeat(40) }), 'default', 'manual')).toMatchObject({ status: 401 });
	});

	it('checks the signature first: a forged old delivery gets 401', async () => {
		const forged = signedRequest(profilePayload({ created_at: minutesAgo(500) }), { signature: 'f'.repeat(40) });
		expect(await newTrigger(withAge).deliver(forged)).toMatchObject({ status: 401 });
	});
});
