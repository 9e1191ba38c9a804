import { requestOperation } from '../../helpers/requestOperation';
import { transactionFilters } from './transactionFilters';

export const customerView = requestOperation({
	value: 'customerView',
	name: 'Get Many (Customer View)',
	action: 'Get many transactions as the customer sees them',
	endpoint: 'GET /transactions/customer-view',
	optional: transactionFilters,
	sendIn: 'qs',
	list: { itemsKey: 'transactions', cursorKey: 'gameballTransactionId' },
});
