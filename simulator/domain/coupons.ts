/** Coupons: generation from redemption rules, validation with locks, burning, release and automatic discounts. */
import { randomBytes } from 'crypto';
import { badRequest, ERROR_CODES, GameballError, insufficientPoints, onlyOneOf } from '../errors';
import type { Coupon, CouponLock, Customer } from '../state';
import { round2, type Account } from './account';
import { COUPON_TYPE_NAMES } from './catalog';

type Json = Record<string, unknown>;

const DEFAULT_LOCK_MINUTES = 10;

export function issueCoupon(account: Account, customer: Customer, ruleId: number, chargePoints: boolean): Coupon {
	const rule = account.state.config.redemptionRules.find((candidate) => candidate.id === ruleId && candidate.isActive);
	if (!rule) throw new GameballError(404, ERROR_CODES.configurationNotFound, `Redemption rule '${ruleId}' was not found`);
	if (chargePoints) {
		const available = account.availablePoints(customer);
		if (available < rule.pointsToRedeem) throw insufficientPoints(available, rule.pointsToRedeem);
	}
	const now = account.now();
	const coupon: Coupon = {
		code: `GB-${rule.couponType.slice(0, 3).toUpperCase()}-${account.state.nextId('coupon')}${randomBytes(2).toString('hex').toUpperCase()}`,
		customerId: customer.customerId,
		name: rule.name,
		type: rule.couponType,
		value: rule.discountValue,
		minOrderValue: rule.minOrderValue,
		capping: 0,
		usageLimit: 1,
		usedCount: 0,
		startDate: now.toISOString(),
		expiryDate: new Date(now.getTime() + rule.expiryAfterDays * 86_400_000).toISOString(),
		pin: String(1000 + (account.state.nextId('coupon') % 9000)),
		ruleId: rule.id,
	};
	account.state.coupons.set(coupon.code, coupon);
	if (chargePoints) {
		account.applyMovement({ customer, type: 'DiscountCode', points: -rule.pointsToRedeem, amount: account.valueOfPoints(rule.pointsToRedeem), couponCode: coupon.code, reason: `Coupon ${rule.name}` });
	}
	return coupon;
}

export function predefinedCoupon(account: Account, body: Json): Json {
	const customer = account.getCustomer(String(body.customerId));
	const coupon = issueCoupon(account, customer, Number(body.ruleId), true);
	return { code: coupon.code, pin: coupon.pin, url: `https://sim.gameball.local/coupons/${coupon.code}`, startDate: coupon.startDate, expiryDate: coupon.expiryDate };
}

function isExpired(account: Account, coupon: Coupon): boolean {
	return Date.parse(coupon.expiryDate) <= account.now().getTime();
}

function releaseStaleLock(account: Account, coupon: Coupon): void {
	if (coupon.lockReference && coupon.lockExpiresAt && Date.parse(coupon.lockExpiresAt) <= account.now().getTime()) {
		coupon.lockReference = undefined;
		coupon.lockExpiresAt = undefined;
	}
}

/** Why a coupon cannot be used now by this customer, or undefined when it can. */
function unusableReason(account: Account, coupon: Coupon | undefined, customerId: string, totalPurchaseAmount: number | undefined, lockReference?: string): string | undefined {
	if (!coupon) return 'not found';
	releaseStaleLock(account, coupon);
	if (coupon.customerId && coupon.customerId !== customerId) return 'belongs to another customer';
	if (coupon.usedCount >= coupon.usageLimit) return 'already used';
	if (isExpired(account, coupon)) return 'expired';
	if (coupon.lockReference && coupon.lockReference !== lockReference) return 'locked by another transaction';
	if (totalPurchaseAmount !== undefined && totalPurchaseAmount < coupon.minOrderValue) return `requires a minimum order of ${coupon.minOrderValue}`;
	return undefined;
}

function couponDetails(coupon: Coupon): Json {
	return {
		code: coupon.code,
		type: coupon.type,
		value: coupon.value,
		minOrderValue: coupon.minOrderValue,
		capping: coupon.capping,
		usageLimit: coupon.usageLimit,
		limitPerCustomer: 1,
		minReward: 0,
		startDate: coupon.startDate,
		expiryDate: coupon.expiryDate,
		entitledCollectionIds: [],
		entitledMerchantIds: [],
		entitledProductIds: [],
		entitledVariantIds: [],
		combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
	};
}

