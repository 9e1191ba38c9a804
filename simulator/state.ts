/** The simulator's in-memory account: customers, ledger, holds, coupons, batches and configuration. */
import type { TierDefinition } from './options';
import { defaultCampaigns, defaultRedemptionRules, type CampaignDefinition, type RedemptionRule } from './domain/catalog';

export interface Customer {
	customerId: string;
	gameballId: number;
	email?: string;
	mobile?: string;
	displayName?: string;
	attributes: Record<string, unknown>;
	tags: string[];
	isActive: boolean;
	guest: boolean;
	deviceToken?: string;
	osType?: string;
	referralCode: string;
	referredBy?: string;
	joinedAt: string;
	/** Spendable points (held points included; see heldPoints). */
	activatedPoints: number;
	pendingPoints: number;
	/** Sum of every earning, minus refunded earnings: drives the tier. */
	totalEarned: number;
	tierOrder: number;
	/** Event name -> times sent. */
	eventCounts: Record<string, number>;
	/** Days (YYYY-MM-DD) on which each event was sent, for streaks. */
	eventDays: Record<string, string[]>;
	/** Campaign id -> times achieved. */
	campaignAchievements: Record<number, number>;
	issuedHashes: Array<{ hash: string; at: number }>;
	otp?: string;
	/** Last profile payload sent in a customer.profile.updated webhook (JSON). */
	lastProfileSnapshot?: string;
}

export type TransactionType =
	| 'PaymentReward'
	| 'AchievementReward'
	| 'Redemption'
	| 'Refund'
	| 'Cancel'
	| 'ManualAccumulation'
	| 'ManualDeduction'
	| 'DiscountCode';

/** One applied points movement. `points` is signed. */
export interface LedgerEntry {
	gameballTransactionId: number;
	customerId: string;
	type: TransactionType;
	direction: '+' | '-';
	points: number;
	amount: number;
	status: 'Active' | 'Pending' | 'Cancelled';
	/** The client's id for this movement (transactionId, orderId, paymentId, refundTransactionId). */
	transactionId?: string;
	orderId?: string;
	/** Dedup key, e.g. "cashback:T-1"; unique across the ledger. */
	dedupKey?: string;
	reversesTransactionId?: number;
	holdReference?: string;
	reason?: string;
	merchantName?: string;
	branchName?: string;
	couponCode?: string;
	achievementName?: string;
	achievedRewardCampaignId?: number;
	balanceBefore: number;
	balanceAfter: number;
	at: string;
	activateAt?: string;
	/** Points of this entry already given back by refunds (earnings and redemptions). */
	refundedPoints: number;
	refundedAmount: number;
}

export interface Hold {
	holdReference: string;
	customerId: string;
	points: number;
	amount: number;
	state: 'Active' | 'Redeemed' | 'Released' | 'Expired';
	createdAt: string;
	expiresAt: string;
}

export interface Coupon {
	code: string;
	customerId?: string;
	name: string;
	type: 'fixed' | 'percentage' | 'shipping' | 'product';
	value: number;
	minOrderValue: number;
	capping: number;
	usageLimit: number;
	usedCount: number;
	startDate: string;
	expiryDate: string;
	pin: string;
	ruleId?: number;
	lockReference?: string;
	lockExpiresAt?: string;
	burnedAt?: string;
}

export interface CouponLock {
	lockReference: string;
	codes: string[];
	customerId: string;
	expiresAt: string;
	released: boolean;
}

export interface NotificationRecord {
	id: string;
	customerId: string;
	createdAt: string;
	isRead: boolean;
	/** One entry per language. */
	languages: Array<{ local: string; title: string; body: string; icon?: string }>;
}

export interface ActivityRecord {
	activityId: number;
	customerId: string;
	activityType: string;
	at: string;
	points?: number;
	transactionId?: string;
	reason?: string;
	campaignName?: string;
	tierName?: string;
	score?: number;
}

export interface OrderRecord {
	orderId: string;
	customerId: string;
	totalPaid: number;
	orderDate: string;
	ledgerIds: number[];
	reversed: boolean;
}

export type BatchKind =
	| 'customers'
	| 'orders'
	| 'orders/transactions'
	| 'balance-inquiry'
	| 'balance-adjustment'
	| 'cashback'
	| 'redeem'
	| 'events';

export interface BatchItemResult {
	index: number;
	[key: string]: unknown;
}

export interface BatchItemError {
	index: number;
	code: number;
	message: string;
}

