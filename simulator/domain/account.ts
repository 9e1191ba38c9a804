/**
 * The account's core rules: customers, points movements (the ledger), tiers, activities and notifications.
 * Every balance change goes through applyMovement so the ledger is the single record of what was applied.
 */
import { createHash, randomInt } from 'crypto';
import { customerNotFound, duplicate, ERROR_CODES, GameballError, insufficientPoints } from '../errors';
import type { TierDefinition } from '../options';
import type { ActivityRecord, Customer, LedgerEntry, NotificationRecord, SimulatorState, TransactionType } from '../state';
import { tierIcon } from './catalog';

export interface ProfilePayload {
	email: string | null;
	mobile_number: string | null;
	tier_name: string;
	tier_order: number;
	referral_code: string;
	referral_link: string;
	activated_points: number;
	pending_points: number;
	total_points: number;
}

export interface AccountHooks {
	onProfileChanged(customer: Customer, profile: ProfilePayload): void;
	/** Resolves when the push webhook's first attempts have finished. */
	onNotification(notification: NotificationRecord, customer: Customer): Promise<void>;
}

export interface MovementInput {
	customer: Customer;
	type: TransactionType;
	points: number;
	amount?: number;
	pending?: boolean;
	activateAt?: string;
	transactionId?: string;
	orderId?: string;
	dedupKey?: string;
	dedupField?: string;
	reason?: string;
	holdReference?: string;
	reversesTransactionId?: number;
	merchantName?: string;
	branchName?: string;
	couponCode?: string;
	achievementName?: string;
	achievedRewardCampaignId?: number;
	/** The activity logged for it, when not the type's usual one. */
	activityType?: string;
	/** Earnings raise totalEarned (and the tier); refunds of earnings lower it. */
	affectsEarned?: boolean;
	/** Take a deduction from pending points (refund of a cashback that is still pending). */
	fromPending?: boolean;
	/** When false, a deduction may take the balance below zero (refunds of spent cashback). */
	requireBalance?: boolean;
	at?: string;
}

const EARNING_TYPES: ReadonlySet<string> = new Set<TransactionType>(['PaymentReward', 'AchievementReward', 'ManualAccumulation']);

/** Whether a ledger entry of this type earns points: it raises totalEarned (and the tier) and counts on the leaderboard. */
export function isEarning(type: string): boolean {
	return EARNING_TYPES.has(type);
}

export class Account {
	private readonly dirty = new Set<string>();
	private flushQueued = false;

	constructor(
		readonly state: SimulatorState,
		private readonly hooks: AccountHooks,
	) {}

	now(): Date {
		return new Date();
	}

	// ---- customers -------------------------------------------------------------------------

	findCustomer(customerId: string): Customer | undefined {
		const customer = this.state.customers.get(customerId);
		if (customer) this.settlePending(customer);
		return customer;
	}

	getCustomer(customerId: string): Customer {
		const customer = this.findCustomer(customerId);
		if (!customer) throw customerNotFound(customerId);
		return customer;
	}

	findByReferralCode(code: string): Customer | undefined {
		const wanted = code.trim().toUpperCase();
		for (const customer of this.state.customers.values()) if (customer.referralCode === wanted) return customer;
		return undefined;
	}

	createCustomer(customerId: string): Customer {
		const gameballId = this.state.nextId('gameballId');
		const customer: Customer = {
			customerId,
			gameballId,
			attributes: {},
			tags: [],
			isActive: true,
			guest: false,
			referralCode: referralCodeFor(customerId, gameballId),
			joinedAt: this.now().toISOString(),
			activatedPoints: 0,
			pendingPoints: 0,
			totalEarned: 0,
			tierOrder: this.tierFor(0).order,
			// Keyed by event names, which may be `__proto__` or `constructor`: no prototype to read them from.
			eventCounts: Object.create(null) as Record<string, number>,
			eventDays: Object.create(null) as Record<string, string[]>,
			campaignAchievements: {},
			issuedHashes: [],
		};
		this.state.customers.set(customerId, customer);
		this.markDirty(customer);
		return customer;
	}

