import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { sendToGameball } from '../transport/request';

async function listOf(context: ILoadOptionsFunctions, path: '/configurations/tiers' | '/configurations/reward-campaigns') {
	const { body } = await sendToGameball.call(context, `GET ${path}`, {});
	return (Array.isArray(body) ? body : []) as IDataObject[];
}

/** Tiers of the account, by rank. */
export async function getTiers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tiers = await listOf(this, '/configurations/tiers');
	return tiers
		.sort((a, b) => Number(a.order) - Number(b.order))
		.map((tier) => ({ name: String(tier.name), value: Number(tier.order), description: `Rank ${String(tier.order)}` }));
}

/** Reward campaigns of the account: stamps challenges, streaks and the rest. */
export async function getRewardCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const campaigns = await listOf(this, '/configurations/reward-campaigns');
	return campaigns
		.map((campaign) => ({
			name: `${String(campaign.name)}${campaign.type ? ` (${String(campaign.type)})` : ''}`,
			value: Number(campaign.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
