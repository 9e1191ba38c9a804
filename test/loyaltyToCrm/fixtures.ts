import type { IDataObject } from 'n8n-workflow';

import { notificationPayload, profileSample } from '../fixtures/gameballPayloads';

/**
 * Input samples. Gameball bodies are copied from Gameball's webhook docs (seeds 001 and 003);
 * Open Loyalty legacy bodies from Open Loyalty's webhook docs; named Open Loyalty bodies follow the
 * `{ type, data: { customer, ... } }` shape their integration guides show.
 */

export const gameballProfileBody = profileSample;

/** The notification sample with two languages and the customer's ID as a string. */
export const gameballNotificationBody = notificationPayload({
	gb_customer_id: '1234',
	created_at: '2024-11-19T17:34:42.297Z',
	data: [
		{ local: 'en', icon: 'https://cdn.example.com/gold.png', title: 'You reached Gold', body: 'Enjoy 2x points.' },
		{ local: 'ar', icon: 'https://cdn.example.com/gold.png', title: 'وصلت إلى الذهبي', body: 'استمتع بنقاط مضاعفة.' },
	],
});

/** A notification in one language: Gameball may send `data` as one object rather than an array. */
export const gameballNotificationObjectBody = notificationPayload({
	data: { local: 'en', icon: 'https://cdn.example.com/gold.png', title: 'You reached Gold', body: 'Enjoy 2x points.' },
});

/** What n8n's Webhook node emits for a request. */
export function webhookNodeItem(body: unknown): IDataObject {
	return {
		headers: { 'content-type': 'application/json', 'x-gb-webhook-version': 'v4' },
		params: {},
		query: {},
		body: body as IDataObject,
		webhookUrl: 'http://localhost:5678/webhook/loyalty',
		executionMode: 'production',
	};
}

const envelope = {
	clientId: '2155',
	customerId: 'cust-1',
	gbCustomerId: '1234',
	createdAt: '2024-11-19T17:34:42.297Z',
	deliveryId: 'd1',
};

/** Gameball Trigger (Simplify on) items, shaped as nodes/types.ts documents them. */
export const triggerProfileItem = {
	event: 'customer.profile.updated',
	...envelope,
	email: 'ada@example.com',
	mobileNumber: '+201000000000',
	tierName: 'Gold',
	tierOrder: 3,
	referralCode: 'ADA123',
	referralLink: 'https://example.com/r/ADA123',
	activatedPoints: 90,
	pendingPoints: 10,
	totalPoints: 100,
	changes: {
		tierOrder: { previous: 2, current: 3, delta: 1 },
		tierName: { previous: 'Silver', current: 'Gold' },
		activatedPoints: { previous: 50, current: 90, delta: 40 },
	},
};

export const triggerTierItem = {
	event: 'gameball.tier.changed',
	...envelope,
	direction: 'up',
	previousTierOrder: 2,
	tierOrder: 3,
	previousTierName: 'Silver',
	tierName: 'Gold',
};

export const triggerPointsItem = {
	event: 'gameball.points.changed',
	...envelope,
	previousActivatedPoints: 50,
	activatedPoints: 90,
	activatedPointsDelta: 40,
	previousPendingPoints: 10,
	pendingPoints: 10,
	pendingPointsDelta: 0,
	previousTotalPoints: 60,
	totalPoints: 100,
	totalPointsDelta: 40,
};

export const triggerNotificationItem = {
	event: 'customer.notification.push',
	...envelope,
	deliveryId: 'n1',
	language: 'en',
	title: 'You reached Gold',
	body: 'Enjoy 2x points.',
	icon: 'https://cdn.example.com/gold.png',
};

/** Gameball node: GET /customers/{id}/details, with balance fields merged in. */
export const gameballCustomerDetails = {
	customerId: 'cust-9',
	gameballId: 987,
	customerAttributes: {
		displayName: 'Grace Hopper',
		firstName: 'Grace',
		lastName: 'Hopper',
		email: 'grace@example.com',
		mobile: '+15550001111',
	},
	referralCode: 'GRACE1',
	referralLink: 'https://example.com/r/GRACE1',
	isReferred: false,
	availablePointsBalance: 1200,
	pendingPoints: 300,
	totalPointsBalance: 1500,
	current: { order: 2, name: 'Silver', minProgress: 100 },
};

export const olLevelChangedAutomatically = {
	type: 'customer.level_changed_automatically',
	data: {
		customerId: '32c764d9-ddd5-401f-ac13-a7fcba0982ff',
		levelId: 'e82c96cf-32a3-43bd-9034-4df343e51111',
		levelName: 'level1',
		levelMove: 'up',
		levelAchievementDate: '2019-08-09T14:08:28+02:00',
	},
};

