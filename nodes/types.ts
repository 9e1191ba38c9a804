import type { IDataObject } from 'n8n-workflow';

/**
 * Every item shape that a node of this package emits. The README documents these; Loyalty to CRM consumes them.
 * One module, one source of truth.
 */

// ---- Gameball (action node) ----
// Single operations output Gameball's answers as they come (see the README for each operation), except that an
// answer that is a list gives one item per entry, none for an empty list. Batch mode: one item per input item, or per
// entry where the single call gives one per entry.

/**
 * A batch job's result for one input item (Batching > Wait for Results on, the default). `batchIndex` is the item's
 * position in its job (the `index` of its entry in Batch > Get Status), not its input position: `pairedItem` is that.
 */
export type GameballBatchResultItem =
	/** The job's result entry for the item, its fields at the top (as a single call's answer; not its `index`). */
	| (IDataObject & { success: true; batchJobId: string; batchKind: string; batchIndex: number })
	/**
	 * `error` as a single call's ("7000: customer not found"), `description` Gameball's message for the entry. A job
	 * whose status could not be read gives each of its items the read's error, with `httpCode` when it had one.
	 * `mayHaveBeenApplied`: Gameball did not say how the item ended (the job ran past the time limit, its status could
	 * not be read, or it did not say which entries failed): check the job before sending the item again.
	 */
	| {
			success: false;
			batchJobId: string;
			batchKind: string;
			batchIndex: number;
			error: string;
			description?: string;
			httpCode?: string;
			mayHaveBeenApplied?: true;
	  }
	/**
	 * An item in no job: it could not be built (a field refused), or its job could not be created, `mayHaveBeenApplied`
	 * when that ended without a clear answer (Gameball may have the job, with no ID to check it by).
	 */
	| {
			success: false;
			batchKind: string;
			error: string;
			description?: string;
			httpCode?: string;
			mayHaveBeenApplied?: true;
	  };

/**
 * A failed input item under On Error: Continue (using regular output), from any node of the package. Under Continue
 * (using error output) n8n keeps only `error`. `mayHaveBeenApplied`: a points-moving call, or a batch job's creation,
 * that ended without a clear answer: check before sending it again.
 */
export type ErrorItem = {
	error: string;
	description?: string;
	httpCode?: string;
	mayHaveBeenApplied?: true;
};

/**
 * A call whose retry, after an attempt that lost its answer, found that attempt applied: a keyed points-moving call
 * answered "duplicate" (9004; the key field, `transactionId` or `orderId`, carries the item's key), a Delete Customer
 * answered 7000, a Release Lock answered 404, an Activate with nothing left pending or a Set Activation answered
 * `stateChanged: false` (no code). The call's path values (`customerId`, `transactionId`, `lockReference`) are kept.
 */
export type GameballAlreadyAppliedItem = IDataObject & {
	alreadyApplied: true;
	gameballCode?: number;
	message: string;
};

/** An input item handed to a batch job, its result not awaited (Batching > Wait for Results off). */
export type GameballBatchQueuedItem = {
	queued: true;
	batchJobId: string;
	batchKind: string;
	/** Its position in the job: the `index` of its entry in Batch > Wait Until Finished's `successes`/`failures`. */
	batchIndex: number;
};

/**
 * Customer > Get and Get Details with Simplify on (the default): the customer's attributes flattened to the top,
 * beside its IDs and referral details. Fields Gameball leaves out stay out. Only the bulky lists (`utms`, `devices`,
 * `paymentMethods`) are left to Simplify off.
 */
export type GameballSimplifiedCustomer = {
	customerId: string;
	gameballId?: number;
	referralCode?: string;
	referralLink?: string;
	isReferred?: boolean;
	dynamicReferralLink?: string;
	/**
	 * Every other attribute as Gameball sends it: gender, tags, custom, totalSpent... Get's attributes leave out
	 * personal data; displayName, firstName, lastName, email, mobile and dateOfBirth come with Get Details only.
	 */
	[attribute: string]: IDataObject[string];
};