function lockCoupons(account: Account, customerId: string, coupons: Coupon[], body: Json): { lockReference: string; dateToExpire: string } | undefined {
	if (body.lock !== true) return undefined;
	const minutes = typeof body.lockDuration === 'number' && body.lockDuration > 0 ? body.lockDuration : DEFAULT_LOCK_MINUTES;
	const lockReference = typeof body.lockReference === 'string' && body.lockReference !== '' ? body.lockReference : `LOCK-${account.state.nextId('lock')}-${randomBytes(3).toString('hex')}`;
	const expiresAt = new Date(account.now().getTime() + minutes * 60_000).toISOString();
	const lock: CouponLock = { lockReference, codes: coupons.map((coupon) => coupon.code), customerId, expiresAt, released: false };
	account.state.couponLocks.set(lockReference, lock);
	for (const coupon of coupons) {
		coupon.lockReference = lockReference;
		coupon.lockExpiresAt = expiresAt;
	}
	return { lockReference, dateToExpire: expiresAt };
}

export function validateCoupons(account: Account, body: Json, singleCode?: string): Json {
	const customer = account.getCustomer(String(body.customerId));
	const codes = singleCode !== undefined ? [singleCode] : ((body.coupons as string[]) ?? []);
	if (codes.length === 0) throw badRequest(ERROR_CODES.invalidValue, 'coupons must list at least one code');
	const total = typeof body.totalPurchaseAmount === 'number' ? body.totalPurchaseAmount : undefined;
	const requestedLock = typeof body.lockReference === 'string' ? body.lockReference : undefined;
	const found = codes.map((code) => account.state.coupons.get(code));
	const reasons = found.map((coupon) => unusableReason(account, coupon, customer.customerId, total, requestedLock));
	const valid = reasons.every((reason) => reason === undefined);
	const usable = found.filter((coupon, index): coupon is Coupon => coupon !== undefined && reasons[index] === undefined);
	const lock = valid ? lockCoupons(account, customer.customerId, usable, body) : undefined;
	// Gameball's answer says only `valid`, not why a coupon is not: no reason is made up here.
	const common = { valid, lockReference: lock?.lockReference ?? '', dateToExpire: lock?.dateToExpire ?? '' };
	if (singleCode !== undefined) return { ...common, coupon: found[0] && reasons[0] === undefined ? couponDetails(found[0]) : null };
	return { ...common, coupons: usable.map(couponDetails) };
}

function checkBurnable(account: Account, customer: Customer, coupons: Coupon[], lockReference: string | undefined): void {
	for (const coupon of coupons) {
		const reason = unusableReason(account, coupon, customer.customerId, undefined, lockReference ?? coupon.lockReference);
		if (reason) throw badRequest(ERROR_CODES.couponNotUsable, `Coupon ${coupon.code} cannot be burned: ${reason}`);
	}
}

function burn(account: Account, customer: Customer, coupons: Coupon[], lockReference: string | undefined): string {
	checkBurnable(account, customer, coupons, lockReference);
	return applyBurn(account, customer, coupons, lockReference);
}

function applyBurn(account: Account, customer: Customer, coupons: Coupon[], lockReference: string | undefined): string {
	const burnedAt = account.now().toISOString();
	for (const coupon of coupons) {
		coupon.usedCount += 1;
		coupon.burnedAt = burnedAt;
		coupon.lockReference = undefined;
		coupon.lockExpiresAt = undefined;
		account.addActivity(customer, 'Redemption', { reason: `Coupon ${coupon.code} used` });
	}
	if (lockReference) account.state.couponLocks.delete(lockReference);
	return burnedAt;
}

function couponsToBurn(account: Account, codes: unknown, lockReference: string | undefined): Coupon[] {
	const wanted = new Set<string>(Array.isArray(codes) ? (codes as string[]) : []);
	if (lockReference) {
		const lock = account.state.couponLocks.get(lockReference);
		if (!lock) throw new GameballError(404, ERROR_CODES.lockNotFound, `Lock '${lockReference}' was not found`);
		for (const code of lock.codes) wanted.add(code);
	}
	return [...wanted].map((code) => {
		const coupon = account.state.coupons.get(code);
		if (!coupon) throw new GameballError(404, ERROR_CODES.couponNotFound, `Coupon '${code}' was not found`);
		return coupon;
	});
}