	deleteCustomer(customerId: string): Customer {
		const customer = this.getCustomer(customerId);
		this.state.customers.delete(customerId);
		this.dirty.delete(customerId);
		for (const hold of this.state.holds.values()) if (hold.customerId === customerId && hold.state === 'Active') hold.state = 'Released';
		return customer;
	}

	referralLink(customer: Customer): string {
		return `https://sim.gameball.local/r/${customer.referralCode}`;
	}

	// ---- tiers -----------------------------------------------------------------------------

	tierFor(totalEarned: number): TierDefinition {
		const tiers = this.state.config.tiers;
		let current = tiers[0];
		for (const tier of tiers) if (totalEarned >= tier.minPoints) current = tier;
		return current;
	}

	tierByOrder(order: number): TierDefinition {
		return this.state.config.tiers.find((tier) => tier.order === order) ?? this.state.config.tiers[0];
	}

	nextTier(customer: Customer): TierDefinition | undefined {
		return this.state.config.tiers.find((tier) => tier.minPoints > customer.totalEarned);
	}

	tierIcon(tier: TierDefinition): string {
		return tierIcon(tier.order);
	}

	private updateTier(customer: Customer): void {
		const tier = this.tierFor(customer.totalEarned);
		if (tier.order === customer.tierOrder) return;
		const previous = this.tierByOrder(customer.tierOrder);
		const upgraded = tier.minPoints > previous.minPoints;
		customer.tierOrder = tier.order;
		this.addActivity(customer, upgraded ? 'TierUpgraded' : 'TierDowngraded', { tierName: tier.name });
		if (upgraded && this.autoNotifications) {
			this.notify(customer, [
				{ local: 'en', title: 'New tier unlocked', body: `Congratulations! You are now ${tier.name}.`, icon: this.tierIcon(tier) },
				{ local: 'ar', title: 'مستوى جديد', body: `مبروك! أصبحت الآن في مستوى ${tier.name}.`, icon: this.tierIcon(tier) },
			]);
		}
	}

	autoNotifications = true;

	// ---- balances and the ledger ----------------------------------------------------------

	heldPoints(customerId: string): number {
		let held = 0;
		const now = this.now().getTime();
		for (const hold of this.state.holds.values()) {
			if (hold.customerId !== customerId || hold.state !== 'Active') continue;
			if (Date.parse(hold.expiresAt) <= now) {
				hold.state = 'Expired';
				continue;
			}
			held += hold.points;
		}
		return held;
	}

	availablePoints(customer: Customer): number {
		return customer.activatedPoints - this.heldPoints(customer.customerId);
	}

	/** Activates pending points whose return window has passed. */
	settlePending(customer: Customer): void {
		if (this.state.pendingEntries.size === 0) return;
		const now = this.now().getTime();
		for (const entry of this.state.pendingEntries) {
			if (entry.status !== 'Pending') this.state.pendingEntries.delete(entry);
			else if (entry.customerId === customer.customerId && entry.activateAt && Date.parse(entry.activateAt) <= now) this.activateEntry(entry, customer);
		}
	}

	activateEntry(entry: LedgerEntry, customer: Customer): number {
		if (entry.status !== 'Pending') return 0;
		const points = entry.points - entry.refundedPoints;
		entry.status = 'Active';
		this.state.pendingEntries.delete(entry);
		customer.pendingPoints -= points;
		customer.activatedPoints += points;
		this.markDirty(customer);
		return points;
	}

	findDuplicate(dedupKey: string): LedgerEntry | undefined {
		return this.state.dedupIndex.get(dedupKey);
	}

	assertNotApplied(dedupKey: string, field: string, value: string): void {
		if (this.state.dedupIndex.has(dedupKey)) throw duplicate(field, value);
	}

