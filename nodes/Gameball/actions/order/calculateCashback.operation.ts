import { identityOptions } from '../../helpers/fields';
import { amountParam, lineItemsArray, merchantObject, optionalCustomerId, totalPaidParam } from '../../helpers/purchase';
import { requestOperation } from '../../helpers/requestOperation';

export const calculateCashback = requestOperation({
	value: 'calculateCashback',
	name: 'Calculate Cashback',
	action: 'Calculate the cashback an order would earn',
	endpoint: 'POST /orders/cashback',
	required: [
		totalPaidParam,
		amountParam('totalDiscount', 'Total Discount', 'The discounts applied to the order'),
		amountParam('totalShipping', 'Total Shipping', 'The shipping fees'),
	],
	optional: [
		optionalCustomerId,
		...identityOptions,
		amountParam('totalPrice', 'Total Price', 'The order total before discounts', false),
		lineItemsArray,
		merchantObject,
	],
});
