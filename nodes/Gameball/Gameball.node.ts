import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from './actions/description';
import { resources } from './actions/resources';
import { router } from './actions/router';
import { getRedemptionRules, getRewardCampaigns } from './methods/loadOptions';

export class Gameball implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gameball',
		name: 'gameball',
		icon: { light: 'file:gameball.svg', dark: 'file:gameball.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage loyalty customers, points, tiers, coupons and campaigns in Gameball',
		defaults: { name: 'Gameball' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'gameballApi', required: true }],
		properties: buildProperties(resources),
	};

	methods = { loadOptions: { getRewardCampaigns, getRedemptionRules } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
