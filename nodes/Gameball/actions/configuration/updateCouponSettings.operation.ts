import type { IDataObject } from 'n8n-workflow';

import { requestOperation } from '../../helpers/requestOperation';

export const updateCouponSettings = requestOperation({
	value: 'updateCouponSettings',
	name: 'Update Coupon Settings',
	action: 'Update the coupon reward settings of the program',
	endpoint: 'PUT /configurations/rewards/coupons',
	optional: [
		{ displayName: 'Enabled', name: 'enabled', type: 'boolean', default: true, description: 'Whether coupon rewards are on' },
		{ displayName: 'Coupon Types', name: 'couponTypes', type: 'string', default: '', placeholder: 'percentage, fixed', description: 'Comma-separated coupon types to offer' },
		{ displayName: 'Maximum Coupons', name: 'maximumCoupons', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
		{ displayName: 'Default Expiry (Days)', name: 'defaultExpiryDays', type: 'number', typeOptions: { minValue: 1 }, default: 30 },
		{ displayName: 'Maximum Expiry (Days)', name: 'maxExpiryDays', type: 'number', typeOptions: { minValue: 1 }, default: 365 },
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
