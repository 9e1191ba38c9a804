import type { LoyaltyEvent } from '../types';
import { sameTierName } from '../tiers';

/** Open Loyalty's names for a transaction matched to a member after it was registered (kind `transaction_registered`). */
const TRANSACTION_ASSIGNED = ['TransactionAssignedToCustomer', 'transaction.assigned_to_customer'];

/** True when the event is a transaction's assignment to the member rather than its registration. */
export function isTransactionAssigned(event: LoyaltyEvent): boolean {
	return event.source === 'openLoyalty' && TRANSACTION_ASSIGNED.includes(event.sourceEvent);
}

/** An ISO time's day (`2025-04-30`); a date in another form, as sent. */
function dayOf(date: string): string {
	return /^\d{4}-\d{2}-\d{2}T/.test(date) ? date.slice(0, 10) : date;
}

function signed(value: number): string {
	return value > 0 ? `+${value}` : String(value);
}

/** A tier's name, or for a tier sent without one its rank (`tier 3`); `null` with neither. */
export function tierLabel(name: string | null, rank: number | null): string | null {
	return name ?? (rank === null ? null : `tier ${rank}`);
}

function tierPhrase(event: LoyaltyEvent): string | null {
	const { tier } = event;
	const name = tierLabel(tier.name, tier.rank);
	const previousName = tierLabel(tier.previousName, tier.previousRank);
	if (tier.direction && name) {
		const moved = tier.direction === 'up' ? 'Moved up' : 'Moved down';
		return previousName ? `${moved} from ${previousName} to ${name}` : `${moved} to ${name}`;
	}
	// Two names without ranks: a move, its direction unknown.
	const noRanks = tier.rank === null && tier.previousRank === null;
	if (noRanks && tier.name && tier.previousName && !sameTierName(tier.previousName, tier.name)) return `Moved from ${tier.previousName} to ${tier.name}`;
	if (tier.name && (event.kind === 'tier_changed' || event.kind === 'member_registered')) return `Now in ${tier.name}`;
	if (tier.name && event.kind === 'profile_updated') return `Tier ${tier.name}`;
	return null;
}

function pointsPhrase(event: LoyaltyEvent): string | null {
	const { available, delta } = event.points;
	if (available !== null) {
		return delta !== null && delta !== 0
			? `${available} points available (${signed(delta)})`
			: `${available} points available`;
	}
	if (delta !== null && delta !== 0) return `${signed(delta)} points`;
	return null;
}

function kindPhrase(event: LoyaltyEvent): string | null {
	switch (event.kind) {
		case 'notification': {
			const title = event.notifications.find((entry) => entry.title)?.title;
			return title ? `Notification: ${title}` : 'Notification';
		}
		case 'member_registered':
			return 'Registered as a member';
		case 'member_deactivated':
			return 'Member deactivated';
		case 'transaction_registered': {
			const transaction = event.transaction;
			const label = transaction?.documentNumber ?? transaction?.id;
			const amount = transaction?.amount;
			const what = isTransactionAssigned(event) ? 'assigned to the customer' : 'registered';
			return `Transaction${label ? ` ${label}` : ''} ${what}${amount !== null && amount !== undefined ? ` (${amount})` : ''}`;
		}
		case 'reward_redeemed': {
			const name = event.reward?.name;
			// Open Loyalty's CustomerBoughtReward: bought, or granted by a campaign, or assigned.
			return name ? `Received reward ${name}` : 'Received a reward';
		}
		case 'points_will_expire': {
			const expiry = event.expiry;
			const amount = expiry?.points !== null && expiry?.points !== undefined ? `${expiry.points} points` : 'Points';
			return `${amount} will expire${expiry?.date ? ` on ${dayOf(expiry.date)}` : ' soon'}`;
		}
		case 'other':
			return `Loyalty event ${event.sourceEvent}`;
		default:
			return null;
	}
}

/** One human sentence, e.g. "Moved up from Silver to Gold; 90 points available (+40)". */
export function describe(event: LoyaltyEvent): string {
	const parts = [kindPhrase(event), tierPhrase(event)];
	if (event.kind !== 'points_will_expire') parts.push(pointsPhrase(event));
	if (event.referral.assigned && event.referral.code) parts.push(`Referral code ${event.referral.code} assigned`);
	const sentence = parts.filter((part): part is string => part !== null).join('; ');
	if (sentence) return sentence;
	if (event.kind === 'profile_updated') return 'Profile updated';
	return `Loyalty event ${event.sourceEvent}`;
}