/** Customer > Get Coupons: one item per coupon the customer holds, none when it holds none. Gameball marks no field required. */
export type GameballCustomerCouponItem = {
	code?: string;
	name?: string;
	/** `Free Shipping`, `Fixed Rate Discount`, `Percentage`, `Free Product`, `Custom`, ... */
	type?: string;
	/** An amount, or a percentage, by `type`. */
	value?: number;
	currency?: string;
	/** How the customer got it: `Online`, `POS`, `Permanent`, `Reward` or `Automation`. */
	target?: string;
	startDate?: string;
	expiryDate?: string;
	isExpired?: boolean;
	isActive?: boolean;
	/** Whether the customer can use it now. */
	isAvailableToUse?: boolean;
	usageLimit?: number;
	limitPerCustomer?: number;
	usedCount?: number;
	customerUsedCount?: number;
	iconPath?: string;
};

/**
 * Customer > Get Automation Campaigns: one item per campaign, none when there is none. Gameball's `count` beside the
 * list is the number of campaigns, so the items leave it out.
 */
export type GameballAutomationCampaignItem = {
	automation?: Array<{
		order?: number;
		name?: string;
		isUnlocked?: boolean;
		completed?: boolean;
		completionPercentage?: number;
		steps?: Array<{ type?: string; order?: number; completed?: boolean; configuration?: IDataObject | null }> | null;
	}>;
	automationCount?: number;
};

/**
 * Order > Get Transactions: one item per transaction of the order (reward, redemption, refund, cancel...), none for an
 * order without any. `orderId` is the order asked about: Gameball's entries do not name it. Gameball's `count` is the
 * number of transactions, so the items leave it out. In batch mode each item also has `success`, `batchJobId`,
 * `batchKind` and `batchIndex` (`GameballBatchResultItem`).
 */
export type GameballOrderTransactionItem = {
	orderId: string;
	gameballTransactionId?: number;
	/** `PaymentReward`, `Redemption`, `Refund`, `PartialRefund`, `Cancel`, ... */
	transactionType?: string;
	/** Your transaction ID, e.g. the order number. */
	transactionId?: string;
	amount?: number;
	equivalentPoints?: number;
	transactionDate?: string;
};

/** One ranked customer of Leaderboard > Get. */
export type GameballLeaderboardEntry = {
	rank?: number;
	customerId?: string;
	displayName?: string;
	/** Points (or campaign progress) in the period. */
	progress?: number;
	tierName?: string;
	tierIcon?: string;
};

/**
 * Leaderboard > Get: ONE item, Gameball's answer whole. Beside the ranking it says how many customers are ranked
 * (more than the entries when Gameball returns only the top of the board) and the rank of the customer given as
 * Customer ID, who may be outside the entries: on one item per entry these would read as each entry's own.
 */
export type GameballLeaderboardItem = {
	leaderboard: GameballLeaderboardEntry[];
	/** The rank of the Customer ID filter's customer; meaningful only when that filter is set. */
	customerRank?: number;
	/** How many customers the board ranks. */
	customersCount?: number;
};

// ---- Gameball Trigger ----
// Items emitted by the Gameball Trigger. Field names are a contract (Loyalty to CRM reads them): do not rename.
// Every item has a discriminating `event`. Missing or null payload values become `null`, never invented.

/** The `event` value of each Gameball Trigger item. */
export type GameballTriggerEvent =
	/** Gameball topic: a customer's profile changed (points, tier, referral details, contact). */
	| 'customer.profile.updated'
	/** Gameball topic: a notification for the customer, one item per language. */
	| 'customer.notification.push'
	/** Derived by the trigger from two successive profile updates: the customer moved to another tier. */
	| 'gameball.tier.changed'
	/** Derived by the trigger from two successive profile updates: activated or total points moved. */
	| 'gameball.points.changed'
	/** An automation campaign's "Send Webhook" call (delivery source "Automation campaign webhook"). */
	| 'gameball.automation.webhook';

/** The envelope fields that every simplified Gameball v4 item carries. */
export type GameballEnvelopeFields = {
	/** The Gameball account (`client_id`). */
	clientId: string | null;
	/** The merchant's own customer id (`customer_id`). */
	customerId: string | null;
	/** Gameball's internal customer id (`gb_customer_id`), always as a string although Gameball sends a number. */
	gbCustomerId: string | null;
	/** The time Gameball made the event (`created_at`), as sent (ISO 8601 from Gameball; a number comes as its digits). */
	createdAt: string | null;
	/**
	 * Hex SHA-1 of the delivery's raw body (of `JSON.stringify` of it when only that matched the signature): the same
	 * for a retried delivery, so usable as an idempotency key.
	 */
	deliveryId: string;
};

