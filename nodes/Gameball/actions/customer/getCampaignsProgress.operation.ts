import { customerLookup } from '../../helpers/customerLookup';

export const getCampaignsProgress = customerLookup({
	value: 'getCampaignsProgress',
	name: 'Get Campaigns Progress',
	action: 'Get a customer progress in reward campaigns',
	endpoint: 'GET /customers/{customerId}/reward-campaigns-progress',
	langHeader: true,
	integers: ['campaignId'],
	filters: [
		{
			displayName: 'Campaign Type',
			name: 'campaignType',
			type: 'options',
			default: 'reward',
			options: [
				{ name: 'Game', value: 'game' },
				{ name: 'Reward', value: 'reward' },
			],
		},
		{ displayName: 'Campaign ID', name: 'campaignId', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
	],
});
