import type { LoyaltyEvent, LoyaltyEventKind } from '../../types';
import { buildEvent, type EventDraft } from '../event';
import { first, firstObj, isObject, isoTime, isoTimeAsSent, num, obj, present, str, type Json } from '../read';

/** Legacy webhooks: `{ type: 'customer.level_changed', data: {...} }`. */
const LEGACY_KINDS: Record<string, LoyaltyEventKind> = {
	'customer.level_changed': 'tier_changed',
	'customer.level_changed_automatically': 'tier_changed',
	'account.available_points_amount_changed': 'points_changed',
	'customer.registered': 'member_registered',
	'customer.updated': 'profile_updated',
	'customer.deactivated': 'member_deactivated',
	'transaction.registered': 'transaction_registered',
	'transaction.assigned_to_customer': 'transaction_registered',
};

/** Subscription webhooks, named by event. */
const NAMED_KINDS: Record<string, LoyaltyEventKind> = {
	CustomerLevelChanged: 'tier_changed',
	AvailablePointsAmountChanged: 'points_changed',
	WalletBalanceUpdated: 'points_changed',
	CustomerUpdated: 'profile_updated',
	CustomerEmailWasChanged: 'profile_updated',
	CustomerPhoneNumberWasChanged: 'profile_updated',
	CustomerRegistered: 'member_registered',
	CustomerWasRegisteredWithoutActivation: 'member_registered',
	CustomerDeactivated: 'member_deactivated',
	TransactionRegistered: 'transaction_registered',
	TransactionAssignedToCustomer: 'transaction_registered',
	CustomerBoughtReward: 'reward_redeemed',
	PointsWillExpire: 'points_will_expire',
};

const NAME_KEYS = ['type', 'eventName', 'event'];
const DATA_KEYS = ['data', 'payload'];

function eventNameOf(json: Json): string | null {
	const name = first(json, NAME_KEYS, str);
	return name ? name.replace(/^oloy\./, '') : null;
}

function looksLikeMemberData(data: Json): boolean {
	return ['customer', 'member', 'customerId', 'memberId', 'transactionId', 'transaction'].some((key) => key in data);
}

/** An Open Loyalty webhook body, legacy or named; unknown Open Loyalty events are recognised as kind `other`. */
export function isOpenLoyaltyBody(json: Json): boolean {
	const name = eventNameOf(json);
	const data = firstObj(json, DATA_KEYS);
	if (!name || !data) return false;
	if (Object.hasOwn(LEGACY_KINDS, name) || Object.hasOwn(NAMED_KINDS, name)) return true;
	const legacyShape = /^(customer|account|transaction|campaign|level|reward)\.[a-z_]+$/.test(name);
	const namedShape = /^[A-Z][A-Za-z]+$/.test(name);
	return (legacyShape || namedShape) && looksLikeMemberData(data);
}

function customerOf(data: Json): EventDraft['customer'] {
	const member = firstObj(data, ['customer', 'member', 'customerData']);
	const registration = obj(data.data);
	const sources = [member, registration, data];
	const pick = (keys: string[]) => {
		for (const source of sources) {
			const value = first(source, keys, str);
			if (value !== null) return value;
		}
		return null;
	};
	const firstName = pick(['firstName']);
	const lastName = pick(['lastName']);
	const joinedName = [firstName, lastName].filter(Boolean).join(' ');
	return {
		id: first(data, ['customerId', 'memberId'], str) ?? first(member, ['customerId', 'memberId', 'id'], str),
		email: pick(['email']),
		mobile: pick(['phone', 'phoneNumber', 'mobile']),
		platformId: pick(['loyaltyCardNumber']),
		name: pick(['name']) ?? (joinedName || null),
	};
}

function levelIn(source: Json | null): { name: string | null; rank: number | null } {
	return {
		name: first(source, ['name', 'levelName'], str),
		rank: first(source, ['order', 'rank', 'conditionValue'], num),
	};
}

function tierOf(data: Json): EventDraft['tier'] {
	const member = firstObj(data, ['customer', 'member']);
	const current = levelIn(firstObj(data, ['level', 'tier', 'currentLevel', 'newLevel']));
	const previous = levelIn(firstObj(data, ['previousLevel', 'oldLevel', 'previousTier', 'fromLevel']));
	const move = first(data, ['levelMove', 'direction', 'move'], str)?.toLowerCase() ?? null;
	return {
		name: current.name ?? first(data, ['levelName', 'tierName'], str) ?? levelIn(firstObj(member, ['level', 'currentLevel'])).name,
		rank: current.rank,
		previousName: previous.name ?? first(data, ['previousLevelName', 'oldLevelName'], str),
		previousRank: previous.rank,
		direction: move === 'up' || move === 'upgrade' ? 'up' : move === 'down' || move === 'downgrade' ? 'down' : null,
	};
}

