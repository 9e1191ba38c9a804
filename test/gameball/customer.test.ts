import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import type { IDataObject, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { runGameball, simulatorFor } from '../harness/gameball';
import { packageNodes } from '../harness/nodeTypes';
import { withStandIn } from '../harness/standIn';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
});
afterAll(async () => await sim.stop());

const customer = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'customer', operation, ...extra });
const lastRequest = () => sim.requests[sim.requests.length - 1];

async function createCustomer(customerId: string) {
	const { outputs, error } = await runGameball(
		credentials,
		customer('createOrUpdate', {
			customerId,
			additionalFields: { email: `${customerId}@example.com`, firstName: 'Ada', custom: '{"vip": true}', tags: '["new"]' },
		}),
	);
	expect(error).toBeUndefined();
	return outputs[0];
}

describe('Customer', () => {
	it('creates a customer with attributes, and reads it back', async () => {
		const created = await createCustomer('c-1');
		expect(created).toHaveLength(1);
		expect(created[0].pairedItem).toEqual({ item: 0 });
		// The upsert has no tags field (OpenAPI UpsertCustomerRequest): tags follow through the documented tags call.
		const [upsert, tagged] = sim.requests.slice(-2);
		expect([upsert.method, upsert.path]).toEqual(['POST', '/api/v4.0/integrations/customers']);
		expect(upsert.body).toEqual({
			customerId: 'c-1',
			email: 'c-1@example.com',
			customerAttributes: { firstName: 'Ada', email: 'c-1@example.com', custom: { vip: true } },
		});
		expect([tagged.method, tagged.path, tagged.body]).toEqual(['POST', '/api/v4.0/integrations/customers/c-1/tags', { tags: 'new' }]);

		const { outputs } = await runGameball(credentials, customer('getDetails', { customerId: 'c-1' }));
		expect(outputs[0][0].json).toMatchObject({ customerId: 'c-1', firstName: 'Ada', email: 'c-1@example.com' });
		expect(outputs[0][0].json).not.toHaveProperty('customerAttributes');

		const raw = await runGameball(credentials, customer('getDetails', { customerId: 'c-1', simplify: false }));
		expect(raw.outputs[0][0].json.customerAttributes).toMatchObject({ firstName: 'Ada', email: 'c-1@example.com' });
	});

	it('sends the documented purchase and acquisition attributes, and tags given as a comma list', async () => {
		const additionalFields = {
			totalSpent: 120.5,
			totalOrders: 3,
			avgOrderAmount: 40.17,
			lastOrderDate: '2026-11-30T10:00:00.000Z',
			channel: 'pos',
			utms: '[{"source": "newsletter"}]',
			tags: 'vip, gold ,',
		};
		const { error } = await runGameball(credentials, customer('createOrUpdate', { customerId: 'c-attrs', additionalFields }));
		expect(error).toBeUndefined();
		const [upsert, tagged] = sim.requests.slice(-2);
		expect(upsert.body).toEqual({
			customerId: 'c-attrs',
			customerAttributes: { totalSpent: 120.5, totalOrders: 3, avgOrderAmount: 40.17, lastOrderDate: '2026-11-30T10:00:00.000Z', channel: 'pos', utms: [{ source: 'newsletter' }] },
		});
		expect(tagged.body).toEqual({ tags: 'vip,gold' });
		const { outputs } = await runGameball(credentials, customer('get', { customerId: 'c-attrs', simplify: false }));
		expect(JSON.stringify(outputs[0][0].json)).toContain('vip');
	});

	it('Simplify flattens every attribute but the bulky lists, and keeps the referral details', async () => {
		const additionalFields = { gender: 'F', zip: '11511', source: 'shop', custom: '{"segment": "wholesale"}', devices: '[{"os": "ios"}]', channel: 'web' };
		await runGameball(credentials, customer('createOrUpdate', { customerId: 'c-simple', additionalFields }));
		for (const operation of ['get', 'getDetails']) {
			const simple = (await runGameball(credentials, customer(operation, { customerId: 'c-simple' }))).outputs[0][0].json;
			expect([operation, simple]).toEqual([
				operation,
				expect.objectContaining({ customerId: 'c-simple', gender: 'F', zip: '11511', source: 'shop', custom: { segment: 'wholesale' }, referralCode: expect.any(String) }),
			]);
			expect(simple).not.toHaveProperty('devices');
			expect(simple).not.toHaveProperty('customerAttributes');
		}
	});

	it('refuses tags that are neither a comma list nor a JSON array, and a list attribute that is not an array', async () => {
		const badTags = await runGameball(credentials, customer('createOrUpdate', { customerId: 'c-bad', additionalFields: { tags: '[oops' } }));
		expect(badTags.error?.message).toMatch(/^"Tags" is not valid JSON/);
		const notList = await runGameball(credentials, customer('createOrUpdate', { customerId: 'c-bad', additionalFields: { devices: '{"a": 1}' } }));
		expect(notList.error?.message).toBe('"Devices (JSON)" must be a JSON array');
		expect(sim.requests.some((request) => request.path.endsWith('/customers') && (request.body as { customerId?: string })?.customerId === 'c-bad')).toBe(false);
	});

	it('maps an unknown customer to a clear 7000 error, per item, and continues on fail', async () => {
		const failed = await runGameball(credentials, customer('get', { customerId: 'nobody' }));
		expect(failed.error?.message).toBe('7000: customer not found');

		const { outputs } = await runGameball(
			credentials,
			customer('getBalance', { customerId: '={{ $json.id }}' }),
			[{ id: 'c-1' }, { id: 'nobody' }],
			true,
		);
		expect(outputs[0]).toHaveLength(2);
		expect(outputs[0][0].json).toHaveProperty('availablePointsBalance');
		expect(outputs[0][1].json.error).toBe('7000: customer not found');
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('rejects bad JSON in a field before sending anything', async () => {
		const before = sim.requests.length;
		const { error } = await runGameball(
			credentials,
			customer('createOrUpdate', { customerId: 'c-2', additionalFields: { custom: '{not json' } }),
		);
		expect(error?.message).toContain('"Custom Attributes (JSON)" is not valid JSON');
		expect(sim.requests.length).toBe(before);
	});

	it.each([
		['getDetails', 'GET', '/customers/c-1/details'],
		['getTierProgress', 'GET', '/customers/c-1/tier-progress'],
		['getCampaignsProgress', 'GET', '/customers/c-1/reward-campaigns-progress'],
		['countReferrals', 'GET', '/customers/c-1/referrals/count'],
		['countActivities', 'GET', '/customers/c-1/activities/count'],
		['getHash', 'GET', '/customers/c-1/hash'],
		['countNotifications', 'GET', '/customers/c-1/notifications/count'],
	])('%s reads %s %s', async (operation, method, path) => {
		const { outputs, error } = await runGameball(credentials, customer(operation, { customerId: 'c-1' }));
		expect(error).toBeUndefined();
		expect(outputs[0].length).toBeGreaterThan(0);
		expect(lastRequest()).toMatchObject({ method, path: `/api/v4.0/integrations${path}` });
	});

	it('gets coupons as one item per coupon, paired with its customer, and none for a customer without coupons', async () => {
		await createCustomer('c-coupons');
		await runGameball(credentials, { resource: 'order', operation: 'track', customerId: 'c-coupons', orderId: 'o-coupons', totalPaid: 500 });
		const codes: unknown[] = [];
		for (const _ of [1, 2]) {
			const created = await runGameball(credentials, { resource: 'coupon', operation: 'createPredefined', customerId: 'c-coupons', ruleId: 1 });
			codes.push(created.outputs[0][0].json.code);
		}
		const { outputs, error } = await runGameball(credentials, customer('getCoupons', { customerId: '={{ $json.id }}' }), [{ id: 'c-coupons' }, { id: 'c-1' }]);
		expect(error).toBeUndefined();
		expect(lastRequest()).toMatchObject({ method: 'GET', path: '/api/v4.0/integrations/customers/c-1/coupons' });
		expect(outputs[0].map((item) => [item.json.code, item.pairedItem])).toEqual([
			[codes[0], { item: 0 }],
			[codes[1], { item: 0 }],
		]);
		expect(outputs[0][0].json).toMatchObject({ type: expect.any(String), isAvailableToUse: true });
	});

	it('gets automation campaigns as one item per campaign, without the count beside them', async () => {
		const { outputs, error } = await runGameball(credentials, customer('getAutomationCampaigns', { customerId: 'c-1', filters: { campaignType: 'all' } }));
		expect(error).toBeUndefined();
		expect(lastRequest()).toMatchObject({ method: 'GET', path: '/api/v4.0/integrations/customers/c-1/automation', query: { campaignType: 'all' } });
		expect(outputs[0]).toHaveLength(1);
		expect(Object.keys(outputs[0][0].json).sort()).toEqual(['automation', 'automationCount']);
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
	});

	it.each(['getDetails', 'getTierProgress', 'getHash', 'countActivities'])('%s fails clearly for an unknown customer', async (operation) => {
		const { error } = await runGameball(credentials, customer(operation, { customerId: 'ghost' }));
		expect(error?.message).toBe('7000: customer not found');
	});

	it('pages through activities and notifications with Return All and Limit', async () => {
		// One event send with 250 names logs 250 activities: more than one 200-record page.
		await createCustomer('c-pages');
		const moreEvents = JSON.stringify(Object.fromEntries(Array.from({ length: 249 }, (_, i) => [`visit_${i}`, {}])));
		const sent = await runGameball(credentials, { resource: 'event', operation: 'send', customerId: 'c-pages', eventName: 'visit_last', metadata: '{}', moreEvents });
		expect(sent.error).toBeUndefined();
		const expected = sim.state.activities.filter((activity) => activity.customerId === 'c-pages').length;
		expect(expected).toBe(250);

		const activityReads = (from: number) => sim.requests.slice(from).filter((request) => request.path === '/api/v4.0/integrations/customers/c-pages/activities');
		let from = sim.requests.length;
		const all = await runGameball(credentials, customer('getActivities', { customerId: 'c-pages', returnAll: true }));
		expect(all.error).toBeUndefined();
		expect(all.outputs[0]).toHaveLength(expected);
		expect(new Set(all.outputs[0].map((item) => item.json.activityId)).size).toBe(expected);
		const pages = activityReads(from);
		expect(pages).toHaveLength(2);
		expect(pages[0].query).toEqual({ limit: '200' });
		expect(pages[1].query).toEqual({ limit: '200', startAfter: String(all.outputs[0][199].json.activityId) });

		// Limit beyond one page: 200, then the 1 left, read on from the cursor.
		from = sim.requests.length;
		const limited = await runGameball(credentials, customer('getActivities', { customerId: 'c-pages', returnAll: false, limit: 201 }));
		expect(limited.outputs[0]).toHaveLength(201);
		expect(activityReads(from).map((request) => request.query)).toEqual([
			{ limit: '200' },
			{ limit: '1', startAfter: String(all.outputs[0][199].json.activityId) },
		]);
		expect(limited.outputs[0].map((item) => item.json.activityId)).toEqual(all.outputs[0].slice(0, 201).map((item) => item.json.activityId));
		const one = await runGameball(credentials, customer('getActivities', { customerId: 'c-pages', returnAll: false, limit: 1 }));
		expect(one.outputs[0]).toHaveLength(1);
		const notifications = await runGameball(credentials, customer('getNotifications', { customerId: 'c-1', returnAll: true }));
		expect(notifications.error).toBeUndefined();
		const referrals = await runGameball(credentials, customer('getReferrals', { customerId: 'c-1', returnAll: true }));
		expect(referrals.error).toBeUndefined();
	});

	it('adds and removes tags', async () => {
		await runGameball(credentials, customer('addTags', { customerId: 'c-1', tags: 'vip, gold ,' }));
		expect(lastRequest()).toMatchObject({ method: 'POST', body: { tags: 'vip,gold' } });
		await runGameball(credentials, customer('removeTags', { customerId: 'c-1', tags: 'gold' }));
		expect(lastRequest()).toMatchObject({ method: 'DELETE', body: { tags: 'gold' } });
		const { error } = await runGameball(credentials, customer('removeTag', { customerId: 'c-1', tag: 'vip' }));
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe('/api/v4.0/integrations/customers/c-1/tags/vip');
	});

	it('reads every tag and list field as Create or Update reads Tags: a comma list, a JSON array as text, or an array', async () => {
		await runGameball(credentials, customer('addTags', { customerId: 'c-1', tags: '[" vip", "gold"]' }));
		expect(lastRequest()).toMatchObject({ method: 'POST', body: { tags: 'vip,gold' } });
		await runGameball(credentials, customer('addTags', { customerId: 'c-1', tags: '={{ ["silver", " "] }}' }));
		expect(lastRequest()).toMatchObject({ method: 'POST', body: { tags: 'silver' } });
		await runGameball(credentials, customer('markNotificationsRead', { customerId: 'c-1', notificationIds: '[1, 2]' }));
		expect(lastRequest().body).toEqual({ notificationIds: ['1', '2'] });
		const before = sim.requests.length;
		const broken = await runGameball(credentials, customer('addTags', { customerId: 'c-1', tags: '[vip' }));
		expect(broken.error?.message).toMatch(/^"Tags" is not valid JSON/);
		const objects = await runGameball(credentials, customer('addTags', { customerId: 'c-1', tags: '[{"name": "vip"}]' }));
		expect(objects.error?.message).toBe('"Tags" must be a list of texts');
		const notList = await runGameball(credentials, customer('createOrUpdate', { customerId: 'c-1', additionalFields: { tags: '={{ [{ "name": "vip" }] }}' } }));
		expect(notList.error?.message).toBe('"Tags" must be a list of texts');
		expect(sim.requests.length).toBe(before);
	});

	it('activates, marks notifications read, validates referral codes and deletes', async () => {
		await createCustomer('c-3');
		expect((await runGameball(credentials, customer('setActivation', { customerId: 'c-3', isActive: false }))).error).toBeUndefined();
		expect(lastRequest().body).toEqual({ isActive: false });
		const marked = await runGameball(credentials, customer('markNotificationsRead', { customerId: 'c-3', notificationIds: '1, 2' }));
		expect(lastRequest().body).toEqual({ notificationIds: ['1', '2'] });
		expect(marked.error).toBeUndefined();
		const details = await runGameball(credentials, customer('get', { customerId: 'c-1' }));
		const code = String(details.outputs[0][0].json.referralCode ?? '');
		const valid = await runGameball(credentials, customer('validateReferralCode', { referrerCode: code }));
		expect(valid.outputs[0][0].json.isValid).toBe(true);
		const invalid = await runGameball(credentials, customer('validateReferralCode', { referrerCode: 'NO-SUCH-CODE' }));
		expect(invalid.outputs[0][0].json.isValid).toBe(false);
		expect(lastRequest().query).toEqual({ referrerCode: 'NO-SUCH-CODE' });
		expect((await runGameball(credentials, customer('delete', { customerId: 'c-3' }))).error).toBeUndefined();
		expect((await runGameball(credentials, customer('get', { customerId: 'c-3' }))).error?.message).toBe('7000: customer not found');
	});

	it.each([
		['getStampsProgress', 'challengeId', 105, 'stamps'],
		['getStreakProgress', 'campaignId', 106, 'streaks'],
	])('%s reads the campaign, and reports an unknown one', async (operation, param, id, segment) => {
		const { error } = await runGameball(credentials, customer(operation, { customerId: 'c-1', [param]: id }));
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`/api/v4.0/integrations/customers/c-1/${segment}/${id}`);
		const unknown = await runGameball(credentials, customer(operation, { customerId: 'c-1', [param]: 999999 }));
		expect(unknown.error?.message).toMatch(/^6\d{3}: configuration problem/);
	});

	it('rewards a social challenge', async () => {
		const social = await runGameball(credentials, customer('achieveSocialChallenge', { customerId: 'c-1', challengeId: 104 }));
		expect(lastRequest().body).toEqual({ customerId: 'c-1', challengeId: 104 });
		expect(social.error).toBeUndefined();
		const unknown = await runGameball(credentials, customer('achieveSocialChallenge', { customerId: 'ghost', challengeId: 1 }));
		expect(unknown.error?.message).toBe('7000: customer not found');
	});

	it('fails a social challenge that Gameball accepted but did not award (its program switched off), and one awarded already', async () => {
		const achieve = (customerId: string) => runGameball(credentials, customer('achieveSocialChallenge', { customerId, challengeId: 104 }), [{}], true);
		await runGameball(credentials, customer('createOrUpdate', { customerId: 'c-social' }));
		const points = () => sim.state.customers.get('c-social')?.activatedPoints;
		sim.state.config.programEnabled = false;
		try {
			const { outputs } = await achieve('c-social');
			expect(outputs[0][0].json.error).toBe('Gameball awarded nothing: its program is switched off (Disabled: The Gameball program is disabled)');
			expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
			expect(points()).toBe(0);
		} finally {
			sim.state.config.programEnabled = true;
		}
		const awarded = await achieve('c-social');
		expect(awarded.outputs[0][0].json).toEqual({ customerId: 'c-social', challengeId: 104 });
		const earned = points();
		expect(earned).toBeGreaterThan(0);
		const again = await achieve('c-social');
		expect(String(again.outputs[0][0].json.error)).toMatch(/^3003: /);
		expect(points()).toBe(earned);
	});

	it.each([
		['null', null, undefined],
		['blank', ' ', undefined],
		['a word of success', 'Accepted', undefined],
		['no text', false, undefined],
		['"Disabled"', 'Disabled', 'Gameball awarded nothing: its program is switched off (Disabled)'],
	])('a gameballStatus that is %s fails the item only when it holds a status', async (_case, gameballStatus, error) => {
		await withStandIn(() => ({ status: 202, body: { customerId: 'c-1', challengeId: 104, gameballStatus, message: null } }), async (stand) => {
			const { outputs } = await runGameball(stand.credentials, customer('achieveSocialChallenge', { customerId: 'c-1', challengeId: 104 }), [{}], true);
			expect(outputs[0][0].json.error).toBe(error);
		});
	});

	it('refuses an ID below the documented minimum of 1 before sending, and offers only the documented campaign types', async () => {
		const before = sim.requests.length;
		const zero = await runGameball(credentials, customer('achieveSocialChallenge', { customerId: 'c-1', challengeId: 0 }));
		expect(zero.error?.message).toBe('"Challenge Name or ID" must be at least 1 (got 0)');
		const filters = { campaignType: 'game', campaignId: 0 };
		const progress = await runGameball(credentials, customer('getCampaignsProgress', { customerId: 'c-1', filters }));
		expect(progress.error?.message).toBe('"Campaign Name or ID" must be at least 1 (got 0)');
		expect(sim.requests.length).toBe(before);
		await runGameball(credentials, customer('getCampaignsProgress', { customerId: 'c-1', filters: { campaignType: 'game', campaignId: 3 } }));
		expect(lastRequest().query).toEqual({ campaignType: 'game', campaignId: '3' });
		const optionsOf = (operation: string) => {
			const { properties } = packageNodes['n8n-nodes-gameball.gameball'].description as INodeTypeDescription;
			const filtersProperty = properties.find(
				(property) => property.name === 'filters' && property.displayOptions?.show?.operation?.includes(operation),
			);
			const campaignType = filtersProperty?.options?.find((option) => 'name' in option && option.name === 'campaignType') as INodeProperties;
			return campaignType.options?.map((option) => (option as { value: string }).value);
		};
		expect(optionsOf('getCampaignsProgress')).toEqual(['game', 'reward']);
		await runGameball(credentials, customer('getTierProgress', { customerId: 'c-1', filters: { expand: 'tier,referrals' } }));
		expect(lastRequest().query).toEqual({ expand: 'tier,referrals' });
		expect(optionsOf('getAutomationCampaigns')).toEqual(['all', 'mission']);
	});
});

describe('Create or Update whose tags call fails after the customer was saved', () => {
	it('says the customer was saved and only the tags were not added', async () => {
		await withStandIn(
			({ url }) => (url.pathname.endsWith('/tags') ? { status: 400, body: { code: 3003, message: 'tag rejected' } } : { body: { customerId: 'tagged', gameballId: 1 } }),
			async (tagsRefused) => {
				const { error } = await runGameball(tagsRefused.credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'tagged', additionalFields: { tags: 'vip' } });
				expect(error?.message).toMatch(/^3003: /);
				expect(error?.description).toContain('The customer was saved; only its tags were not added.');
			},
		);
	});
});

