import { customerIdParam, identityOptions, stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';
import { couponCodesParam } from './checkOptions';

export const burn = requestOperation({
	value: 'burn',
	name: 'Burn',
	action: 'Mark coupons as used by a customer',
	endpoint: 'POST /coupons/burn',
	required: [customerIdParam],
	optional: [
		...identityOptions,
		{ ...couponCodesParam, required: false, description: 'Comma-separated coupon codes to burn. Set exactly one of Coupon Codes or Lock Reference.' },
		stringParam('lockReference', 'Lock Reference', 'Burn the coupons locked under this reference. Set exactly one of Coupon Codes or Lock Reference.', false),
		stringParam('transactionId', 'Transaction ID', 'The order or transaction the coupons were used in', false),
		{ displayName: 'Transaction Time', name: 'transactionTime', type: 'dateTime', default: '', description: 'When the coupons were used; sent in UTC' },
	],
	onlyOneOf: ['coupons', 'lockReference'],
	// Coupon Codes added beside a Lock Reference but empty would burn every coupon of the lock.
	widensWhenEmpty: { coupons: 'burns every coupon locked under the Lock Reference, if one is given' },
	lists: ['coupons'],
	// Using a coupon up cannot be undone: never repeated after an ambiguous failure.
	movesMoney: true,
});
