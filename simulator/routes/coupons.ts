/** Coupon endpoints: predefined generation, validation (two forms), burn, lock release, automatic coupons. */
import { automaticCoupon, burnCoupons, predefinedCoupon, releaseLock, validateCoupons } from '../domain/coupons';
import { API, ok, type RouteTable } from './types';

export const couponRoutes: RouteTable = {
	[`POST ${API}/coupons/predefined`]: (context) => ok(predefinedCoupon(context.account, context.body)),
	[`POST ${API}/coupons/validate`]: (context) => ok(validateCoupons(context.account, context.body)),
	[`POST ${API}/coupons/{code}/validate`]: (context) => ok(validateCoupons(context.account, context.body, context.params.code)),
	[`POST ${API}/coupons/burn`]: (context) => ok(burnCoupons(context.account, context.body)),
	[`DELETE ${API}/coupons/{lockReference}`]: (context) => ok(releaseLock(context.account, context.params.lockReference)),
	[`POST ${API}/coupons/automatic`]: (context) => ok(automaticCoupon(context.account, context.body)),
};
