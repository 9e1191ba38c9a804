import { trackedPurchaseFields } from '../../helpers/purchase';
import { requestOperation } from '../../helpers/requestOperation';
import { paymentAmountOptions, paymentDetailsOption } from './paymentFields';

export const track = requestOperation({
	value: 'track',
	name: 'Track',
	action: 'Track a payment and reward its cashback',
	endpoint: 'POST /payments',
	...trackedPurchaseFields('payment', [...paymentAmountOptions, paymentDetailsOption]),
	movesMoney: true,
});
