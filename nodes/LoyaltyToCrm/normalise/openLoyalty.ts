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
	// Sent when a member receives a reward: bought, granted by a campaign or assigned (Open Loyalty's catalogue).
	CustomerBoughtReward: 'reward_redeemed',
	PointsWillExpire: 'points_will_expire',
	// The rest of the catalogue: read as `other` whatever their data holds, so subscribing to one never stops a run.
	CampaignEffectWasApplied: 'other',
	RewardRedemptionStatusChanged: 'other',
	CouponWillExpire: 'other',
	LevelWillExpire: 'other',
	CustomerRequestedSendActivationCode: 'other',
	CustomerRequestedPasswordReset: 'other',
};

const NAME_KEYS = ['type', 'eventName', 'event'];
const DATA_KEYS = ['data', 'payload'];

function eventNameOf(json: Json): string | null {
	const name = first(json, NAME_KEYS, str);
	return name ? name.replace(/^oloy\./, '') : null;
}

/** A body shaped as an Open Loyalty event, whether or not its name is one this node knows. */
function openLoyaltyShape(json: Json): { name: string; data: Json; known: boolean } | null {
	const name = eventNameOf(json);
	const data = firstObj(json, DATA_KEYS);
	if (!name || !data) return null;
	const known = Object.hasOwn(LEGACY_KINDS, name) || Object.hasOwn(NAMED_KINDS, name);
	const legacyShape = /^(customer|account|transaction|campaign|level|reward)\.[a-z_]+$/.test(name);
	const namedShape = /^[A-Z][A-Za-z]+$/.test(name);
	return known || legacyShape || namedShape ? { name, data, known } : null;
}

/** Keys of an Open Loyalty member in an event's data: without one, an unknown event is not taken for Open Loyalty's. */
const MEMBER_DATA_KEYS = ['customer', 'member', 'customerData', 'customerId', 'memberId', 'transaction'];

/**
 * Whether `data` names a member under a member key by a customer ID, email or phone (what a step finds the contact
 * by): an email beside a `customerId: null`, or beside a bare `transactionId`, is any service's, not a member's.
 */
function namesCustomer(data: Json): boolean {
	const memberPart: Json = {};
	for (const key of MEMBER_DATA_KEYS) if (Object.hasOwn(data, key)) memberPart[key] = data[key];
	if (Object.keys(memberPart).length === 0) return false;
	const { id, email, mobile } = customerOf(memberPart);
	return id !== null || email !== null || mobile !== null;
}

/**
 * An Open Loyalty webhook body, legacy or named. An unknown Open Loyalty event is recognised, as kind `other`, only
 * when it names a customer through a member key; a known one always is (one that names no member fires no step).
 */
export function isOpenLoyaltyBody(json: Json): boolean {
	const shape = openLoyaltyShape(json);
	return shape !== null && (shape.known || namesCustomer(shape.data));
}

/** Why an Open Loyalty-shaped body is not read, for the error; null when it is read or is not shaped so. */
export function openLoyaltyRefusal(json: Json): string | null {
	const shape = openLoyaltyShape(json);
	if (!shape || isOpenLoyaltyBody(json)) return null;
	return `the Open Loyalty event "${shape.name}" names no member (no customer, member, customerData, customerId, memberId or transaction key giving a customer ID, email or phone)`;
}

const MEMBER_KEYS = ['customer', 'member', 'customerData'];
const MEMBER_ID_KEYS = ['customerId', 'memberId'];

/** A person's name from `firstName` and `lastName`; null when neither is given. */
function joinedNameOf(firstName: string | null, lastName: string | null): string | null {
	return [firstName, lastName].filter(Boolean).join(' ') || null;
}

/**
 * The name when `data` is the member itself. Its `name` may be the member's ("Jon Doe" beside `firstName` "Jon") or
 * the event's subject ("Free coffee" beside "Mila" "Nowak"): it is the member's when there is no first name, or when
 * it holds the first name as a word.
 */
