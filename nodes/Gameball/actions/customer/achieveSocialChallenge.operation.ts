import type { GameballOperation } from '../operation';
import { additionalFields, customerIdParam, identityOptions, readAdditional, readNumber, readString } from '../../helpers/fields';

export const achieveSocialChallenge: GameballOperation = {
	value: 'achieveSocialChallenge',
	name: 'Achieve Social Challenge',
	action: 'Reward a customer for a social media challenge',
	endpoint: 'POST /customers/social-challenges',
	properties: [
		customerIdParam,
		{ displayName: 'Challenge ID', name: 'challengeId', type: 'number', default: 0, required: true },
		additionalFields(identityOptions),
	],
	build(itemIndex) {
		return {
			body: {
				customerId: readString(this, 'customerId', itemIndex),
				challengeId: readNumber(this, 'challengeId', itemIndex),
				...readAdditional(this, itemIndex),
			},
		};
	},
};
