import type { LoyaltyEvent } from '../types';
import { foldDerived, foldNotification, textKey } from './event';

export interface ReadItem {
	itemIndex: number;
	events: LoyaltyEvent[];
}

/** One event and every input item it came from, in input order. */
export interface EventGroup {
	event: LoyaltyEvent;
	itemIndices: number[];
	/** A folded notification's texts: the input item each one came from (by `textKey`). */
	textItems?: Map<string, number>;
}

function recordTexts(group: EventGroup, event: LoyaltyEvent, itemIndex: number): void {
	group.textItems ??= new Map();
	for (const text of event.notifications) if (!group.textItems.has(textKey(text))) group.textItems.set(textKey(text), itemIndex);
}

const PROFILE_UPDATED = 'customer.profile.updated';
const NOTIFICATION = 'customer.notification.push';
const DERIVED = ['gameball.tier.changed', 'gameball.points.changed'];

function isProfileUpdate(event: LoyaltyEvent): event is LoyaltyEvent & { deliveryId: string } {
	return event.source === 'gameball' && event.sourceEvent === PROFILE_UPDATED && event.deliveryId !== null;
}

function isNotification(event: LoyaltyEvent): event is LoyaltyEvent & { deliveryId: string } {
	return event.source === 'gameball' && event.sourceEvent === NOTIFICATION && event.deliveryId !== null;
}

function isDerived(event: LoyaltyEvent): event is LoyaltyEvent & { deliveryId: string } {
	return event.source === 'gameball' && DERIVED.includes(event.sourceEvent) && event.deliveryId !== null;
}

function addItem(group: EventGroup, itemIndex: number): void {
	if (!group.itemIndices.includes(itemIndex)) group.itemIndices.push(itemIndex);
}

/**
 * For one delivery the Gameball Trigger emits the profile update and, when they moved, derived Tier Changed and
 * Points Changed items (same `deliveryId`). They describe one change, so they become one event: otherwise a tier
 * move would create two tasks and two tags. Without the profile update (not selected in the trigger) the derived
 * items still become one event. Likewise its one item per language of a notification becomes one event with every
 * language. Everything else stays one event per input.
 */
export function groupByDelivery(items: ReadItem[]): EventGroup[] {
	const profiles = new Map<string, EventGroup>();
	const derivedOnly = new Map<string, EventGroup>();
	const notifications = new Map<string, EventGroup>();
	for (const { itemIndex, events } of items) {
		for (const event of events) {
			if (isProfileUpdate(event) && !profiles.has(event.deliveryId)) {
				profiles.set(event.deliveryId, { event, itemIndices: [itemIndex] });
			}
		}
	}
	const groups: EventGroup[] = [];
	// Profile groups already in `groups`.
	const placed = new Set<EventGroup>();
	const startGroup = (byDelivery: Map<string, EventGroup>, event: LoyaltyEvent & { deliveryId: string }, itemIndex: number) => {
		const group: EventGroup = { event, itemIndices: [itemIndex] };
		byDelivery.set(event.deliveryId, group);
		groups.push(group);
		return group;
	};
	for (const { itemIndex, events } of items) {
		for (const event of events) {
			if (isNotification(event)) {
				const first = notifications.get(event.deliveryId);
				if (!first) {
					recordTexts(startGroup(notifications, event, itemIndex), event, itemIndex);
				} else {
					first.event = foldNotification(first.event, event);
					addItem(first, itemIndex);
					recordTexts(first, event, itemIndex);
				}
			} else if (isDerived(event)) {
				const target = profiles.get(event.deliveryId) ?? derivedOnly.get(event.deliveryId);
				if (!target) {
					startGroup(derivedOnly, event, itemIndex);
				} else {
					target.event = foldDerived(target.event, event);
					addItem(target, itemIndex);
				}
			} else {
				const profile = isProfileUpdate(event) ? profiles.get(event.deliveryId) : undefined;
				if (profile && !placed.has(profile)) {
					placed.add(profile);
					groups.push(profile);
				}
				// The same delivery again (a copy in the input): one group (paired with its first copy), not a second task.
				else if (profile) addItem(profile, itemIndex);
				else groups.push({ event, itemIndices: [itemIndex] });
			}
		}
	}
	// Each group's first item is the one it started from: the profile update ahead of its derived items.
	return groups;
}
