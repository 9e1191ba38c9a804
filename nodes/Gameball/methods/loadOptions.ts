import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { sendToGameball } from '../transport/request';

/** Reward campaigns of the account: stamps challenges, streaks and the rest. */
export async function getRewardCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await sendToGameball.call(this, 'GET /configurations/reward-campaigns', {});
	const campaigns = (Array.isArray(body) ? body : []) as IDataObject[];
	return campaigns
		.map((campaign) => ({
			name: `${String(campaign.name)}${campaign.type ? ` (${String(campaign.type)})` : ''}`,
			value: Number(campaign.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Redemption rules (the coupons customers can buy with points), as the account configures them. */
export async function getRedemptionRules(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await sendToGameball.call(this, 'GET /configurations/redemption', {});
	const rules = ((body as IDataObject | undefined)?.redemptionRules ?? []) as IDataObject[];
	return rules.map((rule) => {
		const title = ((rule.coupon as IDataObject | undefined)?.group as IDataObject | undefined)?.title;
		const points = rule.pointsToRedeem === undefined ? '' : ` (${String(rule.pointsToRedeem)} points)`;
		return { name: `${String(title ?? rule.ruleType ?? `Rule ${String(rule.id)}`)}${points}`, value: Number(rule.id) };
	});
}
