import { customerLookup } from '../../helpers/customerLookup';

export const getAutomationCampaigns = customerLookup({
	value: 'getAutomationCampaigns',
	name: 'Get Automation Campaigns',
	action: 'Get the automation campaigns of a customer',
	endpoint: 'GET /customers/{customerId}/automation',
	// `count` is the number of campaigns: the items say it.
	entries: { key: 'campaigns' },
	filters: [
		{
			displayName: 'Campaign Type',
			name: 'campaignType',
			type: 'options',
			default: 'all',
			description: 'Without this filter, Gameball returns the steps of mission-based campaigns only: add it and choose All for every automation step',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Mission', value: 'mission' },
			],
		},
	],
});