/** One field's move between the previous and the current profile update of a customer. */
export type GameballProfileChange<T extends string | number> = {
	previous: T;
	current: T;
	/** `current - previous`, on numeric fields only. */
	delta?: number;
};

/** The tracked profile fields that moved since the customer's previous profile update; only moved fields are present. */
export type GameballProfileChanges = {
	tierOrder?: GameballProfileChange<number>;
	tierName?: GameballProfileChange<string>;
	activatedPoints?: GameballProfileChange<number>;
	pendingPoints?: GameballProfileChange<number>;
	totalPoints?: GameballProfileChange<number>;
	/** The customer got another referral code; absent when either code is unknown (no baseline to compare with). */
	referralCode?: GameballProfileChange<string>;
};

/** `customer.profile.updated`, simplified: the envelope and the profile, flat, numbers coerced. */
export type GameballProfileUpdatedItem = GameballEnvelopeFields & {
	event: 'customer.profile.updated';
	email: string | null;
	mobileNumber: string | null;
	tierName: string | null;
	/** The tier's rank; higher is better. */
	tierOrder: number | null;
	referralCode: string | null;
	referralLink: string | null;
	/** Spendable now. */
	activatedPoints: number | null;
	/** Activated later. */
	pendingPoints: number | null;
	/** Activated plus pending. */
	totalPoints: number | null;
	/**
	 * What moved since this customer's previous profile update, as remembered by this workflow (best effort).
	 * `null` when the customer is seen for the first time (baseline only) or the delivery names no customer (no
	 * customer ID nor Gameball customer ID: nothing to remember it by), and after the Delivery Guard's Track once it
	 * derives nothing (its snapshots written by another n8n process); `{}` when nothing tracked moved.
	 */
	changes: GameballProfileChanges | null;
	/**
	 * True when Gameball made this update (`createdAt`) before the last one remembered for the customer: a late retry,
	 * or two deliveries that crossed. Its profile is older than what is known, `changes` is `{}`, no derived events
	 * follow, and the memory keeps the newer profile.
	 */
	outOfOrder: boolean;
};

/** `customer.notification.push`, simplified: one item per language with a title or a body. */
export type GameballNotificationItem = GameballEnvelopeFields & {
	event: 'customer.notification.push';
	/** Language code, without end spaces; Gameball spells the field `local`. */
	language: string | null;
	title: string | null;
	body: string | null;
	/** Icon URL; none or blank is `null`. */
	icon: string | null;
};

/**
 * Derived: the customer's tier order moved between two profile updates, to a tier of another name (a tier that kept
 * its name at a new order was renumbered). Never emitted for a first-seen customer.
 */
export type GameballTierChangedItem = GameballEnvelopeFields & {
	event: 'gameball.tier.changed';
	direction: 'up' | 'down';
	previousTierOrder: number;
	tierOrder: number;
	/** The name sent with `previousTierOrder`; `null` when no update sent that order with a name. */
	previousTierName: string | null;
	/** The name sent with this update's tier order, or `null`. */
	tierName: string | null;
};

/** Derived: activated or total points moved between two profile updates. Deltas are `current - previous`. */
export type GameballPointsChangedItem = GameballEnvelopeFields & {
	event: 'gameball.points.changed';
	previousActivatedPoints: number | null;
	activatedPoints: number | null;
	activatedPointsDelta: number | null;
	previousPendingPoints: number | null;
	pendingPoints: number | null;
	pendingPointsDelta: number | null;
	previousTotalPoints: number | null;
	totalPoints: number | null;
	totalPointsDelta: number | null;
};

/** What every raw (Simplify off) delivery item carries: the payload as received, the headers without `x-gb-signature`. */
type GameballRawDelivery = {
	body: Record<string, unknown>;
	headers: Record<string, string>;
	deliveryId: string;
};

/**
 * A v4 delivery with Simplify off; switch on `event` (the payload's). Only a profile update has `outOfOrder`: true when
 * Gameball made it before one already seen for the customer (as the simplified item's), its `body` then holding an
 * older tier and balance than the customer has now. A notification has no such order, so no such field.
 */
export type GameballRawDeliveryItem =
	| ({ event: 'customer.profile.updated' } & GameballRawDelivery & { outOfOrder: boolean })
	| ({ event: 'customer.notification.push' } & GameballRawDelivery);

