import type { INodeProperties } from 'n8n-workflow';

import { jsonOption } from '../../helpers/fields';
import { amountParam } from '../../helpers/purchase';

export const paymentDetailsOption = jsonOption(
	'paymentDetails',
	'Payment Details (JSON)',
	'array',
	'Array of the services paid for, e.g. [{"serviceId": "s1", "serviceName": "Top-up", "amount": 50, "category": ["telecom"]}]',
);

/** The optional amounts of a payment. */
export const paymentAmountOptions: INodeProperties[] = [
	amountParam('totalAmount', 'Total Amount', 'The payment total before discounts', false),
	amountParam('totalDiscount', 'Total Discount', 'The discounts applied to the payment', false),
	amountParam('totalTax', 'Total Tax', 'The taxes of the payment', false),
	amountParam('totalProcessingFees', 'Total Processing Fees', 'The processing fees of the payment', false),
];