/**
 * Keys of the available balance. `amount` and `currentAmount` are the balance only on points events; elsewhere they
 * are a transaction's value, a reward's quantity or the expiring points.
 */
const BALANCE_KEYS = ['availableAmount', 'availablePoints'];
const POINTS_EVENT_BALANCE_KEYS = ['amount', ...BALANCE_KEYS, 'currentAmount'];

function pointsOf(data: Json, isPointsEvent: boolean): EventDraft['points'] {
	const wallet = firstObj(data, ['wallet', 'account', 'units']);
	const changeType = first(data, ['amountChangeType', 'amount_change_type', 'operationType'], str) ?? '';
	const change = first(data, ['amountChange', 'amount_change', 'change'], num);
	const delta = change !== null && /subtract|spend|deduct|expire/i.test(changeType) ? -Math.abs(change) : change;
	return {
		available:
			first(data, isPointsEvent ? POINTS_EVENT_BALANCE_KEYS : BALANCE_KEYS, num) ??
			first(wallet, ['activeUnits', 'availableUnits', 'availablePoints', 'activePoints', 'balance'], num),
		pending: first(wallet, ['pendingUnits', 'pendingPoints'], num),
		total: first(wallet, ['totalUnits', 'totalPoints', 'earnedUnits'], num),
		delta,
	};
}

function transactionOf(data: Json): EventDraft['transaction'] {
	const transaction = firstObj(data, ['transaction']) ?? data;
	const details = firstObj(transaction, ['transactionData', 'header']);
	const items = Array.isArray(transaction.items) ? transaction.items.filter(isObject) : [];
	const itemsTotal = items.length ? items.reduce((sum, item) => sum + (num(item.grossValue) ?? 0), 0) : null;
	return {
		id: first(transaction, ['transactionId', 'id'], str),
		amount: first(transaction, ['grossValue', 'value', 'amount'], num) ?? itemsTotal,
		documentNumber: first(transaction, ['documentNumber'], str) ?? first(details, ['documentNumber'], str),
	};
}

function rewardOf(data: Json): EventDraft['reward'] {
	const reward = firstObj(data, ['reward', 'campaign', 'issuedReward']);
	const coupon = firstObj(data, ['coupon']);
	return {
		id: first(reward, ['rewardId', 'campaignId', 'id'], str) ?? first(data, ['rewardId', 'campaignId'], str),
		name: first(reward, ['name'], str) ?? first(data, ['rewardName', 'campaignName'], str),
		couponCode: first(coupon, ['code'], str) ?? first(data, ['couponCode'], str),
	};
}

function expiryOf(data: Json): EventDraft['expiry'] {
	return {
		points: first(data, ['points', 'pointsAmount', 'amount', 'units', 'value'], num),
		// "Expires on 2025-04-30" must name the merchant's day, not UTC's.
		date: isoTimeAsSent(first(data, ['expiresAt', 'expireAt', 'expirationDate', 'willExpireAt', 'expiresAtDate'], str)),
	};
}

function occurredAtOf(json: Json, data: Json): string | null {
	const registration = obj(data.data);
	const details = firstObj(data, ['transactionData']);
	return isoTime(
		first(json, ['createdAt', 'eventDate', 'occurredAt', 'timestamp'], present) ??
			first(data, ['createdAt', 'levelAchievementDate', 'occurredAt', 'eventDate'], present) ??
			first(registration, ['createdAt'], present) ??
			first(details, ['purchaseDate'], present),
	);
}

/** Open Loyalty webhook body, legacy `{ type, data }` or a named subscription event. */
export function fromOpenLoyaltyBody(json: Json): LoyaltyEvent {
	const name = eventNameOf(json) as string;
	const data = firstObj(json, DATA_KEYS) as Json;
	const kind = (Object.hasOwn(LEGACY_KINDS, name) ? LEGACY_KINDS[name] : Object.hasOwn(NAMED_KINDS, name) ? NAMED_KINDS[name] : undefined) ?? 'other';
	const draft: EventDraft = {
		occurredAt: occurredAtOf(json, data),
		customer: customerOf(data),
		tier: tierOf(data),
		points: pointsOf(data, kind === 'points_changed'),
	};
	if (kind === 'transaction_registered') draft.transaction = transactionOf(data);
	if (kind === 'reward_redeemed') draft.reward = rewardOf(data);
	if (kind === 'points_will_expire') draft.expiry = expiryOf(data);
	return buildEvent('openLoyalty', kind, name, draft);
}
