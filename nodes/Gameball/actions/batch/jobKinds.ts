import type { IDataObject } from 'n8n-workflow';

import type { BatchKind } from '../operation';

export interface JobKind {
	kind: BatchKind;
	name: string;
	/** Fields every entry needs; `orderIds` for the one kind whose entries are bare order IDs. */
	entry: string[] | 'orderIds';
	example: string;
	/** What the example does not show. */
	note?: string;
	/** Rewards, redeems or adjusts points: never repeated after an ambiguous failure. */
	movesMoney?: boolean;
	/** What the single operation also refuses in an entry (after the fields are typed), said as `entries.ts` words it. */
	check?: (entry: IDataObject) => string | undefined;
}

const nonNegativeAmount = (entry: IDataObject) =>
	typeof entry.amount === 'number' && entry.amount < 0 ? `has "amount" ${entry.amount}: it must be 0 or more` : undefined;

/** Gameball's batch job kinds, with the shape of their entries (from the OpenAPI document). */
export const JOB_KINDS: JobKind[] = [
	{
		kind: 'balance-adjustment',
		name: 'Balance Adjustment',
		entry: ['customerId', 'amount'],
		example: '[{"customerId": "c1", "amount": 50, "reason": "Goodwill"}]',
		// Gameball's "amount to adjust the balance by": read as points, as Manual Adjustment's Points are sent in it.
		note: '"amount" is points, negative to take away',
		movesMoney: true,
		check: (entry) => (entry.amount === 0 ? 'has "amount" 0: it must add or take away points' : undefined),
	},
	{ kind: 'balance-inquiry', name: 'Balance Inquiry', entry: ['customerId'], example: '[{"customerId": "c1"}]' },
	{
		kind: 'cashback',
		name: 'Cashback',
		entry: ['customerId', 'transactionId', 'transactionTime', 'amount'],
		example: '[{"customerId": "c1", "transactionId": "t1", "transactionTime": "2026-01-31T10:00:00Z", "amount": 100}]',
		movesMoney: true,
		check: nonNegativeAmount,
	},
	{ kind: 'customers', name: 'Customers', entry: ['customerId'], example: '[{"customerId": "c1", "email": "a@example.com"}]' },
	{
		kind: 'events',
		name: 'Events',
		entry: ['customerId', 'events'],
		example: '[{"customerId": "c1", "events": {"review_posted": {"rating": 5}}}]',
		// Events can earn rewards, so a repeat could reward twice.
		movesMoney: true,
	},
	{ kind: 'orders/transactions', name: 'Order Transactions', entry: 'orderIds', example: '["o1", "o2"]' },
	{
		kind: 'orders',
		name: 'Orders',
		entry: ['customerId', 'orderId', 'orderDate', 'totalPaid'],
		example: '[{"customerId": "c1", "orderId": "o1", "orderDate": "2026-01-31T10:00:00Z", "totalPaid": 100}]',
		movesMoney: true,
	},
	{
		kind: 'redeem',
		name: 'Redeem',
		entry: ['customerId', 'transactionId', 'transactionTime'],
		example: '[{"customerId": "c1", "transactionId": "t2", "transactionTime": "2026-01-31T10:00:00Z", "points": 100}]',
		movesMoney: true,
		// As Redeem: exactly one of points, amount and hold reference.
		check: (entry) => {
			const given = ['points', 'amount', 'holdReference'].filter((field) => entry[field] !== undefined);
			if (given.length !== 1) return `has ${given.length ? given.map((field) => `"${field}"`).join(' and ') : 'none of "points", "amount" and "holdReference"'}: it needs exactly one of them`;
			return nonNegativeAmount(entry);
		},
	},
];
