import { transactionQuery } from '../../helpers/transactionFilters';

export const customerView = transactionQuery(
	'customerView',
	'Get Many (Customer View)',
	'Get many transactions as the customer sees them',
	'GET /transactions/customer-view',
	{ itemsKey: 'transactions', cursorKey: 'gameballTransactionId' },
);
