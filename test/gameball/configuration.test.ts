import type { INodePropertyOptions } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import { updateCouponIntegration } from '../../nodes/Gameball/actions/configuration/updateCouponIntegration.operation';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';
import { request } from '../simulator/client';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'member' });
});
afterAll(async () => await sim.stop());

const configuration = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'configuration', operation, ...extra });
const lastRequest = () => sim.requests[sim.requests.length - 1];
const API = '/api/v4.0/integrations';

const reads: Array<[string, string, string]> = [
	['getTiers', '/configurations/tiers', 'name'],
	['getRewardCampaigns', '/configurations/reward-campaigns', 'id'],
	['getReferralSettings', '/configurations/referrals', 'friendReward'],
	['getCashbackRules', '/configurations/cashback', 'defaultCashbackRule'],
	['getRedemptionRules', '/configurations/redemption', 'redemptionRules'],
	['getCashbackSettings', '/configurations/rewards/cashback', 'rate'],
	['getRedemptionSettings', '/configurations/rewards/redemption', 'pointValue'],
	['getCouponSettings', '/configurations/rewards/coupons', 'couponTypes'],
	['getCouponIntegration', '/configurations/coupon', 'url'],
	['getWidget', '/configurations/widget', 'colors'],
];

describe('Configuration', () => {
	it.each(reads)('%s reads GET %s', async (operation, path, field) => {
		const { outputs, error } = await runGameball(credentials, configuration(operation));
		expect(error).toBeUndefined();
		expect(lastRequest().method).toBe('GET');
		expect(lastRequest().path).toBe(`${API}${path}`);
		expect(outputs[0].length).toBeGreaterThan(0);
		expect(outputs[0][0].json).toHaveProperty(field);
		expect(outputs[0].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it.each(reads)('%s reports a wrong API key as 1001', async (operation) => {
		const wrong = { gameballApi: { ...credentials.gameballApi, apiKey: 'wrong-key' } };
		const { error } = await runGameball(wrong, configuration(operation));
		expect(error?.message).toMatch(/^1001: authentication failed/);
	});

	it('names both keys in a 1001 when the Secret Key is set, and asks for the Secret Key when it is not', async () => {
		const wrongApiKey = { gameballApi: { ...credentials.gameballApi, apiKey: 'wrong-key' } };
		const withSecret = await runGameball(wrongApiKey, configuration('getTiers'));
		expect(withSecret.error?.message).toBe('1001: authentication failed: check the API Key and the Secret Key in the Gameball credential');
		const noSecretKey = { gameballApi: { ...credentials.gameballApi, secretKey: '', apiVersion: 'v4.1' } };
		const without = await runGameball(noSecretKey, configuration('getTiers'));
		expect(without.error?.message).toMatch(/^1001: authentication failed: set the credential's Secret Key \(/);
	});

	it('on an account in High Security Mode, asks for the Secret Key when the credential has none', async () => {
		const strict = await simulatorFor({ rateLimits: false, highSecurityMode: true });
		try {
			const noSecretKey = { gameballApi: { ...strict.credentials.gameballApi, secretKey: '' } };
			const { error } = await runGameball(noSecretKey, configuration('getTiers'));
			expect(error?.message).toBe("1001: authentication failed: set the credential's Secret Key (v4.1, High Security Mode and most operations need it), and check the API Key");
			const { outputs } = await runGameball(strict.credentials, configuration('getTiers'));
			expect(outputs[0].length).toBe(strict.sim.state.config.tiers.length);
		} finally {
			await strict.sim.stop();
		}
	});

	it('gets the tiers as one item each, in the language asked for', async () => {
		const { outputs } = await runGameball(credentials, configuration('getTiers', { filters: { lang: 'fr' } }));
		expect(lastRequest().headers.lang).toBe('fr');
		expect(lastRequest().query).toEqual({});
		expect(outputs[0].length).toBe(sim.state.config.tiers.length);
	});

	it('narrows reward campaigns and rules to a customer or product, as query parameters', async () => {
		await runGameball(
			credentials,
			configuration('getRewardCampaigns', { filters: { customerId: 'member', productSku: 'SKU-1', collectionId: 'summer', lang: 'en' } }),
		);
		expect(lastRequest().query).toEqual({ customerId: 'member', productSku: 'SKU-1', collectionId: 'summer' });
		expect(lastRequest().headers.lang).toBe('en');
		await runGameball(credentials, configuration('getCashbackRules', { filters: { customerId: 'member' } }));
		expect(lastRequest().query).toEqual({ customerId: 'member' });
		await runGameball(credentials, configuration('getRedemptionRules', { filters: { customerId: 'member' } }));
		expect(lastRequest().query).toEqual({ customerId: 'member' });
	});

	it('updates the coupon settings with the expiry nested, and refuses an update with nothing in it', async () => {
		const { outputs, error } = await runGameball(
			credentials,
			configuration('updateCouponSettings', { additionalFields: { couponTypes: 'fixed, percentage', maxExpiryDays: 90, enabled: false } }),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().method).toBe('PUT');
		expect(lastRequest().path).toBe(`${API}/configurations/rewards/coupons`);
		expect(lastRequest().body).toEqual({ couponTypes: ['fixed', 'percentage'], enabled: false, expirationSettings: { maxExpiryDays: 90 } });
		expect(outputs[0][0].json.success).toBe(true);
		const read = await runGameball(credentials, configuration('getCouponSettings'));
		expect(read.outputs[0][0].json).toMatchObject({ enabled: false, couponTypes: ['fixed', 'percentage'] });

		const before = sim.requests.length;
		const nothing = await runGameball(credentials, configuration('updateCouponSettings'));
		expect(nothing.error?.message).toBe('Set at least one field to update');
		expect(sim.requests.length).toBe(before);
	});

	it('updates the coupon integration, and refuses headers that are not an array', async () => {
		const { error } = await runGameball(
			credentials,
			configuration('updateCouponIntegration', {
				method: 'PUT',
				url: 'https://shop.example.com/api/coupons',
				additionalFields: { enablePercentage: true, headers: '[{"key": "X-Token", "value": "t"}]', couponMapping: '{"percentage": "percent"}' },
			}),
		);
		expect(error).toBeUndefined();
		expect(lastRequest().path).toBe(`${API}/configurations/coupon`);
		expect(lastRequest().body).toEqual({
			method: 'PUT',
			url: 'https://shop.example.com/api/coupons',
			enablePercentage: true,
			headers: [{ key: 'X-Token', value: 't' }],
			couponMapping: { percentage: 'percent' },
		});
		const read = await runGameball(credentials, configuration('getCouponIntegration'));
		expect(read.outputs[0][0].json).toMatchObject({ method: 'PUT', url: 'https://shop.example.com/api/coupons' });

		const bad = await runGameball(
			credentials,
			configuration('updateCouponIntegration', { method: 'POST', url: 'https://x.example', additionalFields: { headers: '{"X-Token": "t"}' } }),
		);
		expect(bad.error?.message).toBe('"Headers (JSON)" must be a JSON array');
		const before = sim.requests.length;
		const notObjects = await runGameball(
			credentials,
			configuration('updateCouponIntegration', { method: 'POST', url: 'https://x.example', additionalFields: { headers: '[1]' } }),
		);
		expect(notObjects.error?.message).toBe('"Headers (JSON) › entry 1" must be a JSON object');
		expect(sim.requests.length).toBe(before);
		await runGameball(
			credentials,
			configuration('updateCouponIntegration', { method: 'POST', url: 'https://x.example', additionalFields: { queryParams: '[{"key": "store", "value": 5}]' } }),
		);
		expect((sim.requests[sim.requests.length - 1].body as { queryParams: unknown }).queryParams).toStrictEqual([{ key: 'store', value: '5' }]);
	});

	it('offers only the methods Gameball allows for the coupon endpoint ("POST, PUT or GET"), refuses another itself, and Gameball refuses it too', async () => {
		const method = updateCouponIntegration.properties.find((property) => property.name === 'method');
		expect((method?.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['GET', 'POST', 'PUT']);

		const before = sim.state.config.couponIntegration.method;
		const sent = sim.requests.length;
		const { error } = await runGameball(credentials, configuration('updateCouponIntegration', { method: '={{ "PATCH" }}', url: 'https://x.example' }));
		expect(error?.message).toBe('"Method" must be one of "GET", "POST", "PUT" (got "PATCH")');
		expect(sim.requests.length).toBe(sent);

		const answer = await request(sim.url, 'PUT', '/api/v4.0/integrations/configurations/coupon', { method: 'PATCH', url: 'https://x.example' }, { APIKey: sim.apiKey, SecretKey: sim.secretKey });
		expect(answer.status).toBe(400);
		expect(answer.json.message).toContain('method must be one of: POST, PUT, GET');
		expect(sim.state.config.couponIntegration.method).toBe(before);
	});
});
