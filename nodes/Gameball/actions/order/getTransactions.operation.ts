import { orderIdPath } from './orderId';
import { requestOperation } from '../../helpers/requestOperation';

export const getTransactions = requestOperation({
	value: 'getTransactions',
	name: 'Get Transactions',
	action: 'Get the rewards, redemptions and refunds of an order',
	endpoint: 'GET /orders/{orderId}/transactions',
	path: [orderIdPath],
	batch: {
		kind: 'orders/transactions',
		// This batch kind takes bare order IDs, not objects.
		toItem: ({ pathParams = {} }) => String(pathParams.orderId),
	},
});
