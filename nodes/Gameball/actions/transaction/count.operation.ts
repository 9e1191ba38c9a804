import { transactionQuery } from '../../helpers/transactionFilters';

export const count = transactionQuery('count', 'Count', 'Count transactions', 'GET /transactions/count');
