import { customerIdParam, identityOptions } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const achieveSocialChallenge = requestOperation({
	value: 'achieveSocialChallenge',
	name: 'Achieve Social Challenge',
	action: 'Reward a customer for a social media challenge',
	endpoint: 'POST /customers/social-challenges',
	required: [customerIdParam, { displayName: 'Challenge ID', name: 'challengeId', type: 'number', typeOptions: { minValue: 1 }, default: 0, required: true, description: 'The ID of the Social Activities campaign to award' }],
	optional: identityOptions,
	integers: ['challengeId'],
	// Awards the campaign reward, with no ID that makes a repeat harmless: never repeated after an ambiguous failure.
	movesMoney: true,
});
