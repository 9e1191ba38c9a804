/** The simulated account's reward campaigns and redemption rules. */

export type CampaignType = 'EventBased' | 'SocialMedia' | 'Stamps' | 'DailyStreak' | 'SignUp';

export interface CampaignDefinition {
	id: number;
	name: string;
	type: CampaignType;
	description: string;
	/** The event that counts towards this campaign (EventBased, Stamps, DailyStreak). */
	eventName?: string;
	/** Sends of the event (or streak days) needed for one achievement. */
	requiredCount: number;
	points: number;
	maxAchievement: number;
	isRepeatable: boolean;
	/** A redemption rule whose coupon is given on achievement (Stamps). */
	couponRuleId?: number;
	/** Metadata the event must carry: it counts when it matches at least one entry (all of that entry's keys). */
	conditions?: Array<Record<string, string | number | boolean>>;
	minTierOrder: number;
	icon: string;
}

export interface RedemptionRule {
	id: number;
	name: string;
	couponType: 'fixed' | 'percentage' | 'shipping' | 'product';
	discountValue: number;
	pointsToRedeem: number;
	minOrderValue: number;
	expiryAfterDays: number;
	isActive: boolean;
}

const ICON_BASE = 'https://cdn.gameball.co/uploads/gb-library';

export function defaultCampaigns(): CampaignDefinition[] {
	return [
		{ id: 101, name: 'Write a review', type: 'EventBased', description: 'Review a product you bought', eventName: 'write_review', requiredCount: 1, points: 25, maxAchievement: 5, isRepeatable: true, minTierOrder: 1, icon: `${ICON_BASE}/campaigns/review.webp` },
		{ id: 102, name: 'Join the newsletter', type: 'EventBased', description: 'Subscribe to our newsletter', eventName: 'subscribe_newsletter', requiredCount: 1, points: 10, maxAchievement: 1, isRepeatable: false, minTierOrder: 1, icon: `${ICON_BASE}/campaigns/newsletter.webp` },
		{ id: 104, name: 'Follow us on Instagram', type: 'SocialMedia', description: 'Follow our Instagram account', requiredCount: 1, points: 15, maxAchievement: 1, isRepeatable: false, minTierOrder: 1, icon: `${ICON_BASE}/campaigns/instagram.webp` },
		{ id: 105, name: 'Coffee stamps', type: 'Stamps', description: 'Buy 5 coffees, get one free', eventName: 'purchase_coffee', requiredCount: 5, points: 0, maxAchievement: 10, isRepeatable: true, couponRuleId: 3, minTierOrder: 1, icon: `${ICON_BASE}/campaigns/stamps.webp` },
		{ id: 106, name: 'Daily check-in', type: 'DailyStreak', description: 'Check in 3 days in a row', eventName: 'daily_check_in', requiredCount: 3, points: 5, maxAchievement: 100, isRepeatable: true, minTierOrder: 1, icon: `${ICON_BASE}/campaigns/streak.webp` },
		{ id: 107, name: 'Gold members: share a wishlist', type: 'EventBased', description: 'Share your wishlist', eventName: 'share_wishlist', requiredCount: 1, points: 40, maxAchievement: 3, isRepeatable: true, minTierOrder: 3, icon: `${ICON_BASE}/campaigns/wishlist.webp` },
		{ id: 108, name: 'Rate our app 5 stars', type: 'EventBased', description: 'Give the app a 5-star rating', eventName: 'rate_app', conditions: [{ rating: 5 }], requiredCount: 1, points: 15, maxAchievement: 1, isRepeatable: false, minTierOrder: 1, icon: `${ICON_BASE}/campaigns/rating.webp` },
	];
}

export function defaultRedemptionRules(): RedemptionRule[] {
	return [
		{ id: 1, name: '$5 off', couponType: 'fixed', discountValue: 5, pointsToRedeem: 50, minOrderValue: 20, expiryAfterDays: 30, isActive: true },
		{ id: 2, name: '10% off', couponType: 'percentage', discountValue: 10, pointsToRedeem: 150, minOrderValue: 0, expiryAfterDays: 30, isActive: true },
		{ id: 3, name: 'Free coffee', couponType: 'product', discountValue: 4, pointsToRedeem: 40, minOrderValue: 0, expiryAfterDays: 14, isActive: true },
		{ id: 4, name: 'Free shipping', couponType: 'shipping', discountValue: 0, pointsToRedeem: 30, minOrderValue: 0, expiryAfterDays: 30, isActive: true },
	];
}

/** Events the account defines beyond its campaigns' own: `place_order` is Gameball's order event. */
export const OTHER_EVENT_NAMES = ['place_order'];

/** The documented campaign `type`: stamps and daily streaks are driven by events. */
export function documentedCampaignType(type: CampaignType): string {
	return type === 'Stamps' || type === 'DailyStreak' ? 'EventBased' : type;
}

/** Redemption rule values as the OpenAPI describes them, by the simulator's coupon type. */
export const COUPON_TYPE_NAMES: Record<RedemptionRule['couponType'], { ruleType: string; couponType: string; customerCouponType: string; previewCouponType: string }> = {
	fixed: { ruleType: 'fixed_rate_settings', couponType: 'fixed_rate_discount', customerCouponType: 'Fixed Rate Discount', previewCouponType: 'Fixed' },
	percentage: { ruleType: 'percentage_discount_settings', couponType: 'percentage_discount', customerCouponType: 'Percentage', previewCouponType: 'Percentage' },
	shipping: { ruleType: 'free_shipping_settings', couponType: 'free_shipping', customerCouponType: 'Free Shipping', previewCouponType: 'FreeShipping' },
	product: { ruleType: 'free_product_settings', couponType: 'free_product', customerCouponType: 'Free Product', previewCouponType: 'FreeProduct' },
};

/** A rule's coupon as the configuration endpoints describe it (`couponReward`, `coupon`). */
export function couponRewardView(rule: RedemptionRule): Record<string, unknown> {
	return {
		couponType: COUPON_TYPE_NAMES[rule.couponType].couponType,
		discountValue: rule.discountValue,
		collections: [],
		product: { productId: null, productName: null, productDisplayName: null, variantId: null, variantName: null },
		options: { name: rule.name, capping: null, codePrefix: 'GB', expiryAfter: rule.expiryAfterDays, minOrderValue: rule.minOrderValue, usageLimit: 1, redeemInstructions: null },
		group: { title: rule.name, handle: null, description: null, iconPath: null, url: null, isActive: rule.isActive, isAvailable: rule.isActive, maxPerCustomer: null, startDate: null, expiryDate: null },
	};
}

export function tierIcon(order: number): string {
	return `${ICON_BASE}/levels-icons/level-a${order}.webp`;
}
