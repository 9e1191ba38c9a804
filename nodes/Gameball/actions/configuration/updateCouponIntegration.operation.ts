import type { INodeProperties } from 'n8n-workflow';

import { jsonOption, stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

const couponKinds = ['FixedRate', 'FreeProduct', 'FreeShipping', 'Percentage'];

const enableOptions = couponKinds.map(
	(kind): INodeProperties => ({
		displayName: `Enable ${kind.replace(/([a-z])([A-Z])/g, '$1 $2')}`,
		name: `enable${kind}`,
		type: 'boolean',
		default: false,
		description: `Whether Gameball may create ${kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} coupons`,
	}),
);

export const updateCouponIntegration = requestOperation({
	value: 'updateCouponIntegration',
	name: 'Update Coupon Integration',
	action: 'Update the coupon integration settings',
	endpoint: 'PUT /configurations/coupon',
	required: [
		{
			displayName: 'Method',
			name: 'method',
			type: 'options',
			default: 'POST',
			required: true,
			description: 'The HTTP method Gameball calls your coupon endpoint with',
			options: ['GET', 'POST', 'PUT'].map((method) => ({ name: method, value: method })),
		},
		stringParam('url', 'URL', 'Your endpoint that creates coupons'),
	],
	optional: [
		...enableOptions,
		jsonOption('couponMapping', 'Coupon Mapping (JSON)', 'object', 'Your names for each coupon type, e.g. {"fixed": "fixed_amount", "percentage": "percent"}'),
		jsonOption('headers', 'Headers (JSON)', 'array', 'Headers to send, e.g. [{"key": "X-Token", "value": "…"}]'),
		jsonOption('queryParams', 'Query Parameters (JSON)', 'array', 'Query parameters to send, e.g. [{"key": "store", "value": "main"}]'),
		jsonOption('platforms', 'Platforms (JSON)', 'array', 'E.g. [{"displayName": "Web", "value": "web"}]'),
		stringParam('payload', 'Payload', 'The body template Gameball sends', false),
	],
});
