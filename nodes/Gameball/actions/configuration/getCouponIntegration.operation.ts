import { requestOperation } from '../../helpers/requestOperation';

export const getCouponIntegration = requestOperation({
	value: 'getCouponIntegration',
	name: 'Get Coupon Integration',
	action: 'Get the coupon integration settings',
	endpoint: 'GET /configurations/coupon',
});
