import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { simulatorFor } from '../harness/gameball';
import { loadOptions } from '../harness/run';

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
		expect(options).toContainEqual({ name: 'Coffee stamps (EventBased)', value: 105 });
		expect(options).toContainEqual({ name: 'Follow us on Instagram (SocialMedia)', value: 104 });
		expect(options.map((option) => option.name)).toEqual([...options.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
	});

	it('lists redemption rules with their price in points', async () => {
		const options = await loadOptions(spec(), 'getRedemptionRules');
		expect(options.length).toBeGreaterThan(0);
		for (const option of options) {
			expect(typeof option.value).toBe('number');
			expect(option.name).toMatch(/\(\d+ points\)$/);
		}
	});

	it('fails with the Gameball error when the key is wrong', async () => {
		const wrong = { gameballApi: { ...credentials.gameballApi, apiKey: 'not-the-key' } };
		await expect(loadOptions({ ...spec(), credentials: wrong }, 'getRewardCampaigns')).rejects.toThrow(/^1001/);
	});
});
