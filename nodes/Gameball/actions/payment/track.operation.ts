import { customerIdParam, identityOptions, stringParam } from '../../helpers/fields';
import {
	cashbackConfigurationsOption,
	channelOption,
	dateParam,
	extraOption,
	guestOption,
	merchantObject,
	redemptionOption,
	totalPaidParam,
} from '../../helpers/purchase';
import { requestOperation } from '../../helpers/requestOperation';
import { paymentAmountOptions, paymentDetailsOption } from './paymentFields';

export const track = requestOperation({
	value: 'track',
	name: 'Track',
	action: 'Track a payment and reward its cashback',
	endpoint: 'POST /payments',
	required: [
		customerIdParam,
		stringParam('paymentId', 'Payment ID', 'Your unique ID for the payment. Gameball rejects a repeated ID, which makes retries safe.'),
		dateParam('paymentDate', 'Payment Date'),
		totalPaidParam,
	],
	optional: [
		...identityOptions,
		guestOption,
		channelOption,
		...paymentAmountOptions,
		paymentDetailsOption,
		merchantObject,
		extraOption,
		redemptionOption,
		cashbackConfigurationsOption,
	],
	idempotencyKey: 'paymentId',
	movesMoney: true,
});
