import type { INodeProperties } from 'n8n-workflow';

import { customerIdParam, identityOptions, jsonOption, merchantOption, stringParam } from './fields';

/** Fields that orders and payments share, for tracking them and for quoting their cashback. */

/** A money amount: never negative (Gameball's contract says so wherever it gives a minimum). */
export function amountParam(name: string, displayName: string, description: string, required = true): INodeProperties {
	return { displayName, name, type: 'number', typeOptions: { minValue: 0 }, default: 0, required: required || undefined, description };
}

export function dateParam(name: string, displayName: string): INodeProperties {
	return { displayName, name, type: 'dateTime', default: '', description: 'When it happened. Leave empty for now.' };
}

export const totalPaidParam = amountParam('totalPaid', 'Total Paid', 'The amount the customer actually paid, after discounts');

export const optionalCustomerId: INodeProperties = {
	displayName: 'Customer ID',
	name: 'customerId',
	type: 'string',
	default: '',
	// Gameball's cashback quotes consider the customer's tier only; reward previews add their campaigns.
	description: 'The customer, to apply their tier',
};

export const channelOption: INodeProperties = {
	displayName: 'Channel',
	name: 'channel',
	type: 'options',
	default: 'web',
	description: 'Where the purchase was made, for rewards that apply to one channel only',
	options: [
		{ name: 'Call Center', value: 'callcenter' },
		{ name: 'Mobile', value: 'mobile' },
		{ name: 'POS', value: 'pos' },
		{ name: 'Web', value: 'web' },
	],
};

export const guestOption: INodeProperties = {
	displayName: 'Guest',
	name: 'guest',
	type: 'boolean',
	default: false,
	description: 'Whether the customer checked out as a guest',
};

export const extraOption = jsonOption('extra', 'Extra (JSON)', 'object', 'Your own properties that reward campaigns can match, e.g. {"coupon": "SUMMER"}');

export const redemptionOption = jsonOption(
	'redemption',
	'Redemption (JSON)',
	'object',
	'What the customer redeemed, e.g. {"pointsHoldReference": "…", "couponsLockReference": "…"}. Coupons must be locked first (Coupon > Validate with Lock on): give the lock\'s reference, or the locked codes as "couponCodes".',
);

export const cashbackConfigurationsOption = jsonOption(
	'cashbackConfigurations',
	'Cashback Configurations (JSON)',
	'object',
	'E.g. {"returnWindow": 14}: days before the cashback points become spendable (0-7300)',
);

/** Total price, discount, shipping and tax, as optional amounts. */
export const orderAmountOptions: INodeProperties[] = [
	amountParam('totalPrice', 'Total Price', 'The order total before discounts', false),
	amountParam('totalDiscount', 'Total Discount', 'The discounts applied to the order', false),
	amountParam('totalShipping', 'Total Shipping', 'The shipping fees', false),
	amountParam('totalTax', 'Total Tax', 'The taxes of the order', false),
];

/**
 * The fields of tracking an order or a payment: its ID, date and amount paid, then the options both take, with
 * `ownOptions` (what only that kind of purchase has) after guest and channel.
 */
export function trackedPurchaseFields(purchase: 'order' | 'payment', ownOptions: INodeProperties[]) {
	const title = purchase === 'order' ? 'Order' : 'Payment';
	const idDescription = `Your unique ID for the ${purchase}. Gameball documents no duplicate check for it, so it is not sent again after a failure that leaves unclear whether it was applied.`;
	return {
		required: [
			customerIdParam,
			stringParam(`${purchase}Id`, `${title} ID`, idDescription),
			dateParam(`${purchase}Date`, `${title} Date`),
			totalPaidParam,
		],
		optional: [
			...identityOptions,
			guestOption,
			channelOption,
			...ownOptions,
			merchantOption,
			extraOption,
			redemptionOption,
			cashbackConfigurationsOption,
		],
	};
}
