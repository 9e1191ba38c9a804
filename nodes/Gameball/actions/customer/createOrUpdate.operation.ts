import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { GameballOperation } from '../operation';
import { recordsFrom } from '../output';
import { asNodeError } from '../../../errorItems';
import { appendDescription, saysItFailed } from '../../transport/errors';
import { hasSecretKey, mayHaveBeenApplied, refusedAnswerError, secretFieldValues, sendToGameball } from '../../transport/request';
import {
	additionalFields,
	compact,
	customerIdParam,
	identityOptions,
	jsonOption,
	readAdditional,
	readJsonValue,
	readRequiredString,
	utcTime,
} from '../../helpers/fields';
import { readFields, refuse, splitList } from '../../../parameters';
import { channelOption } from '../../helpers/purchase';
import { tagWithComma } from './tagsBody';
import { INTEGER_ATTRIBUTES, LIST_ATTRIBUTES, NUMBER_ATTRIBUTES, TEXT_ATTRIBUTES } from '../../helpers/customerAttributes';

const titleOf = (name: string) => name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

/** What to type where the name alone does not say (Gameball's document gives these no format: sent as typed). */
const ATTRIBUTE_HINTS: Record<string, string> = {
	gender: "The customer's gender, as your shop records it (e.g. M or F)",
	dateOfBirth: "The customer's date of birth, e.g. 1990-04-21 (sent as typed)",
	joinDate: 'The date the customer joined, e.g. 2024-01-15 (sent as typed)',
	preferredLanguage: 'Language code for messages to the customer, e.g. en or ar',
};

const attributeFields: INodeProperties[] = [
	...TEXT_ATTRIBUTES.map((name): INodeProperties => ({ displayName: titleOf(name), name, type: 'string', default: '', ...(ATTRIBUTE_HINTS[name] ? { description: ATTRIBUTE_HINTS[name] } : {}) })),
	...NUMBER_ATTRIBUTES.map((name): INodeProperties => ({ displayName: titleOf(name), name, type: 'number', default: 0 })),
	{ ...channelOption, description: 'Where the customer was acquired or engages' },
];

/** Sent beside the customer ID rather than among its attributes. */
const customerFields: INodeProperties[] = [
	{ displayName: 'Guest', name: 'guest', type: 'boolean', default: false, description: 'Whether the customer has not signed up' },
	{ displayName: 'Referrer Code', name: 'referrerCode', type: 'string', default: '', description: 'Referral code of the customer who referred this one' },
	{ displayName: 'Device Token', name: 'deviceToken', type: 'string', typeOptions: { password: true }, default: '', description: "The customer's device token, for push notifications" },
	{ displayName: 'OS Type', name: 'osType', type: 'string', default: '', description: "The operating system of the customer's device, e.g. iOS or Android" },
];

const jsonAttributes = [
	jsonOption('custom', 'Custom Attributes (JSON)', 'object', 'Your own attributes, e.g. {"vip": true, "segment": "wholesale"}'),
	...LIST_ATTRIBUTES.map((name) => jsonOption(name, `${titleOf(name)} (JSON)`, 'array', `Array of ${titleOf(name).toLowerCase()}, as Gameball documents them`)),
];

const properties: INodeProperties[] = [
	customerIdParam,
	additionalFields([
		...identityOptions,
		...attributeFields,
		{ displayName: 'Last Order Date', name: 'lastOrderDate', type: 'dateTime', default: '' },
		...customerFields,
		...jsonAttributes,
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'vip, newsletter',
			description:
				'Comma-separated, or a JSON array. Added with a second call (Add Tags) after the customer is saved: Gameball\'s create-or-update has no tags field. Needs the credential\'s Secret Key.',
		},
	]),
];

const TAGS_NOT_ADDED = 'The customer was saved; only its tags were not added. Running the item again saves the customer again and adds the tags.';
const TAGS_MAYBE_ADDED = 'The customer was saved; its tags may or may not have been added. Running the item again saves the customer and sends the tags again.';

export const createOrUpdate: GameballOperation = {
	value: 'createOrUpdate',
	name: 'Create or Update',
	action: 'Create or update a customer',
	endpoint: 'POST /customers',
	otherEndpoints: ['POST /customers/{customerId}/tags'],
	properties,
	build(itemIndex) {
		const fields = readAdditional(this, itemIndex);
		// Each field as its parameter declares: an expression may give a number for a text (a phone number, a ZIP code).
		const { email, mobile } = readFields(this, identityOptions, fields, itemIndex);
		const { guest, referrerCode, deviceToken, osType } = readFields(this, customerFields, fields, itemIndex);
		const customerId = readRequiredString(this, customerIdParam, itemIndex);
		const attributes: IDataObject = compact({
			...readFields(this, attributeFields, fields, itemIndex, INTEGER_ATTRIBUTES),
			lastOrderDate: fields.lastOrderDate ? utcTime(this, 'Last Order Date', fields.lastOrderDate, itemIndex) : undefined,
			...Object.fromEntries(jsonAttributes.map((property) => [property.name, readJsonValue(this, property, fields[property.name], itemIndex)])),
			email,
			mobile,
		});
		const tagList = splitList(this, 'Tags', fields.tags, itemIndex);
		const withComma = tagWithComma({ tags: tagList });
		if (withComma) refuse(this, withComma, itemIndex);
		const tags = tagList?.join(',');
		return {
			body: compact({
				customerId,
				email,
				mobile,
				guest,
				referrerCode,
				deviceToken,
				osType,
				customerAttributes: Object.keys(attributes).length ? attributes : undefined,
			}),
			followUp: tags ? { tags } : undefined,
		};
	},
	async run(request, itemIndex) {
		const tags = request.followUp?.tags;
		// Checked first: the tag call needs the Secret Key, and failing there would leave the customer saved untagged.
		if (tags && !(await hasSecretKey(this))) {
			refuse(this, 'Tags need the Secret Key: set it in the Gameball API credential, or leave Tags empty. Nothing was sent.', itemIndex);
		}
		const saved = await sendToGameball.call(this, 'POST /customers', request, { itemIndex, writes: true });
		const secrets = secretFieldValues(request.body);
		const notSaved = saysItFailed(saved.body, secrets);
		if (notSaved) {
			throw refusedAnswerError(this, saved, notSaved, itemIndex, 'Gameball answered with a success code, but its answer says the customer was not saved; no tags were sent.');
		}
		if (tags) {
			const customerId = String(request.body?.customerId);
			try {
				const tagged = await sendToGameball.call(this, 'POST /customers/{customerId}/tags', { pathParams: { customerId }, body: { tags } }, { itemIndex, writes: true });
				const failed = saysItFailed(tagged.body, secrets);
				if (failed) throw refusedAnswerError(this, tagged, failed, itemIndex);
			} catch (error) {
				const failed = asNodeError(this.getNode(), error, itemIndex);
				appendDescription(failed, mayHaveBeenApplied(failed) ? TAGS_MAYBE_ADDED : TAGS_NOT_ADDED);
				throw failed;
			}
		}
		return recordsFrom(createOrUpdate, request, saved);
	},
	batch: { kind: 'customers', toItem: (request) => request.body ?? {} },
};