function nameOfMemberData(data: Json, pick: (keys: string[]) => string | null): string | null {
	const firstName = pick(['firstName']);
	const lastName = pick(['lastName']);
	const joined = joinedNameOf(firstName, lastName);
	const name = pick(['name']);
	if (name !== null && (firstName === null || namesMember(name, firstName, lastName))) return name;
	return joined ?? name;
}

/** Scripts whose names are written without spaces ("山田太郎"), in either order of family and given name. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** Whether `name` is the member's: it holds the first name as a word, or in an unspaced script is the two names. */
function namesMember(name: string, firstName: string, lastName: string | null): boolean {
	if (!UNSPACED_SCRIPT.test(firstName)) return hasWord(name, firstName);
	const bare = name.replace(/\s+/g, '');
	return bare === firstName || (lastName !== null && (bare === lastName + firstName || bare === firstName + lastName));
}

/** Whether `text` holds `word` as a whole word, in any case ("Jon Doe" holds "jon"; "Free Alcohol" does not hold "Al"). */
function hasWord(text: string, word: string): boolean {
	const wanted = word.toLowerCase();
	return text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).includes(wanted);
}

/** The keys of the value an Open Loyalty event changes, read from `data` before the member's own. */
const CHANGED_VALUE_KEYS: Record<string, string[]> = {
	CustomerEmailWasChanged: ['email'],
	CustomerPhoneNumberWasChanged: ['phone', 'phoneNumber', 'mobile'],
};

/**
 * The member: at the top of `data`, else inside `data.transaction` (`customerId`, `customerData`), else `data` itself.
 * Beside a member object, a `name` on `data` may be the event's subject (a reward's name), so it is the customer's
 * only when nothing else names them.
 */
function customerOf(data: Json, eventName = ''): LoyaltyEvent['customer'] {
	const transaction = firstObj(data, ['transaction']);
	const member = firstObj(data, MEMBER_KEYS) ?? firstObj(transaction, MEMBER_KEYS);
	const registration = obj(data.data);
	// An email or phone change may carry the new value beside the member, which still holds the old one.
	const newValueFirst = Object.hasOwn(CHANGED_VALUE_KEYS, eventName) ? CHANGED_VALUE_KEYS[eventName] : [];
	const pick = (keys: string[], sources = keys.some((key) => newValueFirst.includes(key)) ? [data, member, registration] : [member, registration, data]) => {
		for (const source of sources) {
			const value = first(source, keys, str);
			if (value !== null) return value;
		}
		return null;
	};
	return {
		id:
			first(data, MEMBER_ID_KEYS, str) ??
			first(member, [...MEMBER_ID_KEYS, 'id'], str) ??
			first(transaction, MEMBER_ID_KEYS, str),
		email: pick(['email']),
		mobile: pick(['phone', 'phoneNumber', 'mobile']),
		platformId: pick(['loyaltyCardNumber']),
		name: member ? pick(['name'], [member, registration]) ?? joinedNameOf(pick(['firstName']), pick(['lastName'])) ?? first(data, ['name'], str) : nameOfMemberData(data, pick),
	};
}

type Level = { name: string | null; rank: number | null };

const CURRENT_LEVEL_KEYS = ['level', 'tier', 'currentLevel', 'newLevel'];
const PREVIOUS_LEVEL_KEYS = ['previousLevel', 'oldLevel', 'previousTier', 'fromLevel'];

/** Open Loyalty's IDs are UUIDs: a level sent as one names no tier. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A level sent by its name alone (`level: "Gold"`), not by its ID. */
function levelName(value: unknown): string | null {
	const name = typeof value === 'string' ? str(value) : null;
	return name !== null && UUID.test(name) ? null : name;
}

/**
 * The level under the first of `keys`: an object (`{ name, conditionValue }`), its name else under `nameKeys`; or a
 * text under `keys`, which may be a name (`level: "Gold"`) or an ID, so a name under `nameKeys` comes first.
 */
