import { customerIdParam, identityOptions, lineItemsOption, merchantOption, stringParam } from '../../helpers/fields';
import { amountParam } from '../../helpers/purchase';
import { requestOperation } from '../../helpers/requestOperation';

export const applyAutomatic = requestOperation({
	value: 'applyAutomatic',
	name: 'Apply Automatic',
	action: 'Apply the automatic coupons a cart qualifies for',
	endpoint: 'POST /coupons/automatic',
	required: [customerIdParam, stringParam('cartId', 'Cart ID', 'The cart to apply the coupons to')],
	optional: [
		...identityOptions,
		lineItemsOption,
		merchantOption,
		amountParam('totalPrice', 'Total Price', 'The cart total', false),
		amountParam('totalShipping', 'Total Shipping', 'The shipping fees', false),
	],
});