export function burnCoupons(account: Account, body: Json): Json {
	onlyOneOf(body, ['coupons', 'lockReference']);
	const customer = account.getCustomer(String(body.customerId));
	const lockReference = typeof body.lockReference === 'string' && body.lockReference !== '' ? body.lockReference : undefined;
	const coupons = couponsToBurn(account, body.coupons, lockReference);
	if (coupons.length === 0) throw badRequest(ERROR_CODES.missingField, 'Either coupons or lockReference is required');
	return { success: true, burnedAt: burn(account, customer, coupons, lockReference) };
}

/**
 * Checks the coupons an order or payment says it used, and answers how to burn them: the order applies nothing
 * (its points hold included) until every coupon has passed.
 */
export function prepareCouponBurn(account: Account, customer: Customer, redemption: Json): () => void {
	const lockReference = typeof redemption.couponsLockReference === 'string' && redemption.couponsLockReference !== '' ? redemption.couponsLockReference : undefined;
	const codes = Array.isArray(redemption.couponCodes) ? redemption.couponCodes : [];
	if (!lockReference && codes.length === 0) return () => undefined;
	const coupons = couponsToBurn(account, codes, lockReference);
	// Gameball: "Coupon codes must be locked before they can be used for redemption."
	for (const coupon of coupons) {
		releaseStaleLock(account, coupon);
		if (!coupon.lockReference) throw badRequest(ERROR_CODES.couponNotUsable, `Coupon ${coupon.code} cannot be redeemed: it must be locked first (validate it with lock)`);
	}
	checkBurnable(account, customer, coupons, lockReference);
	return () => void applyBurn(account, customer, coupons, lockReference);
}

export function releaseLock(account: Account, lockReference: string): Json {
	const lock = account.state.couponLocks.get(lockReference);
	if (!lock || lock.released) throw new GameballError(404, ERROR_CODES.lockNotFound, `Lock '${lockReference}' was not found`);
	lock.released = true;
	const released: string[] = [];
	for (const code of lock.codes) {
		const coupon = account.state.coupons.get(code);
		if (coupon?.lockReference === lockReference) {
			coupon.lockReference = undefined;
			coupon.lockExpiresAt = undefined;
			released.push(code);
		}
	}
	account.state.couponLocks.delete(lockReference);
	return { success: true, releasedAt: account.now().toISOString(), releasedCoupons: released };
}

/** The account's automatic promotion: 10% off carts of 100 or more (items priced, quantity-aware). */
export function automaticCoupon(account: Account, body: Json): Json {
	account.getCustomer(String(body.customerId));
	const items = ((body.lineItems as Json[] | undefined) ?? []).map((item) => ({
		productId: String(item.productId ?? item.sku ?? ''),
		price: Number(item.price ?? 0),
		quantity: Number(item.quantity ?? 1),
	}));
	const itemsTotal = items.reduce((total, item) => total + item.price * item.quantity, 0);
	const totalPrice = typeof body.totalPrice === 'number' ? body.totalPrice : itemsTotal;
	if (totalPrice < 100) return { isApplied: false, couponName: '', discountType: '', discountAmount: 0, discountedItems: [] };
	const discountedItems = items.map((item) => ({ ...item, discount: round2(item.price * item.quantity * 0.1) }));
	const discountAmount = items.length > 0 ? round2(discountedItems.reduce((total, item) => total + item.discount, 0)) : round2(totalPrice * 0.1);
	return { isApplied: true, couponName: 'Spend 100, save 10%', discountType: 'percentage', discountAmount, discountedItems };
}

export function customerCoupons(account: Account, customer: Customer): Json {
	const coupons = [...account.state.coupons.values()].filter((coupon) => coupon.customerId === customer.customerId);
	return {
		coupons: coupons.map((coupon) => {
			releaseStaleLock(account, coupon);
			const expired = isExpired(account, coupon);
			return {
				code: coupon.code,
				name: coupon.name,
				type: COUPON_TYPE_NAMES[coupon.type].customerCouponType,
				value: coupon.value,
				currency: account.state.config.currency,
				startDate: coupon.startDate,
				expiryDate: coupon.expiryDate,
				isExpired: expired,
				isActive: !expired,
				isAvailableToUse: !expired && coupon.usedCount < coupon.usageLimit && !coupon.lockReference,
				usageLimit: coupon.usageLimit,
				usedCount: coupon.usedCount,
				customerUsedCount: coupon.usedCount,
				limitPerCustomer: 1,
				// Every coupon here comes from a redemption rule or a campaign: a reward.
				target: 'Reward',
				iconPath: `https://cdn.gameball.co/uploads/gb-library/coupons/${coupon.type}.webp`,
			};
		}),
	};
}
