import { orderIdPath } from './orderId';
import { requestOperation } from '../../helpers/requestOperation';

export const reverseTransactions = requestOperation({
	value: 'reverseTransactions',
	name: 'Reverse Transactions',
	action: 'Reverse all the transactions of an order',
	// Gameball's OpenAPI document names this path parameter `customerId`, but the path is `{orderId}`: it is the order.
	endpoint: 'DELETE /orders/{orderId}/transactions',
	path: [orderIdPath],
	notice:
		"Gameball's API reference describes this endpoint with another endpoint's text: that it reverses the order's transactions is read from its path, not from Gameball's documentation",
	// Reverses points: never repeated after an ambiguous failure.
	movesMoney: true,
});
