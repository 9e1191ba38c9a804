import type { IDataObject } from 'n8n-workflow';

import { requestOperation } from '../../helpers/requestOperation';

export const updateCouponSettings = requestOperation({
	value: 'updateCouponSettings',
	name: 'Update Coupon Settings',
	action: 'Update the coupon reward settings of the program',
	endpoint: 'PUT /configurations/rewards/coupons',
	optional: [
		{ displayName: 'Enabled', name: 'enabled', type: 'boolean', default: true, description: 'Whether coupon rewards are on' },
		{
			displayName: 'Coupon Types',
			name: 'couponTypes',
			type: 'string',
			default: '',
			placeholder: 'fixed, percentage, freeShipping',
			description: "Comma-separated coupon types to offer, as Gameball names them (such as fixed, percentage, freeProduct, freeShipping: the document lists none)",
		},
		{
			displayName: 'Maximum Coupons',
			name: 'maximumCoupons',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: "Gameball's document does not say what this caps, nor what 0 means: type the number you mean rather than leave the 0 shown",
		},
		{ displayName: 'Default Expiry (Days)', name: 'defaultExpiryDays', type: 'number', typeOptions: { minValue: 1 }, default: 30, description: 'Days a new coupon stays valid when nothing else is set' },
		{ displayName: 'Maximum Expiry (Days)', name: 'maxExpiryDays', type: 'number', typeOptions: { minValue: 1 }, default: 365, description: 'The longest validity a coupon may be given, in days' },
	],
	lists: ['couponTypes'],
	needsAField: true,
	rejectIf: ({ defaultExpiryDays, maxExpiryDays }) =>
		typeof defaultExpiryDays === 'number' && typeof maxExpiryDays === 'number' && defaultExpiryDays > maxExpiryDays
			? `"Default Expiry (Days)" (${defaultExpiryDays}) is more than "Maximum Expiry (Days)" (${maxExpiryDays})`
			: undefined,
	shape: ({ defaultExpiryDays, maxExpiryDays, ...fields }) => {
		const expirationSettings: IDataObject = {};
		if (defaultExpiryDays !== undefined) expirationSettings.defaultExpiryDays = defaultExpiryDays;
		if (maxExpiryDays !== undefined) expirationSettings.maxExpiryDays = maxExpiryDays;
		return Object.keys(expirationSettings).length ? { ...fields, expirationSettings } : fields;
	},
});
