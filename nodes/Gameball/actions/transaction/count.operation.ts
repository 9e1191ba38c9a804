import { requestOperation } from '../../helpers/requestOperation';
import { transactionFilters } from './transactionFilters';

export const count = requestOperation({
	value: 'count',
	name: 'Count',
	action: 'Count transactions',
	endpoint: 'GET /transactions/count',
	optional: transactionFilters,
	sendIn: 'qs',
});
