import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	for (const [customerId, totalPaid] of [['small', 10], ['big', 90]] as const) {
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId });
		await runGameball(credentials, { resource: 'order', operation: 'track', customerId, orderId: `o-${customerId}`, totalPaid });
	}
	await runGameball(credentials, { resource: 'customer', operation: 'addTags', customerId: 'small', tags: 'vip' });
});
afterAll(async () => await sim.stop());

const lastRequest = () => sim.requests[sim.requests.length - 1];

describe('Leaderboard', () => {
	it('ranks customers in one item, with the customer count and rank, and the filters sent as query parameters', async () => {
		const all = await runGameball(credentials, { resource: 'leaderboard', operation: 'get', filters: { customerId: 'small' } });
		expect(all.error).toBeUndefined();
		expect(lastRequest().method).toBe('GET');
		expect(lastRequest().path).toBe('/api/v4.0/integrations/leaderboard');
		expect(lastRequest().query).toEqual({ customerId: 'small' });
		// One item, the answer whole: the customer count and the asked customer's rank are about the board, not an entry.
		expect(all.outputs[0]).toHaveLength(1);
		const board = all.outputs[0][0].json;
		expect(board.customersCount).toBe(2);
		expect((board.leaderboard as Array<{ customerId: string }>).map((row) => row.customerId)).toEqual(['big', 'small']);
		expect(board.customerRank).toBe(2);
		expect(all.outputs[0][0].pairedItem).toEqual({ item: 0 });

		const filters = {
			from: '2020-01-01T00:00:00Z',
			to: '2100-01-01T00:00:00Z',
			customerTag: 'vip',
			rewardCampaignId: 101,
			rewardCampaignTag: 'summer',
		};
		await runGameball(credentials, { resource: 'leaderboard', operation: 'get', filters });
		expect(lastRequest().query).toEqual({
			from: '2020-01-01T00:00:00.000Z',
			to: '2100-01-01T00:00:00.000Z',
			customerTag: 'vip',
			rewardCampaignId: '101',
			rewardCampaignTag: 'summer',
		});
	});

	it('filters by customer tag, and refuses a date that is not one', async () => {
		const tagged = await runGameball(credentials, { resource: 'leaderboard', operation: 'get', filters: { customerTag: 'vip' } });
		expect((tagged.outputs[0][0].json.leaderboard as Array<{ customerId: string }>).map((row) => row.customerId)).toEqual(['small']);

		const before = sim.requests.length;
		const bad = await runGameball(credentials, { resource: 'leaderboard', operation: 'get', filters: { from: 'last week' } });
		expect(bad.error?.message).toBe('"From" is not a valid date: last week');
		expect(sim.requests.length).toBe(before);
	});
});
