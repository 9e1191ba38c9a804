import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { GameballOperation } from '../operation';
import {
	additionalFields,
	compact,
	customerIdParam,
	identityOptions,
	jsonOption,
	parseJson,
	readAdditional,
	readString,
} from '../../helpers/fields';

const attributeNames = ['displayName', 'firstName', 'lastName', 'gender', 'dateOfBirth', 'joinDate', 'country', 'city', 'zip', 'preferredLanguage', 'source'];

const properties: INodeProperties[] = [
	customerIdParam,
	additionalFields([
		...identityOptions,
		...attributeNames.map(
			(name): INodeProperties => ({
				displayName: name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()),
				name,
				type: 'string',
				default: '',
			}),
		),
		{ displayName: 'Guest', name: 'guest', type: 'boolean', default: false, description: 'Whether the customer has not signed up' },
		{ displayName: 'Referrer Code', name: 'referrerCode', type: 'string', default: '', description: 'Referral code of the customer who referred this one' },
		{ displayName: 'Device Token', name: 'deviceToken', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'OS Type', name: 'osType', type: 'string', default: '' },
		jsonOption('custom', 'Custom Attributes (JSON)', 'Your own attributes, e.g. {"vip": true, "segment": "wholesale"}'),
		jsonOption('tags', 'Tags (JSON)', 'Array of tags, e.g. ["vip", "newsletter"]'),
	]),
];

export const createOrUpdate: GameballOperation = {
	value: 'createOrUpdate',
	name: 'Create or Update',
	action: 'Create or update a customer',
	endpoint: 'POST /customers',
	properties,
	build(itemIndex) {
		const fields = readAdditional(this, itemIndex, ['custom', 'tags']);
		const { email, mobile, guest, referrerCode, deviceToken, osType, custom, tags } = fields;
		const attributes: IDataObject = compact({
			...Object.fromEntries(attributeNames.map((name) => [name, fields[name]])),
			email,
			mobile,
			custom: custom === undefined ? undefined : (parseJson(this, custom, 'custom', itemIndex) as IDataObject),
			tags,
		});
		return {
			body: compact({
				customerId: readString(this, 'customerId', itemIndex),
				email,
				mobile,
				guest,
				referrerCode,
				deviceToken,
				osType,
				customerAttributes: Object.keys(attributes).length ? attributes : undefined,
			}),
		};
	},
	batch: { kind: 'customers', toItem: (request) => request.body ?? {} },
};
