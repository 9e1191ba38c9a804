/**
 * Every item shape that a node of this package emits. The README documents these; Loyalty to CRM consumes them.
 * One module, one source of truth.
 */

// ---- Gameball (action node) ----
// (section owned by the action node)

// ---- Gameball Trigger ----
// Items emitted by the Gameball Trigger. Field names are a contract (Loyalty to CRM reads them): do not rename.
// Every item has a discriminating `event`. Missing or null payload values become `null`, never invented.

/** The `event` value of each Gameball Trigger item. */
export type GameballTriggerEvent =
	/** Gameball topic: a customer's profile changed (points, tier, referral details, contact). */
	| 'customer.profile.updated'
	/** Gameball topic: a notification for the customer, one item per language. */
	| 'customer.notification.push'
	/** Derived by the trigger from two successive profile updates: the tier order moved. */
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
	/** ISO 8601 time Gameball made the event (`created_at`), as sent. */
	createdAt: string | null;
	/** Hex SHA-1 of the delivery's raw body: the same for a retried delivery, so usable as an idempotency key. */
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
	 * `null` when the customer is seen for the first time (baseline only); `{}` when nothing tracked moved.
	 */
	changes: GameballProfileChanges | null;
};

/** `customer.notification.push`, simplified: one item per language of the notification. */
export type GameballNotificationItem = GameballEnvelopeFields & {
	event: 'customer.notification.push';
	/** Language code; Gameball spells the field `local`. */
	language: string | null;
	title: string | null;
	body: string | null;
	/** Icon URL. */
	icon: string | null;
};

/** Derived: the customer's tier order moved between two profile updates. Never emitted for a first-seen customer. */
export type GameballTierChangedItem = GameballEnvelopeFields & {
	event: 'gameball.tier.changed';
	direction: 'up' | 'down';
	previousTierOrder: number;
	tierOrder: number;
	previousTierName: string | null;
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

/** A v4 delivery with Simplify off: the payload as received and the request headers without `x-gb-signature`. */
export type GameballRawDeliveryItem = {
	/** The payload's `event` (`customer.profile.updated` or `customer.notification.push`). */
	event: 'customer.profile.updated' | 'customer.notification.push';
	body: Record<string, unknown>;
	headers: Record<string, string>;
	deliveryId: string;
};

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