/** An automation campaign's "Send Webhook" call: the payload as received, with the query and headers chosen to keep. */
export type GameballAutomationWebhookItem = {
	event: 'gameball.automation.webhook';
	method: 'GET' | 'POST' | 'PUT';
	/** Parsed JSON when the body is JSON, the text otherwise, `null` when empty (e.g. GET). */
	body: unknown;
	/** The query parameters (empty when the "Include Query" option is off). */
	query: Record<string, unknown>;
	/** Only the headers named in "Headers to Keep"; never the secret header. */
	headers: Record<string, string>;
	/** Hex SHA-1 of method, query and raw body. */
	deliveryId: string;
};

/** Any item the Gameball Trigger emits; switch on `event`. */
export type GameballTriggerItem =
	| GameballProfileUpdatedItem
	| GameballNotificationItem
	| GameballTierChangedItem
	| GameballPointsChangedItem
	| GameballRawDeliveryItem
	| GameballAutomationWebhookItem;

// ---- Loyalty to CRM ----
// (section owned by the mapping node)

/** Which loyalty platform an event came from. */
export type LoyaltySource = 'gameball' | 'openLoyalty';

/** What happened, in platform-neutral terms. */
export type LoyaltyEventKind =
	| 'profile_updated'
	| 'tier_changed'
	| 'points_changed'
	| 'notification'
	| 'member_registered'
	| 'member_deactivated'
	| 'transaction_registered'
	| 'reward_redeemed'
	| 'points_will_expire'
	| 'other';

/** The member, as far as the input says. Missing values are `null`, never invented. */
export interface LoyaltyCustomer {
	/** The merchant's own customer id (Gameball `customer_id`, Open Loyalty `customerId`). */
	id: string | null;
	email: string | null;
	mobile: string | null;
	/** The platform's internal id when it differs from `id` (Gameball `gb_customer_id`, Open Loyalty loyalty card number). */
	platformId: string | null;
	/** Display name when the input carries one. */
	name: string | null;
}

export interface LoyaltyTier {
	name: string | null;
	/**
	 * The tier's order (Gameball `tier_order`); higher is better. Open Loyalty levels carry no order, so there it is the
	 * level's `conditionValue` (what the level takes to reach) unless an `order` or `rank` is sent.
	 */
	rank: number | null;
	previousName: string | null;
	previousRank: number | null;
	/** Set only when the tier moved. */
	direction: 'up' | 'down' | null;
}

export interface LoyaltyPoints {
	/** Spendable now (Gameball `activated_points`, Open Loyalty available amount). */
	available: number | null;
	pending: number | null;
	total: number | null;
	/** Change of `available` carried by this event (negative when spent or expired). */
	delta: number | null;
	/** `available` before the event, when known (`available - delta`, or the trigger's snapshot). */
	previousAvailable: number | null;
}

/** One language of a loyalty notification (Gameball `customer.notification.push`). */
export interface LoyaltyNotification {
	language: string | null;
	title: string | null;
	body: string | null;
	icon: string | null;
}

/**
 * The normalised loyalty event: what Loyalty to CRM reads any input as before its rules run.
 * Every output item of Loyalty to CRM carries it under `event`.
 */
export interface LoyaltyEvent {
	source: LoyaltySource;
	kind: LoyaltyEventKind;
	/** The platform's own name for the event, e.g. `customer.profile.updated` or `CustomerLevelChanged`. */
	sourceEvent: string;
	customer: LoyaltyCustomer;
	tier: LoyaltyTier;
	points: LoyaltyPoints;
	referral: {
		code: string | null;
		link: string | null;
		/** True when this event gave the member a new referral code. */
		assigned: boolean;
	};
	/** Names of the profile fields this event changed, when the input says (Gameball Trigger `changes`). */
	changedFields: string[] | null;
	/** Notification texts, one per language (kind `notification`). */
	notifications: LoyaltyNotification[];
	/** Transaction details (kind `transaction_registered`). */
	transaction: { id: string | null; amount: number | null; documentNumber: string | null } | null;
	/** Reward details (kind `reward_redeemed`). */
	reward: { id: string | null; name: string | null; couponCode: string | null } | null;
	/** Expiry details (kind `points_will_expire`). */
	expiry: { points: number | null; date: string | null } | null;
	/**
	 * ISO 8601 time of the event (an ISO time without a zone read as UTC; Unix seconds or milliseconds read too), or
	 * null when the input has none. A time that does not parse is kept as sent rather than lost.
	 */
	occurredAt: string | null;
	/**
	 * The delivery's id when the input has one (Gameball Trigger `deliveryId`, the same for a retried delivery):
	 * a ready idempotency key. Null otherwise.
	 */
	deliveryId: string | null;
	/**
	 * True for a Gameball update made before one already seen (the trigger's `outOfOrder`): it holds only the
	 * customer's identity, and Contact Changed does not hold for it.
	 */
	outOfOrder: boolean;
	/** One human sentence, e.g. "Moved up from Silver to Gold; 90 points available (+40)". */
	summary: string;
}

