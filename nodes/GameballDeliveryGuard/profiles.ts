import { hash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { isJsonObject } from '../jsonObject';
import { madeAtOf, snapshotOf, type ProfileSnapshot } from '../GameballTrigger/changes';
import { asNumber, asText, nonBlankText, PROFILE_UPDATED, readEnvelope, readProfile } from '../GameballTrigger/deliveries';
import type { GameballEnvelopeFields } from '../types';

/** A profile update as the guard reads it from a Gameball Trigger item (Simplify on or off). */
export interface ProfileUpdate {
	envelope: GameballEnvelopeFields;
	snapshot: ProfileSnapshot;
	/** True for a simplified item, whose `changes` the guard recomputes. */
	simplified: boolean;
}

/** The trigger's own derived items, which the guard replaces with its own in queue mode. */
export const DERIVED_EVENTS = ['gameball.tier.changed', 'gameball.points.changed'];

function envelopeOf(item: IDataObject): GameballEnvelopeFields {
	return {
		clientId: asText(item.clientId),
		customerId: asText(item.customerId),
		gbCustomerId: asText(item.gbCustomerId),
		createdAt: asText(item.createdAt),
		deliveryId: asText(item.deliveryId) ?? '',
	};
}

/**
 * The payload as Gameball sent it: under `body` in the trigger's raw item (Simplify off) and in n8n's Webhook node's
 * item, or the item itself when it is a bare webhook body. `undefined` for a simplified trigger item.
 */
function sentPayloadOf(item: IDataObject): IDataObject | undefined {
	if (isJsonObject(item.body) && (item.event === PROFILE_UPDATED || item.body.event === PROFILE_UPDATED)) return item.body;
	if (item.event === PROFILE_UPDATED && ('customer_id' in item || 'gb_customer_id' in item)) return item;
	return undefined;
}

/** One of the trigger's derived items (read without converting `event`: an item's own `toString` may throw). */
export function isDerivedEvent(item: IDataObject): boolean {
	return isJsonObject(item) && typeof item.event === 'string' && DERIVED_EVENTS.includes(item.event);
}

/** Whether `readProfileUpdate` reads the item, without reading it. */
export function isProfileUpdate(item: IDataObject): boolean {
	// A Code node can put anything in an item's `json`: only an object is read.
	if (!isJsonObject(item)) return false;
	return item.event === PROFILE_UPDATED || sentPayloadOf(item) !== undefined;
}

/** A `customer.profile.updated` item, or `undefined` for any other item. */
export function readProfileUpdate(item: IDataObject): ProfileUpdate | undefined {
	if (!isProfileUpdate(item)) return undefined;
	const sent = sentPayloadOf(item);
	if (sent) {
		// A body without the trigger's delivery ID gets the one the trigger gives a re-serialised body.
		const envelope = readEnvelope(sent, asText(item.deliveryId) ?? hash('sha1', JSON.stringify(sent), 'hex'));
		return { envelope: envelope.fields, snapshot: snapshotOf(readProfile(envelope.data), envelope.fields.createdAt), simplified: false };
	}
	const envelope = envelopeOf(item);
	const snapshot: ProfileSnapshot = {
		tierOrder: asNumber(item.tierOrder),
		tierName: nonBlankText(item.tierName),
		activatedPoints: asNumber(item.activatedPoints),
		pendingPoints: asNumber(item.pendingPoints),
		totalPoints: asNumber(item.totalPoints),
		referralCode: nonBlankText(item.referralCode),
		madeAt: madeAtOf(envelope.createdAt),
	};
	return { envelope, snapshot, simplified: true };
}
