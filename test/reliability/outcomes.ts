import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';

/** A Gameball node output item that is a success: no `error`, and not a batch entry marked `success: false`. */
export const isSuccess = (item: INodeExecutionData) => item.json.error === undefined && item.json.success !== false;

/**
 * The money-moving operations of the Gameball node, for items `{ customer, key }` (and `coupon` for a burn): the key
 * is the item's transaction, order, payment or refund ID, and an adjustment's reason. A refund reverses the cashback
 * `paid-<key>`. Campaign 101 rewards each write_review event (up to 5 times), campaign 104 the social challenge.
 */
export const MONEY_MOVING: Record<string, INodeParameters> = {
	cashback: { resource: 'transaction', operation: 'cashback', customerId: '={{ $json.customer }}', transactionId: '={{ $json.key }}', amount: 30 },
	redeem: { resource: 'transaction', operation: 'redeem', customerId: '={{ $json.customer }}', transactionId: '={{ $json.key }}', additionalFields: { points: 100 } },
	refund: { resource: 'transaction', operation: 'refund', customerId: '={{ $json.customer }}', refundTransactionId: '={{ $json.key }}', reverseTransactionId: '=paid-{{ $json.key }}', transactionTime: '2026-12-01T10:00:00Z', additionalFields: { refundAmount: 40 } },
	manualAdjustment: { resource: 'transaction', operation: 'manualAdjustment', customerId: '={{ $json.customer }}', transactionId: '={{ $json.key }}', username: 'r4', reason: '={{ $json.key }}', additionalFields: { points: 7 } },
	orderTrack: { resource: 'order', operation: 'track', customerId: '={{ $json.customer }}', orderId: '={{ $json.key }}', totalPaid: 80 },
	paymentTrack: { resource: 'payment', operation: 'track', customerId: '={{ $json.customer }}', paymentId: '={{ $json.key }}', totalPaid: 60 },
	hold: { resource: 'transaction', operation: 'hold', customerId: '={{ $json.customer }}', additionalFields: { pointsToHold: 5 } },
	burn: { resource: 'coupon', operation: 'burn', customerId: '={{ $json.customer }}', additionalFields: { coupons: '={{ $json.coupon }}', transactionId: '={{ $json.key }}' } },
	eventSend: { resource: 'event', operation: 'send', customerId: '={{ $json.customer }}', eventName: 'write_review' },
	socialChallenge: { resource: 'customer', operation: 'achieveSocialChallenge', customerId: '={{ $json.customer }}', challengeId: 104 },
};

/** The operations of MONEY_MOVING that Gameball has a batch job kind for. */
export const BATCHED = ['cashback', 'redeem', 'manualAdjustment', 'orderTrack', 'eventSend'];

/** The ledger entries one item's change made: its key as transaction, order or refund ID. */
export function ledgerEntriesOf(sim: Simulator, customer: string, key: string) {
	return sim.ledger().filter((entry) => entry.customerId === customer && (entry.transactionId === key || entry.orderId === key || entry.dedupKey?.endsWith(`:${key}`)));
}
