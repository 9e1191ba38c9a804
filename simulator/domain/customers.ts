/** Customer profiles: upsert, views and balances. */
import { badRequest, ERROR_CODES } from '../errors';
import type { Customer } from '../state';
import type { Account } from './account';

type Json = Record<string, unknown>;

const ATTRIBUTE_CONTACT_FIELDS = ['email', 'mobile', 'displayName'] as const;

/** Creates or updates a customer (Gameball's create is an upsert). Referral rewards apply on creation. */
export function upsertCustomer(account: Account, body: Json): { customer: Customer; created: boolean } {
	const customerId = String(body.customerId);
	let customer = account.findCustomer(customerId);
	const created = !customer;
	customer ??= account.createCustomer(customerId);
	const attributes = (body.customerAttributes as Json | undefined) ?? {};
	const email = (body.email ?? attributes.email) as string | undefined;
	const mobile = (body.mobile ?? attributes.mobile) as string | undefined;
	if (email !== undefined && email !== null) customer.email = email;
	if (mobile !== undefined && mobile !== null) customer.mobile = mobile;
	if (typeof attributes.displayName === 'string') customer.displayName = attributes.displayName;
	else if (!customer.displayName && (attributes.firstName || attributes.lastName)) {
		customer.displayName = [attributes.firstName, attributes.lastName].filter(Boolean).join(' ');
	}
	for (const [key, value] of Object.entries(attributes)) {
		if (value === undefined || value === null || (ATTRIBUTE_CONTACT_FIELDS as readonly string[]).includes(key)) continue;
		customer.attributes[key] = value;
	}
	if (typeof body.guest === 'boolean') customer.guest = body.guest;
	if (typeof body.deviceToken === 'string') customer.deviceToken = body.deviceToken;
	if (typeof body.osType === 'string') customer.osType = body.osType;
	if (created && typeof body.referrerCode === 'string' && body.referrerCode !== '') applyReferral(account, customer, body.referrerCode);
	account.markDirty(customer);
	return { customer, created };
}

function applyReferral(account: Account, customer: Customer, referrerCode: string): void {
	const referrer = account.findByReferralCode(referrerCode);
	if (!referrer || referrer.customerId === customer.customerId) return;
	customer.referredBy = referrer.customerId;
	const config = referralRewards();
	account.addActivity(customer, 'Referred', { reason: `Referred by ${referrer.customerId}` });
	account.addActivity(referrer, 'Referral', { reason: `Referred ${customer.customerId}` });
	// Gameball records referral rewards as AchievementReward ("... or makes a referral").
	account.applyMovement({ customer: referrer, type: 'AchievementReward', activityType: 'ReferralBonusReward', points: config.referrerPoints, reason: `Referral of ${customer.customerId}`, achievementName: 'Referral' });
	account.applyMovement({ customer, type: 'AchievementReward', activityType: 'ReferralBonusReward', points: config.friendPoints, reason: `Welcome from ${referrer.customerId}`, achievementName: 'Referral' });
}

export function referralRewards(): { referrerPoints: number; friendPoints: number } {
	return { referrerPoints: 50, friendPoints: 20 };
}

export function isValidReferrerCode(account: Account, referrerCode: string, forCustomerId?: string): boolean {
	const referrer = account.findByReferralCode(referrerCode);
	if (!referrer || !referrer.isActive) return false;
	if (!forCustomerId) return true;
	if (referrer.customerId === forCustomerId) return false;
	const target = account.findCustomer(forCustomerId);
	return !target || !target.referredBy;
}

function publicAttributes(customer: Customer): Json {
	const attributes = customer.attributes;
	return {
		city: attributes.city ?? null,
		country: attributes.country ?? null,
		zip: attributes.zip ?? null,
		gender: attributes.gender ?? null,
		source: attributes.source ?? null,
		custom: attributes.custom ?? {},
		devices: attributes.devices ?? [],
		utms: attributes.utms ?? [],
		utMs: attributes.utms ?? [],
		paymentMethods: attributes.paymentMethods ?? [],
		lastOrderDate: attributes.lastOrderDate ?? null,
		manualDate: null,
		totalOrders: attributes.totalOrders ?? 0,
		totalSpent: attributes.totalSpent ?? 0,
		tags: [...customer.tags],
	};
}

export function customerView(account: Account, customer: Customer): Json {
	return {
		customerId: customer.customerId,
		gameballId: customer.gameballId,
		referralCode: customer.referralCode,
		referralLink: account.referralLink(customer),
		dynamicReferralLink: `${account.referralLink(customer)}?d=1`,
		isReferred: Boolean(customer.referredBy),
		customerAttributes: publicAttributes(customer),
	};
}

export function customerDetailsView(account: Account, customer: Customer): Json {
	const attributes = customer.attributes;
	const view = customerView(account, customer);
	return {
		...view,
		customerAttributes: {
			...(view.customerAttributes as Json),
			displayName: customer.displayName ?? null,
			firstName: attributes.firstName ?? null,
			lastName: attributes.lastName ?? null,
			email: customer.email ?? null,
			mobile: customer.mobile ?? null,
			dateOfBirth: attributes.dateOfBirth ?? null,
			joinDate: attributes.joinDate ?? customer.joinedAt,
			preferredLanguage: attributes.preferredLanguage ?? 'en',
			channel: attributes.channel ?? null,
			avgOrderAmount: attributes.avgOrderAmount ?? 0,
		},
	};
}

export function balanceView(account: Account, customer: Customer): Json {
	const available = account.availablePoints(customer);
	const total = customer.activatedPoints + customer.pendingPoints;
	const config = account.state.config;
	return {
		totalPointsBalance: total,
		totalPointsValue: account.valueOfPoints(total),
		availablePointsBalance: available,
		availablePointsValue: account.valueOfPoints(available),
		pendingPoints: customer.pendingPoints,
		pendingPointsValue: account.valueOfPoints(customer.pendingPoints),
		currency: config.currency,
		pointsName: config.pointsName,
		nextExpiringPointsAmount: 0,
		nextExpiringPointsValue: 0,
		nextExpiringPointsDate: '',
		totalEarnedPoints: customer.totalEarned,
	};
}

export function tierProgressView(account: Account, customer: Customer): Json {
	const current = account.tierByOrder(customer.tierOrder);
	const next = account.nextTier(customer);
	const describe = (tier: typeof current) => ({ name: tier.name, order: tier.order, minProgress: tier.minPoints, icon: account.tierIcon(tier) });
	return { current: describe(current), next: next ? describe(next) : null, progress: customer.totalEarned };
}

export function setActivation(account: Account, customer: Customer, isActive: boolean): Json {
	const stateChanged = customer.isActive !== isActive;
	customer.isActive = isActive;
	// Documented as idempotent: a repeat has no side effects, so it records no activity either.
	if (stateChanged) account.addActivity(customer, 'SuccessfulAction', { reason: isActive ? 'Activated' : 'Deactivated' });
	return { customerId: customer.customerId, isActive, stateChanged };
}

export function parseTags(raw: unknown): string[] {
	if (typeof raw !== 'string') throw badRequest(ERROR_CODES.wrongType, 'tags must be a comma-separated string');
	const tags = raw
		.split(',')
		.map((tag) => tag.trim())
		.filter((tag) => tag.length > 0);
	if (tags.length === 0) throw badRequest(ERROR_CODES.invalidValue, 'tags must name at least one tag');
	return tags;
}
