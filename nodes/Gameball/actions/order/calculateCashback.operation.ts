import { identityOptions, lineItemsOption, merchantOption } from '../../helpers/fields';
import { amountParam, optionalCustomerId, totalPaidParam } from '../../helpers/purchase';
import { requestOperation } from '../../helpers/requestOperation';

export const calculateCashback = requestOperation({
	value: 'calculateCashback',
	name: 'Calculate Cashback',
	action: 'Calculate the cashback an order would earn',
	endpoint: 'POST /orders/cashback',
	changesNothing: true,
	required: [
		totalPaidParam,
		amountParam('totalDiscount', 'Total Discount', 'The discounts applied to the order'),
		amountParam('totalShipping', 'Total Shipping', 'The shipping fees'),
	],
	optional: [
		optionalCustomerId,
		...identityOptions,
		amountParam('totalPrice', 'Total Price', 'The order total before discounts', false),
		lineItemsOption,
		merchantOption,
	],
});