	/** Applies one movement to the customer and appends it to the ledger. */
	applyMovement(input: MovementInput): LedgerEntry {
		const { customer } = input;
		if (input.dedupKey) this.assertNotApplied(input.dedupKey, input.dedupField ?? 'transactionId', input.transactionId ?? input.dedupKey);
		const points = Math.round(input.points);
		const before = customer.activatedPoints + customer.pendingPoints;
		if (points < 0 && input.requireBalance !== false && !input.fromPending) {
			const available = this.availablePoints(customer) + (input.holdReference ? this.holdPointsOf(input.holdReference) : 0);
			if (available < -points) throw insufficientPoints(available, -points);
		}
		if ((input.pending && points > 0) || (input.fromPending && points < 0)) customer.pendingPoints += points;
		else customer.activatedPoints += points;
		const affectsEarned = input.affectsEarned ?? isEarning(input.type);
		if (affectsEarned) customer.totalEarned = Math.max(0, customer.totalEarned + points);

		const entry: LedgerEntry = {
			gameballTransactionId: this.state.nextId('transaction'),
			customerId: customer.customerId,
			type: input.type,
			direction: points >= 0 ? '+' : '-',
			points,
			amount: round2(input.amount ?? 0),
			status: input.pending && points > 0 ? 'Pending' : 'Active',
			transactionId: input.transactionId,
			orderId: input.orderId,
			dedupKey: input.dedupKey,
			reversesTransactionId: input.reversesTransactionId,
			holdReference: input.holdReference,
			reason: input.reason,
			merchantName: input.merchantName,
			branchName: input.branchName,
			couponCode: input.couponCode,
			achievementName: input.achievementName,
			achievedRewardCampaignId: input.achievedRewardCampaignId,
			balanceBefore: before,
			balanceAfter: customer.activatedPoints + customer.pendingPoints,
			at: input.at ?? this.now().toISOString(),
			activateAt: input.pending && points > 0 ? input.activateAt : undefined,
			refundedPoints: 0,
			refundedAmount: 0,
		};
		this.state.ledgerEntries.push(entry);
		if (entry.status === 'Pending') this.state.pendingEntries.add(entry);
		if (input.dedupKey) this.state.dedupIndex.set(input.dedupKey, entry);
		this.addActivity(customer, input.activityType ?? activityTypeFor(input.type), { points, transactionId: input.transactionId, reason: input.reason, campaignName: input.achievementName });
		this.markDirty(customer);
		this.updateTier(customer);
		return entry;
	}

	private holdPointsOf(holdReference: string): number {
		const hold = this.state.holds.get(holdReference);
		return hold && hold.state === 'Active' ? hold.points : 0;
	}

	/** Points worth a currency amount when earning (cashback). */
	earnedPointsFor(amount: number): number {
		return Math.floor(Math.max(0, amount) * this.state.config.pointsPerCurrencyUnit);
	}

	/** Points needed to redeem a currency amount. */
	pointsToRedeem(amount: number): number {
		return Math.ceil(round2(amount / this.state.config.redemptionFactor));
	}

	/** Currency value of points when redeeming. */
	valueOfPoints(points: number): number {
		return round2(points * this.state.config.redemptionFactor);
	}

	// ---- hashes and OTPs -------------------------------------------------------------------

	issueHash(customer: Customer): string {
		const hash = createHash('sha256').update(`${customer.customerId}:${Date.now()}:${randomInt(1e9)}`).digest('hex').slice(0, 12);
		customer.issuedHashes = [...customer.issuedHashes.filter((issued) => Date.now() - issued.at < 5 * 60_000), { hash, at: Date.now() }];
		return hash;
	}

