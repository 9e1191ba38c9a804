import { transactionQuery } from '../../helpers/transactionFilters';

export const list = transactionQuery('list', 'Get Many', 'Get many transactions', 'GET /transactions', {
	itemsKey: 'transactions',
	cursorKey: 'gameballTransactionId',
});
