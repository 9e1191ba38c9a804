import type { INodeProperties } from 'n8n-workflow';

/** Configuration reads that can be narrowed to what applies to one customer. */
export const forCustomerFilter: INodeProperties = {
	displayName: 'Customer ID',
	name: 'customerId',
	type: 'string',
	default: '',
	description: 'Return only what applies to this customer (e.g. the rules of their tier)',
};
