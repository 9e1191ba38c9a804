import type {
	GameballEnvelopeFields,
	GameballPointsChangedItem,
	GameballProfileChange,
	GameballProfileChanges,
	GameballTierChangedItem,
} from '../types';
import { difference, sameAmount } from '../numbers';
import { sameTierName } from '../tiers';
import { parseTime } from '../times';
import type { ProfileFields } from './deliveries';

/** What the trigger remembers of a customer's last profile update. */
export interface ProfileSnapshot {
	tierOrder: number | null;
	tierName: string | null;
	activatedPoints: number | null;
	pendingPoints: number | null;
	totalPoints: number | null;
	referralCode: string | null;
	/** When Gameball made the update (`created_at`, ms since the epoch); `null` when not sent or unreadable. */
	madeAt: number | null;
}

const NUMERIC_FIELDS = ['tierOrder', 'activatedPoints', 'pendingPoints', 'totalPoints'] as const;
const TEXT_FIELDS = ['tierName', 'referralCode'] as const;

/** `created_at` in ms since the epoch (UTC when it names no zone), or `null`. */
export function madeAtOf(createdAt: string | null): number | null {
	if (createdAt === null) return null;
	const time = parseTime(createdAt);
	return Number.isFinite(time) ? time : null;
}

export function snapshotOf(profile: ProfileFields, createdAt: string | null): ProfileSnapshot {
	return {
		tierOrder: profile.tierOrder,
		tierName: profile.tierName,
		activatedPoints: profile.activatedPoints,
		pendingPoints: profile.pendingPoints,
		totalPoints: profile.totalPoints,
		referralCode: profile.referralCode,
		madeAt: madeAtOf(createdAt),
	};
}

type Tier = Pick<ProfileSnapshot, 'tierOrder' | 'tierName'>;

/**
 * The tier to remember. A name belongs to its order: an order sent without a name keeps the old name only when it is
 * the same order, and a name sent without an order leaves a known order and its name as they were.
 */
function mergeTiers(previous: Tier, current: Tier): Tier {
	if (current.tierOrder === null) {
		if (previous.tierOrder !== null) return { tierOrder: previous.tierOrder, tierName: previous.tierName };
		return { tierOrder: null, tierName: current.tierName ?? previous.tierName };
	}
	const sameOrder = current.tierOrder === previous.tierOrder;
	return { tierOrder: current.tierOrder, tierName: current.tierName ?? (sameOrder ? previous.tierName : null) };
}

/** The snapshot to remember: each field as now sent, or as last known when this update lacks it (the tier as a pair). */
export function mergeSnapshots(previous: ProfileSnapshot | undefined, current: ProfileSnapshot): ProfileSnapshot {
	if (!previous) return current;
	const tier = mergeTiers(previous, current);
	return {
		tierOrder: tier.tierOrder,
		tierName: tier.tierName,
		activatedPoints: current.activatedPoints ?? previous.activatedPoints,
		pendingPoints: current.pendingPoints ?? previous.pendingPoints,
		totalPoints: current.totalPoints ?? previous.totalPoints,
		referralCode: current.referralCode ?? previous.referralCode,
		// Sent without a readable time, an update came after the remembered one: a late copy of that one stays old news.
		madeAt: current.madeAt ?? (previous.madeAt === null ? null : previous.madeAt + 1),
	};
}

function deltaOrNull(current: number | null, previous: number | null): number | null {
	return current === null || previous === null ? null : difference(current, previous);
}

/**
 * The tracked fields that moved. A field missing on either side is not a change: so a referral code first seen
 * (or remembered in the format that predates it) is a baseline, not an assignment.
 */
export function profileChanges(previous: ProfileSnapshot, current: ProfileSnapshot): GameballProfileChanges {
	const changes: GameballProfileChanges = {};
	for (const field of NUMERIC_FIELDS) {
		const before = previous[field];
		const after = current[field];
		if (before === null || after === null || sameAmount(before, after)) continue;
		const change: GameballProfileChange<number> = { previous: before, current: after, delta: difference(after, before) };
		changes[field] = change;
	}
	for (const field of TEXT_FIELDS) {
		const before = previous[field];
		// The name as remembered: one sent without its order leaves the known tier as it was, so it is no change.
		const after = field === 'tierName' ? mergeTiers(previous, current).tierName : current[field];
		if (before === null || after === null || before === after) continue;
		changes[field] = { previous: before, current: after };
	}
	return changes;
}

