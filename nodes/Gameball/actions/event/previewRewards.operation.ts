import type { GameballOperation } from '../operation';
import { eventProperties, readEvents } from '../../helpers/events';
import { additionalFields, customerIdParam, identityOptions, readAdditional, readRequiredString } from '../../helpers/fields';

export const previewRewards: GameballOperation = {
	value: 'previewRewards',
	name: 'Preview Rewards',
	action: 'Preview the rewards an event would earn',
	endpoint: 'POST /events/reward-preview',
	properties: [
		customerIdParam,
		...eventProperties,
		additionalFields([...identityOptions, { displayName: 'Language', name: 'lang', type: 'string', default: '', placeholder: 'en' }]),
	],
	build(itemIndex) {
		const { lang, ...identity } = readAdditional(this, itemIndex);
		return {
			body: { customerId: readRequiredString(this, customerIdParam, itemIndex), ...identity, events: readEvents(this, itemIndex, true) },
			headers: lang ? { lang: String(lang) } : undefined,
		};
	},
};
