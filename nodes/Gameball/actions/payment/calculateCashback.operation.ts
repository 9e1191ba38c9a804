import { identityOptions, merchantOption } from '../../helpers/fields';
import { optionalCustomerId, totalPaidParam } from '../../helpers/purchase';
import { requestOperation } from '../../helpers/requestOperation';
import { paymentAmountOptions, paymentDetailsOption } from './paymentFields';

export const calculateCashback = requestOperation({
	value: 'calculateCashback',
	name: 'Calculate Cashback',
	action: 'Calculate the cashback a payment would earn',
	endpoint: 'POST /payments/cashback',
	changesNothing: true,
	// Gameball requires no field here, but a quote without the amount paid means nothing.
	required: [totalPaidParam],
	optional: [optionalCustomerId, ...identityOptions, ...paymentAmountOptions, paymentDetailsOption, merchantOption],
});