/** How a profile update relates to what is remembered of the customer. */
export interface ProfileStep {
	/** The snapshot to remember; `undefined` keeps what is remembered. */
	remember: ProfileSnapshot | undefined;
	/** The snapshot derived events compare with; `undefined` for a first sighting or an out-of-order update. */
	compareWith: ProfileSnapshot | undefined;
	/** Gameball made this update before the remembered one (a late retry, or two deliveries that crossed). */
	outOfOrder: boolean;
	/** The profile item's `changes`: `null` at a first sighting, `{}` when out of order. */
	changes: GameballProfileChanges | null;
}

/**
 * A `created_at` further than this ahead of the clock is not believed: remembered, one update dated in the future
 * would make every later one out of order until that date.
 */
export const MAX_AHEAD_OF_CLOCK_MS = 60 * 60_000;

function believedTime(madeAt: number | null, now: number): number | null {
	return madeAt !== null && madeAt <= now + MAX_AHEAD_OF_CLOCK_MS ? madeAt : null;
}

/**
 * The next step for a customer: an update made before the remembered one is old news, so it changes nothing
 * remembered and derives nothing (comparing it would report a move back, then the same move again). A time too far
 * in the future (`MAX_AHEAD_OF_CLOCK_MS`) counts as none: such an update is taken in the order it came.
 */
export function stepProfile(previous: ProfileSnapshot | undefined, sent: ProfileSnapshot, now = Date.now()): ProfileStep {
	const rememberedAt = believedTime(previous?.madeAt ?? null, now);
	const madeAt = believedTime(sent.madeAt, now);
	const current = madeAt === sent.madeAt ? sent : { ...sent, madeAt };
	if (rememberedAt !== null && madeAt !== null && madeAt < rememberedAt) {
		return { remember: undefined, compareWith: undefined, outOfOrder: true, changes: {} };
	}
	return {
		remember: mergeSnapshots(previous, current),
		compareWith: previous,
		outOfOrder: false,
		changes: previous ? profileChanges(previous, current) : null,
	};
}

/** The same tier at another order: the merchant added, removed or reordered tiers, and the customer did not move. */
function isRenumbered(previous: Tier, current: Tier): boolean {
	return sameTierName(previous.tierName, current.tierName);
}

/** A tier change when the tier order moved, unless the tier kept its name; `undefined` otherwise. */
export function tierChangedItem(
	envelope: GameballEnvelopeFields,
	previous: ProfileSnapshot,
	current: ProfileSnapshot,
): GameballTierChangedItem | undefined {
	if (previous.tierOrder === null || current.tierOrder === null || previous.tierOrder === current.tierOrder) {
		return undefined;
	}
	if (isRenumbered(previous, current)) return undefined;
	return {
		event: 'gameball.tier.changed',
		...envelope,
		direction: current.tierOrder > previous.tierOrder ? 'up' : 'down',
		previousTierOrder: previous.tierOrder,
		tierOrder: current.tierOrder,
		previousTierName: previous.tierName,
		tierName: current.tierName,
	};
}

function moved(previous: number | null, current: number | null): boolean {
	return previous !== null && current !== null && !sameAmount(previous, current);
}

/** A points change when activated or total points moved; `undefined` otherwise. */
export function pointsChangedItem(
	envelope: GameballEnvelopeFields,
	previous: ProfileSnapshot,
	current: ProfileSnapshot,
): GameballPointsChangedItem | undefined {
	const activatedMoved = moved(previous.activatedPoints, current.activatedPoints);
	const totalMoved = moved(previous.totalPoints, current.totalPoints);
	if (!activatedMoved && !totalMoved) return undefined;
	return {
		event: 'gameball.points.changed',
		...envelope,
		previousActivatedPoints: previous.activatedPoints,
		activatedPoints: current.activatedPoints,
		activatedPointsDelta: deltaOrNull(current.activatedPoints, previous.activatedPoints),
		previousPendingPoints: previous.pendingPoints,
		pendingPoints: current.pendingPoints,
		pendingPointsDelta: deltaOrNull(current.pendingPoints, previous.pendingPoints),
		previousTotalPoints: previous.totalPoints,
		totalPoints: current.totalPoints,
		totalPointsDelta: deltaOrNull(current.totalPoints, previous.totalPoints),
	};
}
