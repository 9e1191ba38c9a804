import { lineItemsOption, stringParam } from '../../helpers/fields';
import { orderAmountOptions, trackedPurchaseFields } from '../../helpers/purchase';
import { requestOperation } from '../../helpers/requestOperation';

export const track = requestOperation({
	value: 'track',
	name: 'Track',
	action: 'Track an order and reward its cashback',
	endpoint: 'POST /orders',
	...trackedPurchaseFields('order', [
		stringParam('cartId', 'Cart ID', 'The cart the order was placed from', false),
		...orderAmountOptions,
		lineItemsOption,
	]),
	movesMoney: true,
	batch: {
		kind: 'orders',
		// The batch form takes only the order's identity, date and amount.
		drops: [
			...['lineItems', 'redemption', 'merchant', 'extra', 'cashbackConfigurations', 'cartId', 'guest', 'channel'],
			...['totalPrice', 'totalDiscount', 'totalShipping', 'totalTax', 'email', 'mobile'],
		],
		toItem: ({ body = {} }) => ({
			customerId: body.customerId,
			orderId: body.orderId,
			orderDate: body.orderDate,
			totalPaid: body.totalPaid,
		}),
	},
});
