import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { simulatorFor } from '../harness/gameball';
import { loadOptions } from '../harness/run';
import { withStandIn } from '../harness/standIn';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
});
afterAll(async () => await sim.stop());

const spec = () => ({ type: 'gameball', parameters: { resource: 'coupon', operation: 'createPredefined' }, credentials });

describe('dropdowns loaded from the account', () => {
	it('lists reward campaigns by name with their type', async () => {
		const options = await loadOptions(spec(), 'getRewardCampaigns');
		// The documented campaign types: a stamps campaign is EventBased.
		expect(options).toContainEqual({ name: 'Coffee stamps (EventBased) · #105', value: 105 });
		expect(options).toContainEqual({ name: 'Follow us on Instagram (SocialMedia) · #104', value: 104 });
		expect(options.map((option) => option.name)).toEqual([...options.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
	});

	it('lists redemption rules with their price in points', async () => {
		const options = await loadOptions(spec(), 'getRedemptionRules');
		expect(options.length).toBeGreaterThan(0);
		for (const option of options) {
			expect(typeof option.value).toBe('number');
			expect(option.name).toMatch(new RegExp(`\\(\\d+ points\\)( \\(inactive\\))? · #${String(option.value)}$`));
		}
	});

	it('fails with the Gameball error when the key is wrong', async () => {
		const wrong = { gameballApi: { ...credentials.gameballApi, apiKey: 'not-the-key' } };
		await expect(loadOptions({ ...spec(), credentials: wrong }, 'getRewardCampaigns')).rejects.toThrow(/^1001/);
	});
});

describe('dropdowns from answers that are not the documented list', () => {
	async function optionsFrom(method: string, body: unknown) {
		return await withStandIn(() => ({ body }), async (stand) => {
			return await loadOptions({ ...spec(), credentials: stand.credentials }, method);
		});
	}

	it.each([
		['getRewardCampaigns', { data: [] }, 'reward campaigns', 'object'],
		['getRewardCampaigns', null, 'reward campaigns', 'null'],
		['getRedemptionRules', { redemptionRules: {} }, 'redemption rules', 'object'],
		['getRedemptionRules', {}, 'redemption rules', 'undefined'],
	])('%s answered %j: an error, not an empty list', async (method, body, what, shape) => {
		await expect(optionsFrom(method, body)).rejects.toThrow(`Gameball's answer for ${what} is not the documented list (got ${shape})`);
	});

	it('names each option with its ID, sorts them, marks inactive rules and skips entries without a whole-number ID', async () => {
		const campaigns = [{ id: 7, name: 'Same', type: 'EventBased' }, { id: '3', name: 'Same', type: 'EventBased' }, { id: 'abc', name: 'Junk' }, { name: 'No id' }, { id: 9 }];
		expect(await optionsFrom('getRewardCampaigns', campaigns)).toEqual([
			{ name: 'Campaign 9 · #9', value: 9 },
			{ name: 'Same (EventBased) · #3', value: 3 },
			{ name: 'Same (EventBased) · #7', value: 7 },
		]);
		const rule = (id: unknown, title: string, isActive: boolean) => ({ id, pointsToRedeem: 50, isActive, coupon: { group: { title } } });
		expect(await optionsFrom('getRedemptionRules', { redemptionRules: [rule(2, 'Zeta', false), rule(1, 'Alpha', true), rule(1.5, 'Half', true)] })).toEqual([
			{ name: 'Alpha (50 points) · #1', value: 1 },
			{ name: 'Zeta (50 points) (inactive) · #2', value: 2 },
		]);
	});
});

describe('a dropdown while Gameball fails', () => {
	it('gives up after two attempts, not a run\'s five', async () => {
		await withStandIn(() => ({ status: 503, body: { code: 5000, message: 'down' } }), async (stand) => {
			await expect(loadOptions({ ...spec(), credentials: stand.credentials }, 'getRewardCampaigns')).rejects.toThrow(/^5000/);
			expect(stand.calls()).toBe(2);
		});
	});
});

describe('a Base URL that is no web address', () => {
	it('is refused before any request, naming the credential field', async () => {
		await withStandIn(() => ({ body: [] }), async (stand) => {
			const noScheme = { gameballApi: { ...stand.credentials.gameballApi, baseUrl: stand.credentials.gameballApi.baseUrl.replace('http://', '') } };
			await expect(loadOptions({ ...spec(), credentials: noScheme }, 'getRewardCampaigns')).rejects.toThrow(/^The credential's Base URL is not a web address$/);
			expect(stand.calls()).toBe(0);
		});
	});

	it('does not show the value: a key pasted into the Base URL field would be kept with the execution', async () => {
		await withStandIn(() => ({ body: [] }), async (stand) => {
			const pastedKey = 'sk-pasted-in-the-wrong-field-0123456789';
			const wrong = { gameballApi: { ...stand.credentials.gameballApi, baseUrl: pastedKey } };
			const error = await loadOptions({ ...spec(), credentials: wrong }, 'getRewardCampaigns').then(() => undefined, (failure: { message: string; description?: string }) => failure);
			expect(error?.message).toBe("The credential's Base URL is not a web address");
			expect(JSON.stringify(error)).not.toContain(pastedKey);
			expect(String(error?.description)).not.toContain(pastedKey);
			expect(stand.calls()).toBe(0);
		});
	});
});
