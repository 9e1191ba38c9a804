import type { INodeProperties } from 'n8n-workflow';

/** Listing and counting transactions share these filters. */
export const transactionFilters: INodeProperties[] = [
	{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '', description: 'Only the transactions of this customer' },
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		description: 'Only transactions that added, or only those that removed, points or rewards',
		default: '+',
		options: [
			{ name: 'Added (+)', value: '+', description: 'Points or rewards added to the customer (earned, given back, added by hand)' },
			{ name: 'Removed (-)', value: '-', description: 'Points or rewards taken from the customer (spent, expired, cancelled, deducted by hand)' },
		],
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		description: 'Only transactions in this state',
		default: 'Active',
		options: ['Active', 'Blocked', 'Expired', 'Pending'].map((status) => ({ name: status, value: status })),
	},
];

/** The Customer ID filter, once added, may not come out empty: that would read every customer's transactions. */
export const transactionFiltersWidening = { customerId: "reads every customer's transactions" };
