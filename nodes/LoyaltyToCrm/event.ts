import { difference } from '../numbers';
import type { LoyaltyEvent, LoyaltyEventKind, LoyaltyNotification, LoyaltySource } from '../types';
import { describe } from './summary';

/** Everything a normaliser may fill in; what it leaves out stays null or empty. */
export type EventDraft = Partial<Omit<LoyaltyEvent, 'customer' | 'tier' | 'points' | 'referral' | 'summary'>> & {
	customer?: Partial<LoyaltyEvent['customer']>;
	tier?: Partial<LoyaltyEvent['tier']>;
	points?: Partial<LoyaltyEvent['points']>;
	referral?: Partial<LoyaltyEvent['referral']>;
};

function directionOf(tier: LoyaltyEvent['tier']): 'up' | 'down' | null {
	if (tier.direction) return tier.direction;
	if (tier.rank !== null && tier.previousRank !== null && tier.rank !== tier.previousRank) {
		return tier.rank > tier.previousRank ? 'up' : 'down';
	}
	return null;
}

/** Builds a complete event: fills the gaps with null, derives the tier direction, the previous balance and the summary. */
export function buildEvent(
	source: LoyaltySource,
	kind: LoyaltyEventKind,
	sourceEvent: string,
	draft: EventDraft,
): LoyaltyEvent {
	const tier = {
		name: null,
		rank: null,
		previousName: null,
		previousRank: null,
		direction: null,
		...draft.tier,
	};
	tier.direction = directionOf(tier);
	const points = {
		available: null,
		pending: null,
		total: null,
		delta: null,
		previousAvailable: null,
		...draft.points,
	};
	if (points.previousAvailable === null && points.available !== null && points.delta !== null) {
		points.previousAvailable = difference(points.available, points.delta);
	}
	if (points.delta === null && points.available !== null && points.previousAvailable !== null) {
		points.delta = difference(points.available, points.previousAvailable);
	}
	const event: LoyaltyEvent = {
		source,
		kind,
		sourceEvent,
		customer: { id: null, email: null, mobile: null, platformId: null, name: null, ...draft.customer },
		tier,
		points,
		referral: { code: null, link: null, assigned: false, ...draft.referral },
		changedFields: draft.changedFields ?? null,
		// Without exact repeats, whatever the source: a repeat would send the message twice.
		notifications: uniqueTexts(draft.notifications ?? []),
		transaction: draft.transaction ?? null,
		reward: draft.reward ?? null,
		expiry: draft.expiry ?? null,
		occurredAt: draft.occurredAt ?? null,
		deliveryId: draft.deliveryId ?? null,
		outOfOrder: draft.outOfOrder ?? false,
		summary: '',
	};
	event.summary = describe(event);
	return event;
}

/**
 * Folds a derived Gameball Trigger event (tier or points changed) into the profile update of the same delivery, or
 * into its other derived event: the first keeps its values and gains the move it lacked; the kind becomes the more
 * specific one.
 */
export function foldDerived(profile: LoyaltyEvent, derived: LoyaltyEvent): LoyaltyEvent {
	const { tier, points } = profile;
	const kind = derived.kind === 'tier_changed' || profile.kind !== 'tier_changed' ? derived.kind : profile.kind;
	return buildEvent(profile.source, kind, profile.sourceEvent, {
		...profile,
		tier: {
			name: tier.name ?? derived.tier.name,
			rank: tier.rank ?? derived.tier.rank,
			previousName: tier.previousName ?? derived.tier.previousName,
			previousRank: tier.previousRank ?? derived.tier.previousRank,
			direction: tier.direction ?? derived.tier.direction,
		},
		points: {
			available: points.available ?? derived.points.available,
			pending: points.pending ?? derived.points.pending,
			total: points.total ?? derived.points.total,
			delta: points.delta ?? derived.points.delta,
			previousAvailable: points.previousAvailable ?? derived.points.previousAvailable,
		},
	});
}

/** A notification text's identity: its language, title and body. */
export function textKey(text: LoyaltyNotification): string {
	return JSON.stringify([text.language, text.title, text.body]);
}

/** The texts without exact repeats (the same language, title and body): a repeat would send the message twice. */
export function uniqueTexts(texts: LoyaltyNotification[]): LoyaltyNotification[] {
	const seen = new Set<string>();
	return texts.filter((text) => {
		const key = textKey(text);
		return seen.has(key) ? false : Boolean(seen.add(key));
	});
}

/**
 * Folds one language's notification item into the first of the same delivery (the Gameball Trigger emits one item
 * per language): one event carrying every text once, so Message Language can choose among them. Only an exact
 * repeat (same language, title and body) is dropped.
 */
export function foldNotification(first: LoyaltyEvent, next: LoyaltyEvent): LoyaltyEvent {
	// Events hold no repeats (`buildEvent`): no text more means nothing new.
	const notifications = uniqueTexts([...first.notifications, ...next.notifications]);
	if (notifications.length === first.notifications.length) return first;
	return buildEvent(first.source, first.kind, first.sourceEvent, { ...first, notifications });
}
