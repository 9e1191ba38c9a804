import type { IDataObject } from 'n8n-workflow';

import type { GameballSimplifiedCustomer } from '../../types';

/** Lists kept only with Simplify off: long, and rarely what a workflow reads. */
const BULKY = new Set(['utms', 'utMs', 'devices', 'paymentMethods']);
const TOP_LEVEL = ['referralCode', 'referralLink', 'isReferred', 'dynamicReferralLink'];

/** A customer as most workflows use it: its IDs, every attribute flattened to the top, and its referral details. */
export function simplifyCustomer(customer: IDataObject): GameballSimplifiedCustomer {
	const attributes = (customer.customerAttributes ?? {}) as IDataObject;
	const simple: IDataObject = {
		customerId: customer.customerId,
		gameballId: customer.gameballId,
		...Object.fromEntries(Object.entries(attributes).filter(([name]) => !BULKY.has(name))),
		...Object.fromEntries(TOP_LEVEL.map((name) => [name, customer[name]])),
	};
	return Object.fromEntries(Object.entries(simple).filter(([, value]) => value !== undefined)) as GameballSimplifiedCustomer;
}
