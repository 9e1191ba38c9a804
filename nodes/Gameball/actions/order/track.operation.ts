import { customerIdParam, identityOptions, stringParam } from '../../helpers/fields';
import {
	cashbackConfigurationsOption,
	channelOption,
	dateParam,
	extraOption,
	guestOption,
	lineItemsArray,
	merchantObject,
	orderAmountOptions,
	redemptionOption,
	totalPaidParam,
} from '../../helpers/purchase';
import { requestOperation } from '../../helpers/requestOperation';

export const track = requestOperation({
	value: 'track',
	name: 'Track',
	action: 'Track an order and reward its cashback',
	endpoint: 'POST /orders',
	required: [
		customerIdParam,
		stringParam('orderId', 'Order ID', 'Your unique ID for the order. Gameball rejects a repeated ID, which makes retries safe.'),
		dateParam('orderDate', 'Order Date'),
		totalPaidParam,
	],
	optional: [
		...identityOptions,
		guestOption,
		channelOption,
		stringParam('cartId', 'Cart ID', 'The cart the order was placed from', false),
		...orderAmountOptions,
		lineItemsArray,
		merchantObject,
		extraOption,
		redemptionOption,
		cashbackConfigurationsOption,
	],
	idempotencyKey: 'orderId',
	movesMoney: true,
	batch: {
		kind: 'orders',
		// The batch form takes only the order's identity, date and amount.
		toItem: ({ body = {} }) => ({
			customerId: body.customerId,
			orderId: body.orderId,
			orderDate: body.orderDate,
			totalPaid: body.totalPaid,
		}),
	},
});
