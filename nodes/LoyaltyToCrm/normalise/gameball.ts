import type {
	GameballNotificationItem,
	GameballPointsChangedItem,
	GameballProfileChanges,
	GameballProfileUpdatedItem,
	GameballTierChangedItem,
	LoyaltyEvent,
	LoyaltyEventKind,
	LoyaltyNotification,
} from '../../types';
import { sameTierName } from '../../tiers';
import { buildEvent, type EventDraft } from '../event';
import { first, firstObj, isObject, isoTime, num, obj, present, str, type Json } from '../read';

const KINDS: Record<string, LoyaltyEventKind> = {
	'customer.profile.updated': 'profile_updated',
	'customer.notification.push': 'notification',
	'gameball.tier.changed': 'tier_changed',
	'gameball.points.changed': 'points_changed',
};

/** Every field name of the Gameball Trigger's items, as nodes/types.ts exports them. */
type TriggerField =
	| keyof GameballProfileUpdatedItem
	| keyof GameballTierChangedItem
	| keyof GameballPointsChangedItem
	| keyof GameballNotificationItem;

/** Reads a Gameball Trigger field by a name the compiler checks against the trigger's exported types. */
function field(json: Json, name: TriggerField): unknown {
	return json[name];
}

function kindOf(event: string): LoyaltyEventKind {
	return Object.hasOwn(KINDS, event) ? KINDS[event] : 'other';
}

/** A raw Gameball v4 webhook body: `{ event, client_id, customer_id, gb_customer_id, created_at, data }`. */
export function isGameballWebhookBody(json: Json): boolean {
	return (
		typeof json.event === 'string' &&
		'data' in json &&
		('customer_id' in json || 'gb_customer_id' in json || 'client_id' in json)
	);
}

/** An item of the Gameball Trigger with Simplify on: flat camelCase with `event` and `customerId`. */
export function isGameballTriggerItem(json: Json): boolean {
	if (typeof json.event !== 'string') return false;
	const gameballTopic = Object.hasOwn(KINDS, json.event) || /^(customer|gameball)\./.test(json.event);
	return gameballTopic && ('customerId' in json || 'gbCustomerId' in json || 'clientId' in json);
}

/** A customer returned by the Gameball node's get-customer operations (v4 customer or customer details). */
export function isGameballCustomer(json: Json): boolean {
	if ('event' in json || 'type' in json) return false;
	if ('gameballId' in json) return true;
	return (
		typeof json.customerId === 'string' &&
		('customerAttributes' in json || 'referralCode' in json || 'availablePointsBalance' in json)
	);
}

function notificationOf(entry: Json): LoyaltyNotification {
	return {
		language: first(entry, ['language', 'local', 'locale', 'lang'], str),
		title: str(entry.title),
		body: str(entry.body),
		icon: str(entry.icon),
	};
}

/** A notification's `data`: an array of languages, or one language as an object (as the trigger reads it). */
function notificationEntries(json: Json): Json[] {
	if (Array.isArray(json.data)) return json.data.filter(isObject);
	return kindOf(json.event as string) === 'notification' && isObject(json.data) ? [json.data] : [];
}

/**
 * Raw body: snake_case `data` (an object, or for notifications one or an array of `{ local, icon, title, body }`).
 * `outOfOrder`: the trigger said this update is older than one already seen; its tier, balance and referral code are
 * not written.
 */
export function fromGameballWebhookBody(json: Json, outOfOrder = false): LoyaltyEvent {
	const topic = json.event as string;
	const data = obj(json.data);
	const draft: EventDraft = {
		occurredAt: isoTime(json.created_at),
		customer: {
			id: str(json.customer_id),
			platformId: str(json.gb_customer_id),
			email: first(data, ['email'], str),
			mobile: first(data, ['mobile_number', 'mobile'], str),
		},
	};
	draft.notifications = notificationEntries(json).map(notificationOf);
	if (outOfOrder) draft.outOfOrder = true;
	else if (data) {
		draft.tier = { name: str(data.tier_name), rank: num(data.tier_order) };
		draft.points = {
			available: num(data.activated_points),
			pending: num(data.pending_points),
			total: num(data.total_points),
		};
		draft.referral = { code: str(data.referral_code), link: str(data.referral_link) };
	}
	return buildEvent('gameball', kindOf(topic), topic, draft);
}

