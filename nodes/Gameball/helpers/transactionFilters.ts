import type { Endpoint, GameballOperation, ListSpec } from '../actions/operation';
import { readAdditional } from './fields';

/** Listing and counting transactions share these filters. */
export function transactionQuery(
	value: string,
	name: string,
	action: string,
	endpoint: Endpoint,
	list?: ListSpec,
): GameballOperation {
	return {
		value,
		name,
		action,
		endpoint,
		list,
		properties: [
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '' },
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						default: '+',
						options: [
							{ name: 'Earned (+)', value: '+' },
							{ name: 'Spent (-)', value: '-' },
						],
					},
					{
						displayName: 'Status',
						name: 'status',
						type: 'options',
						default: 'Active',
						options: ['Active', 'Blocked', 'Expired', 'Pending'].map((status) => ({ name: status, value: status })),
					},
				],
			},
		],
		build(itemIndex) {
			return { qs: readAdditional(this, itemIndex, [], 'filters') };
		},
	};
}
