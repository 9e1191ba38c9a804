import { requestOperation } from '../../helpers/requestOperation';
import { transactionFilters, transactionFiltersWidening } from './transactionFilters';

export const count = requestOperation({
	value: 'count',
	name: 'Count',
	action: 'Count transactions',
	endpoint: 'GET /transactions/count',
	optional: transactionFilters,
	widensWhenEmpty: transactionFiltersWidening,
	sendIn: 'qs',
});