	checkSecurity(customer: Customer, body: { hash?: unknown; otp?: unknown; ignoreOTP?: unknown }): void {
		if (typeof body.hash === 'string' && body.hash !== '') {
			const valid = customer.issuedHashes.some((issued) => issued.hash === body.hash && Date.now() - issued.at < 5 * 60_000);
			if (!valid) throw new GameballError(400, ERROR_CODES.invalidHash, 'The customer hash is invalid or expired');
		}
		if (typeof body.otp === 'string' && body.otp !== '' && body.ignoreOTP !== true) {
			if (body.otp !== customer.otp) throw new GameballError(400, ERROR_CODES.invalidOtp, 'The OTP is invalid');
			customer.otp = undefined;
		}
		if (!customer.isActive) throw new GameballError(400, ERROR_CODES.customerInactive, `Customer '${customer.customerId}' is deactivated`);
	}

	// ---- activities and notifications ---------------------------------------------------------

	addActivity(customer: Customer, activityType: string, details: Partial<ActivityRecord> = {}): ActivityRecord {
		const activity: ActivityRecord = {
			...details,
			activityId: this.state.nextId('activity'),
			customerId: customer.customerId,
			activityType,
			at: this.now().toISOString(),
			tierName: details.tierName ?? this.tierByOrder(customer.tierOrder).name,
		};
		this.state.activities.push(activity);
		return activity;
	}

	notify(customer: Customer, languages: NotificationRecord['languages']): { notification: NotificationRecord; delivery: Promise<void> } {
		const notification: NotificationRecord = {
			id: `ntf-${this.state.nextId('notification')}`,
			customerId: customer.customerId,
			createdAt: this.now().toISOString(),
			isRead: false,
			languages,
		};
		this.state.notifications.push(notification);
		// Sent after the current request's profile webhooks (queued earlier in the same tick).
		const delivery = Promise.resolve()
			.then(() => this.hooks.onNotification(notification, customer))
			.catch(() => undefined);
		return { notification, delivery };
	}

	// ---- profile webhooks ---------------------------------------------------------------------

	profileOf(customer: Customer): ProfilePayload {
		const tier = this.tierByOrder(customer.tierOrder);
		return {
			email: customer.email ?? null,
			mobile_number: customer.mobile ?? null,
			tier_name: tier.name,
			tier_order: tier.order,
			referral_code: customer.referralCode,
			referral_link: this.referralLink(customer),
			activated_points: customer.activatedPoints,
			pending_points: customer.pendingPoints,
			total_points: customer.activatedPoints + customer.pendingPoints,
		};
	}

	/** Marks a customer's profile as possibly changed; one webhook per change is sent after the current request. */
	markDirty(customer: Customer): void {
		this.dirty.add(customer.customerId);
		if (this.flushQueued) return;
		this.flushQueued = true;
		queueMicrotask(() => this.flushProfiles());
	}

	flushProfiles(): void {
		this.flushQueued = false;
		const ids = [...this.dirty];
		this.dirty.clear();
		for (const customerId of ids) {
			const customer = this.state.customers.get(customerId);
			if (!customer) continue;
			const profile = this.profileOf(customer);
			const snapshot = JSON.stringify(profile);
			if (snapshot === customer.lastProfileSnapshot) continue;
			customer.lastProfileSnapshot = snapshot;
			this.hooks.onProfileChanged(customer, profile);
		}
	}
}

function activityTypeFor(type: TransactionType): string {
	switch (type) {
		case 'AchievementReward':
			return 'CampaignRewarded';
		case 'ManualAccumulation':
		case 'ManualDeduction':
			return 'SuccessfulAction';
		case 'DiscountCode':
			return 'Redemption';
		default:
			return type;
	}
}

function referralCodeFor(customerId: string, gameballId: number): string {
	const letters = customerId.replace(/[^a-z0-9]/gi, '').toUpperCase().slice(0, 4) || 'GB';
	return `${letters}${gameballId.toString(36).toUpperCase()}`;
}

export function round2(value: number): number {
	return Math.round(value * 100) / 100;
}