export interface BatchJob {
	jobId: number;
	kind: BatchKind;
	items: unknown[];
	status: 'queued' | 'running' | 'completed' | 'failed' | 'stopped';
	processed: number;
	results: BatchItemResult[];
	errors: BatchItemError[];
	createdAt: string;
	startedAt?: string;
	finishedAt?: string;
	stopRequested: boolean;
}

export interface SimulatorConfig {
	tiers: TierDefinition[];
	pointsPerCurrencyUnit: number;
	/** Currency value of one point when redeeming (Gameball's example: 0.1, so $10 costs 100 points). */
	redemptionFactor: number;
	currency: string;
	pointsName: string;
	clientId: string;
	holdMinutes: number;
	/** The merchant's Gameball program switched on (dashboard). Off, Achieve Social Challenge awards nothing. */
	programEnabled: boolean;
	campaigns: CampaignDefinition[];
	redemptionRules: RedemptionRule[];
	rewardsCoupons: Record<string, unknown>;
	couponIntegration: Record<string, unknown>;
}

type CounterName = 'gameballId' | 'transaction' | 'activity' | 'notification' | 'hold' | 'coupon' | 'lock' | 'batch';

export class SimulatorState {
	readonly customers = new Map<string, Customer>();
	readonly ledgerEntries: LedgerEntry[] = [];
	readonly dedupIndex = new Map<string, LedgerEntry>();
	/** Ledger entries whose points are still pending (so settling does not scan the whole ledger). */
	readonly pendingEntries = new Set<LedgerEntry>();
	readonly holds = new Map<string, Hold>();
	readonly coupons = new Map<string, Coupon>();
	readonly couponLocks = new Map<string, CouponLock>();
	readonly notifications: NotificationRecord[] = [];
	readonly activities: ActivityRecord[] = [];
	readonly orders = new Map<string, OrderRecord>();
	readonly payments = new Map<string, OrderRecord>();
	readonly batches = new Map<number, BatchJob>();
	config: SimulatorConfig;
	private counters: Record<CounterName, number> = { gameballId: 1000, transaction: 50000, activity: 1, notification: 1, hold: 1, coupon: 1, lock: 1, batch: 7000 };

	constructor(private readonly base: { tiers: TierDefinition[]; pointsPerCurrencyUnit: number; clientId: string }) {
		this.config = SimulatorState.initialConfig(base);
	}

	private static initialConfig(base: { tiers: TierDefinition[]; pointsPerCurrencyUnit: number; clientId: string }): SimulatorConfig {
		return {
			tiers: base.tiers.map((tier) => ({ ...tier })),
			pointsPerCurrencyUnit: base.pointsPerCurrencyUnit,
			redemptionFactor: 0.1,
			currency: 'USD',
			pointsName: 'Points',
			clientId: base.clientId,
			holdMinutes: 10,
			programEnabled: true,
			campaigns: defaultCampaigns(),
			redemptionRules: defaultRedemptionRules(),
			rewardsCoupons: {
				enabled: true,
				couponTypes: ['fixed', 'percentage', 'shipping', 'product'],
				maximumCoupons: 10,
				expirationSettings: { defaultExpiryDays: 30, maxExpiryDays: 365 },
			},
			couponIntegration: {
				url: 'https://shop.example.com/coupons',
				method: 'POST',
				payload: '{"code":"{{code}}","value":"{{value}}"}',
				headers: [{ key: 'X-Shop', value: 'simulator' }],
				queryParams: [],
				platforms: [{ displayName: 'Custom', value: 'custom' }],
				couponMapping: { fixed: 'fixed_amount', percentage: 'percentage', freeShipping: 'free_shipping', freeProduct: 'free_product' },
				enableFixedRate: true,
				enablePercentage: true,
				enableFreeShipping: true,
				enableFreeProduct: false,
			},
		};
	}

	/** Empties the account and restores the configuration; ids keep counting so they never repeat. */
	reset(): void {
		this.customers.clear();
		this.ledgerEntries.length = 0;
		this.dedupIndex.clear();
		this.pendingEntries.clear();
		this.holds.clear();
		this.coupons.clear();
		this.couponLocks.clear();
		this.notifications.length = 0;
		this.activities.length = 0;
		this.orders.clear();
		this.payments.clear();
		this.batches.clear();
		this.config = SimulatorState.initialConfig(this.base);
	}

	nextId(kind: CounterName): number {
		this.counters[kind] += 1;
		return this.counters[kind];
	}
}