interface Change {
	previous: unknown;
	current: unknown;
	delta: unknown;
}

/** The fields whose moves the trigger (and the Delivery Guard's Track) report in `changes`. */
type ChangedField = keyof GameballProfileChanges;

function changeOf(changes: Json | null, name: ChangedField): Change | null {
	const entry = obj(changes?.[name]);
	return entry ? { previous: entry.previous, current: entry.current, delta: entry.delta } : null;
}

/** Reads a tier from `{ tierName, tierOrder }`, `{ name, order }` or `{ name, rank }`. */
function tierIn(source: Json | null): { name: string | null; rank: number | null } {
	return {
		name: first(source, ['tierName', 'name', 'tier'], str),
		rank: first(source, ['tierOrder', 'order', 'rank'], num),
	};
}

function tierOfTriggerItem(json: Json, changes: Json | null): EventDraft['tier'] {
	const current = firstObj(json, ['current', 'currentTier']);
	const previous = firstObj(json, ['previous', 'previousTier']);
	const nameChange = changeOf(changes, 'tierName');
	const rankChange = changeOf(changes, 'tierOrder');
	const direction = str(field(json, 'direction'));
	const name = str(field(json, 'tierName')) ?? tierIn(current).name ?? str(nameChange?.current);
	// A named tier at a new order whose name did not change (or only in case or end spaces: `sameTierName`) was
	// renumbered, not left, as the trigger judges it. When the old name was unknown the trigger's own Tier Changed item,
	// if selected, says the move.
	const keptName = nameChange === null || sameTierName(str(nameChange.previous), str(nameChange.current));
	const renumbered = rankChange !== null && keptName && name !== null;
	return {
		name,
		rank: num(field(json, 'tierOrder')) ?? tierIn(current).rank ?? num(rankChange?.current),
		previousName: str(field(json, 'previousTierName')) ?? tierIn(previous).name ?? str(nameChange?.previous),
		previousRank:
			num(field(json, 'previousTierOrder')) ?? tierIn(previous).rank ?? (renumbered ? null : num(rankChange?.previous)),
		direction: direction === 'up' || direction === 'down' ? direction : null,
	};
}

function pointsOfTriggerItem(json: Json, changes: Json | null): EventDraft['points'] {
	const change = changeOf(changes, 'activatedPoints');
	const deltas = firstObj(json, ['deltas', 'delta']);
	const previous = firstObj(json, ['previous']);
	return {
		available: num(field(json, 'activatedPoints')) ?? num(change?.current),
		pending: num(field(json, 'pendingPoints')),
		total: num(field(json, 'totalPoints')),
		delta:
			num(field(json, 'activatedPointsDelta')) ??
			first(json, ['pointsDelta', 'delta'], num) ??
			first(deltas, ['activatedPoints', 'available'], num) ??
			num(change?.delta),
		previousAvailable:
			num(field(json, 'previousActivatedPoints')) ??
			first(previous, ['activatedPoints'], num) ??
			num(change?.previous),
	};
}

function referralOfTriggerItem(json: Json, changes: Json | null): EventDraft['referral'] {
	const change = changeOf(changes, 'referralCode');
	const code = str(field(json, 'referralCode')) ?? str(change?.current);
	return {
		code,
		link: str(field(json, 'referralLink')),
		assigned: change !== null && code !== null && str(change.previous) !== code,
	};
}

