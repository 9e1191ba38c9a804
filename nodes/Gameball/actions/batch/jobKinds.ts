import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { channelOption } from '../../helpers/purchase';
import type { BatchKind } from '../operation';

export interface JobKind {
	kind: BatchKind;
	name: string;
	/** Fields every entry needs; `orderIds` for the one kind whose entries are bare order IDs. */
	entry: string[] | 'orderIds';
	/** The other fields an entry may have (the OpenAPI document's); any further field is refused. */
	optional: string[];
	example: string;
	/** What the example does not show. */
	note?: string;
	/** Rewards, redeems or adjusts points: never repeated after an ambiguous failure. */
	movesMoney?: boolean;
	/** Its job only reads: one whose creation lost its answer changed nothing, even if Gameball runs it. */
	reads?: boolean;
	/** What the single operation also refuses in an entry (after the fields are typed), said as `entries.ts` words it. */
	check?: (entry: IDataObject) => string | undefined;
}

/** How a job of this kind is sent: never repeated after an unclear failure when it moves money; a read job writes nothing. */
export function sendEffectOf(kind: JobKind | undefined): { movesMoney: boolean; writes: boolean } {
	return { movesMoney: kind?.movesMoney === true, writes: kind?.reads !== true };
}

/** A typed number field below its least value, as the single operation refuses it (`above`: the value itself too). */
const atLeast = (field: string, least: number, above = false) => (entry: IDataObject) => {
	const value = entry[field];
	if (typeof value !== 'number' || (above ? value > least : value >= least)) return undefined;
	return `has "${field}" ${value}: it must be ${above ? `more than ${least}` : `${least} or more`}`;
};

const CHANNELS = (channelOption.options as INodePropertyOptions[]).map(({ value }) => String(value));

/** A customer's channel, one of Create or Update's choices (the document's enum). */
function channelProblem(entry: IDataObject): string | undefined {
	const channel = (entry.customerAttributes as IDataObject | undefined)?.channel;
	if (channel === undefined || CHANNELS.includes(channel as string)) return undefined;
	return `has "customerAttributes › channel" ${JSON.stringify(channel)}: it must be one of ${CHANNELS.map((value) => `"${value}"`).join(', ')}`;
}

/** Gameball's batch job kinds, with the shape of their entries (from the OpenAPI document). */
export const JOB_KINDS: JobKind[] = [
	{
		kind: 'balance-adjustment',
		name: 'Balance Adjustment',
		entry: ['customerId', 'amount'],
		optional: ['reason'],
		example: '[{"customerId": "c1", "amount": 50, "reason": "Goodwill"}]',
		// Gameball's "amount to adjust the balance by": read as points, as Manual Adjustment's Points are sent in it.
		note: '"amount" is sent as points, negative to take away (Gameball does not document whether it reads points or money: try one customer first)',
		movesMoney: true,
		check: (entry) => (entry.amount === 0 ? 'has "amount" 0: it must add or take away points' : undefined),
	},
	{ kind: 'balance-inquiry', name: 'Balance Inquiry', entry: ['customerId'], optional: [], example: '[{"customerId": "c1"}]', reads: true },
	{
		kind: 'cashback',
		name: 'Cashback',
		entry: ['customerId', 'transactionId', 'transactionTime', 'amount'],
		optional: ['email', 'mobile'],
		example: '[{"customerId": "c1", "transactionId": "t1", "transactionTime": "2026-01-31T10:00:00Z", "amount": 100}]',
		movesMoney: true,
		// As Reward Cashback: an amount of 0 rewards nothing and uses up the transaction ID.
		check: atLeast('amount', 0, true),
	},
	{
		kind: 'customers',
		name: 'Customers',
		entry: ['customerId'],
		optional: ['email', 'mobile', 'guest', 'referrerCode', 'deviceToken', 'osType', 'customerAttributes'],
		example: '[{"customerId": "c1", "email": "a@example.com", "customerAttributes": {"displayName": "Ann"}}]',
		check: channelProblem,
	},
	{
		kind: 'events',
		name: 'Events',
		entry: ['customerId', 'events'],
		optional: [],
		example: '[{"customerId": "c1", "events": {"review_posted": {"rating": 5}}}]',
		// Events can earn rewards, so a repeat could reward twice.
		movesMoney: true,
	},
	{ kind: 'orders/transactions', name: 'Order Transactions', entry: 'orderIds', optional: [], example: '["o1", "o2"]', reads: true },
	{
		kind: 'orders',
		name: 'Orders',
		entry: ['customerId', 'orderId', 'orderDate', 'totalPaid'],
		optional: [],
		example: '[{"customerId": "c1", "orderId": "o1", "orderDate": "2026-01-31T10:00:00Z", "totalPaid": 100}]',
		movesMoney: true,
		check: atLeast('totalPaid', 0),
	},
	{
		kind: 'redeem',
		name: 'Redeem',
		entry: ['customerId', 'transactionId', 'transactionTime'],
		optional: ['points', 'amount', 'holdReference', 'email', 'mobile'],
		example: '[{"customerId": "c1", "transactionId": "t2", "transactionTime": "2026-01-31T10:00:00Z", "points": 100}]',
		movesMoney: true,
		// As Redeem: exactly one of points, amount and hold reference.
		check: (entry) => {
			const given = ['points', 'amount', 'holdReference'].filter((field) => entry[field] !== undefined);
			if (given.length !== 1) return `has ${given.length ? given.map((field) => `"${field}"`).join(' and ') : 'none of "points", "amount" and "holdReference"'}: it needs exactly one of them`;
			return atLeast('amount', 0, true)(entry) ?? atLeast('points', 0, true)(entry);
		},
	},
];