export const olLevelChanged = {
	type: 'customer.level_changed',
	data: {
		customerId: '32c764d9-ddd5-401f-ac13-a7fcba0982ff',
		levelId: 'e82c96cf-32a3-43bd-9034-4df343e50000',
		levelName: 'level0',
		levelAchievementDate: '2019-08-09T14:08:28+02:00',
	},
};

export const olPointsChanged = {
	type: 'account.available_points_amount_changed',
	data: {
		customerId: '32c764d9-ddd5-401f-ac13-a7fcba0982ff',
		amount: 125,
		amount_change: 25,
		amount_change_type: 'add',
	},
};

export const olRegistered = {
	type: 'customer.registered',
	data: {
		customerId: '32c764d9-ddd5-401f-ac13-a7fcba0982ff',
		data: {
			firstName: 'Jon',
			lastName: 'Doe',
			email: 'jdoe@example.com',
			phone: 123456789,
			createdAt: 1563363348,
			loyaltyCardNumber: '444555666',
			levelId: 'e82c96cf-32a3-43bd-9034-4df343e50000',
		},
	},
};

export const olUpdated = { type: 'customer.updated', data: { customerId: '32c764d9-ddd5-401f-ac13-a7fcba0982ff' } };

export const olDeactivated = { type: 'customer.deactivated', data: { customerId: '32c764d9-ddd5-401f-ac13-a7fcba0982ff' } };

export const olTransactionRegistered = {
	type: 'transaction.registered',
	data: {
		transactionId: 'cb4cc2f7-d897-4fe0-b5a6-9b67a91c0729',
		transactionData: { documentType: 'sell', documentNumber: '80', purchaseDate: '2019-08-09T14:08:28+02:00' },
		customerData: { name: 'Jon Doe', email: 'jdoe@example.com', phone: null, loyaltyCardNumber: null },
		items: [
			{ sku: { code: 'sku1230' }, name: 'product_name', quantity: 1, grossValue: 80 },
			{ sku: { code: 'sku1231' }, name: 'other', quantity: 1, grossValue: 20 },
		],
		posId: null,
	},
};

export const olTransactionAssigned = {
	type: 'transaction.assigned_to_customer',
	data: {
		transactionId: 'cb4cc2f7-d897-4fe0-b5a6-9b67a91c0729',
		customerId: '32c764d9-ddd5-401f-ac13-a7fcba0982ff',
		grossValue: 80,
	},
};

const olCustomer = {
	customerId: 'ol-42',
	email: 'mila@example.com',
	phone: '+48123456789',
	loyaltyCardNumber: 'CARD-42',
	firstName: 'Mila',
	lastName: 'Nowak',
};

export const olNamedLevelChanged = {
	type: 'CustomerLevelChanged',
	createdAt: '2025-03-01T10:00:00+00:00',
	data: {
		customer: olCustomer,
		level: { levelId: 'l-2', name: 'Gold', conditionValue: 1000 },
		previousLevel: { levelId: 'l-1', name: 'Silver', conditionValue: 500 },
	},
};

export const olNamedPointsChanged = {
	eventName: 'AvailablePointsAmountChanged',
	data: { customer: olCustomer, amount: 480, amountChange: 20, amountChangeType: 'subtract' },
};

export const olNamedUpdated = { type: 'CustomerUpdated', data: { customer: olCustomer } };

export const olNamedRegistered = { type: 'CustomerRegistered', data: { customer: olCustomer } };

export const olNamedTransaction = {
	type: 'TransactionRegistered',
	data: { customer: olCustomer, transaction: { transactionId: 't-9', documentNumber: 'INV-9', grossValue: 250 } },
};

export const olNamedTransactionAssigned = {
	type: 'TransactionAssignedToCustomer',
	data: { customer: olCustomer, transaction: { transactionId: 't-9', documentNumber: 'INV-9', grossValue: 250 } },
};

/** The member changed their email or phone: the payload carries the new value. */
export const olNamedEmailChanged = {
	type: 'CustomerEmailWasChanged',
	data: { customer: { ...olCustomer, email: 'mila.new@example.com' } },
};

export const olNamedPhoneChanged = {
	type: 'CustomerPhoneNumberWasChanged',
	data: { customer: { ...olCustomer, phone: '+48999999999' } },
};

export const olNamedBoughtReward = {
	type: 'CustomerBoughtReward',
	data: { customer: olCustomer, reward: { rewardId: 'r-1', name: 'Free coffee' }, couponCode: 'COFFEE-1' },
};

export const olNamedPointsWillExpire = {
	type: 'PointsWillExpire',
	data: { customer: olCustomer, points: 150, expiresAt: '2025-04-30T00:00:00+00:00' },
};