/** Gameball Trigger item (Simplify on); read tolerantly so older and newer trigger versions both work. */
export function fromGameballTriggerItem(json: Json): LoyaltyEvent {
	const topic = field(json, 'event') as string;
	const changes = obj(field(json, 'changes'));
	const isOutOfOrder = field(json, 'outOfOrder') === true;
	const notifications = Array.isArray(json.notifications)
		? json.notifications.filter(isObject).map(notificationOf)
		: 'title' in json || 'body' in json
			? [notificationOf(json)]
			: [];
	return buildEvent('gameball', kindOf(topic), topic, {
		occurredAt: isoTime(field(json, 'createdAt')),
		deliveryId: str(field(json, 'deliveryId')),
		customer: {
			id: str(field(json, 'customerId')),
			platformId: str(field(json, 'gbCustomerId')),
			email: str(field(json, 'email')),
			mobile: str(field(json, 'mobileNumber')) ?? str(json.mobile),
			// A trigger item merged with the Gameball node's Get Details (a Merge by position) names the customer.
			name: customerName(obj(json.customerAttributes) ?? json),
		},
		// An update made before one already seen holds an older tier, balance and referral code: they are not written.
		outOfOrder: isOutOfOrder,
		tier: isOutOfOrder ? {} : tierOfTriggerItem(json, changes),
		points: isOutOfOrder ? {} : pointsOfTriggerItem(json, changes),
		referral: isOutOfOrder ? {} : referralOfTriggerItem(json, changes),
		changedFields: changes ? Object.keys(changes) : null,
		notifications,
	});
}

/** A Gameball customer's name: `displayName`, else first and last name. */
function customerName(attributes: Json): string | null {
	const joinedName = [str(attributes.firstName), str(attributes.lastName)].filter(Boolean).join(' ');
	return str(attributes.displayName) ?? (joinedName || null);
}

/** A v4 customer (`/customers/{id}` or `/details`), optionally with balance and tier-progress fields merged in. */
export function fromGameballCustomer(json: Json): LoyaltyEvent {
	// The Gameball node's Simplify puts the attributes at the top level.
	const attributes = obj(json.customerAttributes) ?? json;
	const balance = obj(json.balance) ?? json;
	const tierProgress = obj(json.tierProgress) ?? json;
	const currentTier = firstObj(tierProgress, ['current', 'currentTier', 'tier']);
	return buildEvent('gameball', 'profile_updated', 'gameball.customer', {
		customer: {
			id: str(json.customerId),
			platformId: str(json.gameballId),
			email: first(attributes, ['email'], str) ?? str(json.email),
			mobile: first(attributes, ['mobile', 'mobileNumber'], str) ?? str(json.mobile),
			name: customerName(attributes),
		},
		tier: {
			name: first(currentTier, ['name', 'tierName'], str) ?? str(json.tierName),
			rank: first(currentTier, ['order', 'tierOrder'], num) ?? num(json.tierOrder),
		},
		points: {
			available: first(balance, ['availablePointsBalance', 'activatedPoints'], num),
			pending: first(balance, ['pendingPoints'], num),
			total: first(balance, ['totalPointsBalance', 'totalPoints'], num),
		},
		referral: { code: str(json.referralCode), link: str(json.referralLink) },
	});
}

/** The Gameball Trigger's automation-campaign item: `{ event: 'gameball.automation.webhook', body, query, headers }`. */
export function isGameballAutomationItem(json: Json): boolean {
	return json.event === 'gameball.automation.webhook' && 'body' in json;
}

/**
 * An automation campaign's "Send Webhook" body carries only what the merchant configured, so it is read loosely:
 * it must at least name the customer (a customer id, email or mobile) to become a kind `other` event.
 */
export function fromGameballAutomationBody(body: Json, deliveryId: string | null): LoyaltyEvent | null {
	const customer = {
		id: first(body, ['customerId', 'customer_id', 'playerUniqueId'], str),
		email: first(body, ['email'], str),
		mobile: first(body, ['mobile', 'mobileNumber', 'mobile_number', 'phone'], str),
		platformId: first(body, ['gbCustomerId', 'gb_customer_id', 'gameballId'], str),
	};
	if (!customer.id && !customer.email && !customer.mobile) return null;
	return buildEvent('gameball', 'other', 'gameball.automation.webhook', {
		deliveryId,
		occurredAt: isoTime(first(body, ['createdAt', 'created_at'], present)),
		customer,
		// Only keys that name the balance and the tier: a bare `points` is often what the campaign awarded, a bare
		// `tier` a name or an order.
		tier: {
			name: first(body, ['tierName', 'tier_name'], str),
			rank: first(body, ['tierOrder', 'tier_order'], num),
		},
		points: {
			available: first(body, ['activatedPoints', 'activated_points'], num),
			pending: first(body, ['pendingPoints', 'pending_points'], num),
			total: first(body, ['totalPoints', 'total_points'], num),
		},
	});
}
