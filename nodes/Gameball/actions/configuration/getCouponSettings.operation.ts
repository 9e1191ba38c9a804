import { requestOperation } from '../../helpers/requestOperation';

export const getCouponSettings = requestOperation({
	value: 'getCouponSettings',
	name: 'Get Coupon Settings',
	action: 'Get the coupon reward settings of the program',
	endpoint: 'GET /configurations/rewards/coupons',
});
