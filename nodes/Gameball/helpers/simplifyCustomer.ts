import type { IDataObject } from 'n8n-workflow';

const ATTRIBUTES = ['displayName', 'firstName', 'lastName', 'email', 'mobile', 'country', 'city', 'preferredLanguage', 'tags', 'totalSpent', 'totalOrders', 'joinDate'];

/** A customer as most workflows use it: identity, contact, referral, and the attributes flattened to the top. */
export function simplifyCustomer(customer: IDataObject): IDataObject {
	const attributes = (customer.customerAttributes ?? {}) as IDataObject;
	const simple: IDataObject = {
		customerId: customer.customerId,
		gameballId: customer.gameballId,
		...Object.fromEntries(ATTRIBUTES.map((name) => [name, attributes[name]])),
		referralCode: customer.referralCode,
		referralLink: customer.referralLink,
	};
	return Object.fromEntries(Object.entries(simple).filter(([, value]) => value !== undefined));
}