describe('Create or Update with a Device Token, answered by an error that echoes the request', () => {
	const token = 'DEVICE-TOKEN-abcdef123456';
	const parameters = { resource: 'customer', operation: 'createOrUpdate', customerId: 'c1', additionalFields: { deviceToken: token } };

	it('keeps the token out of the error item and the error, as it keeps the keys', async () => {
		await withStandIn(({ body }) => ({ status: 400, body: { code: 3000, message: `Invalid body: ${body}`, echoed: JSON.parse(body) } }), async (stand) => {
			const kept = await runGameball(stand.credentials, parameters, [{}], true);
			expect(String(kept.outputs[0][0].json.description)).toContain('Invalid body: {"customerId":"c1","deviceToken":"[redacted]"}');
			expect(JSON.stringify(kept.outputs)).not.toContain(token);
			const thrown = await runGameball(stand.credentials, parameters, [{}]);
			expect(thrown.error?.message).toMatch(/^3000: /);
			// The error as the package builds it; n8n adds the node's own parameters when it saves an error.
			const { message, description, errorResponse } = thrown.error as unknown as IDataObject;
			expect(JSON.stringify({ message, description, errorResponse })).not.toContain(token);
		});
	});
});

describe('a Device Token in batch mode, and a short one', () => {
	const token = 'DEVICE-TOKEN-abcdef123456';

	it('is kept out of a batch status answer that echoes it', async () => {
		await withStandIn(({ method, url }) => {
			if (method === 'POST' && url.pathname.includes('/batch/')) return { body: { jobId: 1 } };
			const failed = { index: 0, code: 3000, message: `invalid deviceToken ${token}` };
			if (url.pathname.includes('/batches/1/status')) return { body: { status: 'completed', totalItems: 1, processedItems: 1, failedItems: 1, results: [], errors: [failed] } };
			return { status: 404, body: {} };
		}, async (stand) => {
			const parameters = { resource: 'customer', operation: 'createOrUpdate', customerId: 'c1', additionalFields: { deviceToken: token }, batching: { mode: 'always', pollSeconds: 0.1 } };
			const { outputs } = await runGameball(stand.credentials, parameters, [{}], true);
			expect(outputs[0][0].json.success).toBe(false);
			expect(JSON.stringify(outputs)).toContain('invalid deviceToken [redacted]');
			expect(JSON.stringify(outputs)).not.toContain(token);
		});
	});

	it('of under 8 characters (a placeholder) is not redacted, so it cannot garble the error', async () => {
		await withStandIn(() => ({ status: 400, body: { code: 3000, message: 'invalid code for customer' } }), async (stand) => {
			const parameters = { resource: 'customer', operation: 'createOrUpdate', customerId: 'c1', additionalFields: { deviceToken: 'code' }, batching: { mode: 'never' } };
			const { error } = await runGameball(stand.credentials, parameters, [{}]);
			expect(error?.message).toMatch(/^3000: /);
			expect(error?.description).toContain('invalid code for customer');
		});
	});
});