function levelAt(source: Json | null, keys: string[], nameKeys: string[] = []): Level {
	const level = firstObj(source, keys);
	const named = first(level, ['name', 'levelName'], str) ?? first(source, nameKeys, str);
	if (level) return { name: named, rank: first(level, ['order', 'rank', 'conditionValue'], num) };
	return { name: named ?? first(source, keys, levelName), rank: null };
}

/** The current level as the event gives it, else as its member does (`data.customer.level`). */
function currentLevelOf(data: Json): Level {
	const given = levelAt(data, CURRENT_LEVEL_KEYS, ['levelName', 'tierName']);
	if (given.name !== null) return given;
	const ofMember = levelAt(firstObj(data, ['customer', 'member']), ['level', 'currentLevel'], ['levelName']);
	return { name: ofMember.name, rank: given.rank ?? ofMember.rank };
}

function tierOf(data: Json): EventDraft['tier'] {
	const current = currentLevelOf(data);
	const previous = levelAt(data, PREVIOUS_LEVEL_KEYS, ['previousLevelName', 'oldLevelName']);
	const move = first(data, ['levelMove', 'direction', 'move'], str)?.toLowerCase() ?? null;
	return {
		name: current.name,
		rank: current.rank,
		previousName: previous.name,
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
	const deducts = /subtract|spen[dt]|deduct|expire|block|remov|withdr[ae]w/i.test(changeType) && !/unblock/i.test(changeType);
	const delta = change !== null && deducts ? -Math.abs(change) : change;
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
	const date = first(data, ['expiresAt', 'expireAt', 'expirationDate', 'willExpireAt', 'expiresAtDate'], str);
	return {
		points: first(data, ['points', 'pointsAmount', 'amount', 'units', 'value'], num),
		// "Expires on 2025-04-30" must name the merchant's day, not UTC's; a date in another form is shown as sent.
		date: isoTimeAsSent(date) ?? date,
	};
}

function occurredAtOf(json: Json, data: Json): string | null {
	const registration = obj(data.data);
	// A transaction's purchase date: in its details (`transactionData`, `header`) or on it, inside `transaction` or not.
	const transaction = firstObj(data, ['transaction']) ?? data;
	const details = firstObj(transaction, ['transactionData', 'header']) ?? firstObj(data, ['transactionData', 'header']);
	return isoTime(
		first(json, ['createdAt', 'eventDate', 'occurredAt', 'timestamp'], present) ??
			first(data, ['createdAt', 'levelAchievementDate', 'occurredAt', 'eventDate'], present) ??
			first(registration, ['createdAt'], present) ??
			first(details, ['purchaseDate'], present) ??
			first(transaction, ['purchaseDate'], present),
	);
}

/** Open Loyalty webhook body, legacy `{ type, data }` or a named subscription event. */
export function fromOpenLoyaltyBody(json: Json): LoyaltyEvent {
	const name = eventNameOf(json) as string;
	const data = firstObj(json, DATA_KEYS) as Json;
	const kind = (Object.hasOwn(LEGACY_KINDS, name) ? LEGACY_KINDS[name] : Object.hasOwn(NAMED_KINDS, name) ? NAMED_KINDS[name] : undefined) ?? 'other';
	// The rest of the catalogue moves no level (a level about to expire has not moved), and a campaign's units also
	// arrive as a balance event: read from it, they would fire every tier or points step a second time.
	const catalogueRest = Object.hasOwn(NAMED_KINDS, name) && NAMED_KINDS[name] === 'other';
	const draft: EventDraft = {
		occurredAt: occurredAtOf(json, data),
		customer: customerOf(data, name),
		tier: catalogueRest ? {} : tierOf(data),
		points: name === 'CampaignEffectWasApplied' ? {} : pointsOf(data, kind === 'points_changed'),
	};
	if (kind === 'transaction_registered') draft.transaction = transactionOf(data);
	if (kind === 'reward_redeemed') draft.reward = rewardOf(data);
	if (kind === 'points_will_expire') draft.expiry = expiryOf(data);
	return buildEvent('openLoyalty', kind, name, draft);
}
