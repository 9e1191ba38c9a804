import { requestOperation } from '../../helpers/requestOperation';
import { transactionFilters, transactionFiltersWidening } from './transactionFilters';

export const customerView = requestOperation({
	value: 'customerView',
	name: 'Get Many (Customer View)',
	action: 'Get many transactions, each with its customer name, email and whether the customer was deleted',
	endpoint: 'GET /transactions/customer-view',
	optional: transactionFilters,
	widensWhenEmpty: transactionFiltersWidening,
	sendIn: 'qs',
	list: { itemsKey: 'transactions', cursorKey: 'gameballTransactionId' },
});
