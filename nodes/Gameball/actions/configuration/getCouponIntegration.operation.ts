import { requestOperation } from '../../helpers/requestOperation';

export const getCouponIntegration = requestOperation({
	value: 'getCouponIntegration',
	name: 'Get Coupon Integration',
	action: 'Get how Gameball creates coupons in your store',
	endpoint: 'GET /configurations/coupon',
});
