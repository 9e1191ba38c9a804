import type { GameballOperation } from '../operation';
import { eventProperties, readEvents } from '../../helpers/events';
import { additionalFields, compact, customerIdParam, identityOptions, languageOption, readAdditional, readRequiredString } from '../../helpers/fields';
import { readFields, toText } from '../../../parameters';

export const previewRewards: GameballOperation = {
	value: 'previewRewards',
	name: 'Preview Rewards',
	action: 'Preview the rewards an event would earn',
	endpoint: 'POST /events/reward-preview',
	changesNothing: true,
	properties: [
		customerIdParam,
		...eventProperties,
		additionalFields([...identityOptions, languageOption]),
	],
	build(itemIndex) {
		const { lang, ...chosen } = readAdditional(this, itemIndex);
		const identity = compact(readFields(this, identityOptions, chosen, itemIndex));
		const language = toText(this, 'Language', lang, itemIndex);
		return {
			body: { customerId: readRequiredString(this, customerIdParam, itemIndex), ...identity, events: readEvents(this, itemIndex, true) },
			headers: language ? { lang: language } : undefined,
		};
	},
};
