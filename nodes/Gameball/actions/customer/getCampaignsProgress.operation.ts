import { customerLookup } from '../../helpers/customerLookup';

export const getCampaignsProgress = customerLookup({
	value: 'getCampaignsProgress',
	name: 'Get Campaigns Progress',
	action: "Get a customer's progress in reward campaigns",
	endpoint: 'GET /customers/{customerId}/reward-campaigns-progress',
	langHeader: true,
	integers: ['campaignId'],
	filters: [
		{
			displayName: 'Campaign Type',
			name: 'campaignType',
			type: 'options',
			default: 'reward',
			description: 'Only campaigns of this kind; leave the filter out for both',
			options: [
				{ name: 'Game', value: 'game' },
				{ name: 'Reward', value: 'reward' },
			],
		},
		{
			displayName: 'Campaign Name or ID',
			name: 'campaignId',
			type: 'options',
			// minValue: refused below Gameball's documented minimum before sending (the editor ignores it on a dropdown).
			typeOptions: { loadOptionsMethod: 'getRewardCampaigns', minValue: 1 },
			default: '',
			description:
				'Only this campaign (an unknown ID gives no progress, not an error); the list holds every campaign, each with its type. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
});
