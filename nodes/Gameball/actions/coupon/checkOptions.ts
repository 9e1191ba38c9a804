import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { GameballRequest } from '../operation';

import { identityOptions, stringParam } from '../../helpers/fields';

/** What validating one coupon and validating many share: the cart to check against, and the optional lock. */
export const checkOptions: INodeProperties[] = [
	...identityOptions,
	{
		displayName: 'Lock',
		name: 'lock',
		type: 'boolean',
		default: false,
		description: 'Whether to reserve valid coupons for this customer; the answer holds the lock reference',
	},
	{ displayName: 'Lock Duration (Minutes)', name: 'lockDuration', type: 'number', typeOptions: { minValue: 1 }, default: 15, description: 'How long the lock lasts' },
	stringParam('lockReference', 'Lock Reference', 'An existing lock session to lock a new or changed list of coupons in', false),
	stringParam('merchantId', 'Merchant ID', 'The merchant the coupon must be valid at', false),
	stringParam('collectionId', 'Collection ID', 'The product collection the coupon must apply to', false),
	{ displayName: 'Collection IDs', name: 'collectionsIds', type: 'string', default: '', placeholder: 'summer, shoes', description: 'Comma-separated product collections the coupon must apply to' },
	{ displayName: 'Total Purchase Amount', name: 'totalPurchaseAmount', type: 'number', default: 0, description: 'The cart total, for coupons with a minimum order value' },
];

export const couponCodesParam: INodeProperties = {
	displayName: 'Coupon Codes',
	name: 'coupons',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'SAVE10, FREESHIP',
	description: 'Comma-separated coupon codes',
};

/**
 * A check that takes a new lock: after a failure without a clear answer, a repeat could lock the coupons a second
 * time, and only the second reference would reach the workflow. With a Lock Reference (the operation's idempotency
 * key), a repeat locks in the same session.
 */
export const newLock = { what: 'a new lock', applies: (request: GameballRequest) => request.body?.lock === true };

/** Without Lock, a check changes nothing at Gameball: no "may have been applied" after an unclear failure. */
export const checksOnly = (request: GameballRequest) => !newLock.applies(request);

/** A Lock Reference or Lock Duration without Lock would be sent and ignored: the user would think the coupons locked. */
export function lockOptionsWithoutLock({ lock, lockReference, lockDuration }: IDataObject): string | undefined {
	if (lock === true) return undefined;
	const given = [lockReference !== undefined && '"Lock Reference"', lockDuration !== undefined && '"Lock Duration (Minutes)"'].filter(Boolean);
	if (!given.length) return undefined;
	return `${given.join(' and ')} ${given.length > 1 ? 'apply' : 'applies'} only with "Lock" on: turn Lock on to reserve the coupons, or remove ${given.length > 1 ? 'them' : 'it'}`;
}
