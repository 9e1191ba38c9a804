import { orderIdPath } from './orderId';
import { requestOperation } from '../../helpers/requestOperation';

export const getTransactions = requestOperation({
	value: 'getTransactions',
	name: 'Get Transactions',
	action: 'Get the rewards, redemptions and refunds of an order',
	endpoint: 'GET /orders/{orderId}/transactions',
	path: [orderIdPath],
	// `count` is the number of transactions; a transaction does not name its order, so each item carries it.
	entries: { key: 'transactions', tag: ({ pathParams = {} }) => ({ orderId: String(pathParams.orderId) }) },
	batch: {
		kind: 'orders/transactions',
		// This batch kind takes bare order IDs, not objects.
		toItem: ({ pathParams = {} }) => String(pathParams.orderId),
		answeredBy: ['transactions'],
	},
});
