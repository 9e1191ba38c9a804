import { requestOperation } from '../../helpers/requestOperation';
import { transactionFilters, transactionFiltersWidening } from './transactionFilters';

export const list = requestOperation({
	value: 'list',
	name: 'Get Many',
	action: 'Get many transactions',
	endpoint: 'GET /transactions',
	optional: transactionFilters,
	widensWhenEmpty: transactionFiltersWidening,
	sendIn: 'qs',
	list: { itemsKey: 'transactions', cursorKey: 'gameballTransactionId' },
});
