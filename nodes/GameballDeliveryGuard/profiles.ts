import type { IDataObject } from 'n8n-workflow';

import { isJsonObject } from '../GameballTrigger/body';
import { madeAtOf, snapshotOf, type ProfileSnapshot } from '../GameballTrigger/changes';
import { asNumber, asText, PROFILE_UPDATED, readEnvelope, readProfile } from '../GameballTrigger/deliveries';
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

/** A `customer.profile.updated` item, or `undefined` for any other item. */
export function readProfileUpdate(item: IDataObject): ProfileUpdate | undefined {
	if (item.event !== PROFILE_UPDATED) return undefined;
	if (isJsonObject(item.body)) {
		// Simplify off: the payload as received.
		const envelope = readEnvelope(item.body, asText(item.deliveryId) ?? '');
		return { envelope: envelope.fields, snapshot: snapshotOf(readProfile(envelope.data), envelope.fields.createdAt), simplified: false };
	}
	const envelope = envelopeOf(item);
	const snapshot: ProfileSnapshot = {
		tierOrder: asNumber(item.tierOrder),
		tierName: asText(item.tierName),
		activatedPoints: asNumber(item.activatedPoints),
		pendingPoints: asNumber(item.pendingPoints),
		totalPoints: asNumber(item.totalPoints),
		referralCode: asText(item.referralCode),
		madeAt: madeAtOf(envelope.createdAt),
	};
	return { envelope, snapshot, simplified: true };
}