/** The five outputs of Loyalty to CRM, in output order. */
export type CrmStep = 'upsertContact' | 'addTag' | 'createTask' | 'logNote' | 'sendMessage';

/** A condition of the rules; each step fires when one of its chosen conditions holds. */
export type CrmRuleCondition =
	| 'tierUp'
	| 'tierDown'
	| 'tierChanged'
	| 'pointsAtLeast'
	| 'pointsCrossed'
	| 'pointsChanged'
	| 'referralCodeAssigned'
	| 'contactChanged'
	| 'notification'
	| 'memberRegistered'
	| 'memberDeactivated'
	| 'transactionRegistered'
	| 'rewardRedeemed'
	| 'pointsWillExpire'
	| 'anyEvent';

export type CrmPreset = 'hubspot' | 'salesforce' | 'pipedrive' | 'zoho' | 'generic';

/** How the contact is found in the CRM. `field` is the CRM's own field name for `by`. */
export interface CrmMatchKey {
	by: 'email' | 'mobile' | 'customerId';
	field: string;
	value: string | null;
	/** True when another key than the chosen one was used: the chosen one was missing, or the event just changed it. */
	fallback: boolean;
}

/** Fields every Loyalty to CRM output item has. */
export interface CrmStepItemBase {
	step: CrmStep;
	preset: CrmPreset;
	/** The rule conditions that made this step fire. */
	reasons: CrmRuleCondition[];
	match: CrmMatchKey;
	email: string | null;
	mobile: string | null;
	customerId: string | null;
	/** The normalised event (omitted when the "Include Event" option is off). */
	event?: LoyaltyEvent;
}

/** Output 1, "Upsert Contact": `properties` are named the way the preset's CRM expects; null values are left out. */
export interface UpsertContactItem extends CrmStepItemBase {
	step: 'upsertContact';
	properties: Record<string, string | number | boolean>;
}

/** Output 2, "Add Tag / List": the tier tag to add and the old tier tags to remove. */
export interface AddTagItem extends CrmStepItemBase {
	step: 'addTag';
	tag: string;
	removeTags: string[];
	/** The same tag, shaped for the preset (e.g. Zoho `{ tags: [{ name }] }`). */
	fields: Record<string, unknown>;
}

/** Output 3, "Create Task". */
export interface CreateTaskItem extends CrmStepItemBase {
	step: 'createTask';
	title: string;
	body: string;
	dueInDays: number;
	/** `YYYY-MM-DD`: today in the workflow's time zone, plus `dueInDays`. */
	dueDate: string;
	/**
	 * `dueDate` at 17:00 in the workflow's time zone, with its offset (`2026-12-08T17:00:00-05:00`): for CRMs whose
	 * due date is an instant (n8n's HubSpot node reads a bare date as midnight in the server's zone).
	 */
	dueAt: string;
	/** The task, with the preset's field names (e.g. Salesforce `Subject`, `ActivityDate`). */
	fields: Record<string, unknown>;
}

/** Output 4, "Log Note / Activity". */
export interface LogNoteItem extends CrmStepItemBase {
	step: 'logNote';
	title: string;
	note: string;
	occurredAt: string | null;
	fields: Record<string, unknown>;
}

/** Output 5, "Send Message": one item per channel and language. */
export interface SendMessageItem extends CrmStepItemBase {
	step: 'sendMessage';
	channel: 'sms' | 'email' | 'push';
	/** Phone number for SMS, email address for email, customer id for push; null when the input has none. */
	to: string | null;
	language: string | null;
	title: string | null;
	body: string | null;
	icon: string | null;
	/** Email subject (the title). */
	subject: string | null;
	/** Plain text for SMS and email: title and body on two lines. */
	text: string;
}

export type CrmStepItem = UpsertContactItem | AddTagItem | CreateTaskItem | LogNoteItem | SendMessageItem;
