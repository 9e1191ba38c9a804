import type { IDataObject } from 'n8n-workflow';

import { customerIdParam, identityOptions } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const achieveSocialChallenge = requestOperation({
	value: 'achieveSocialChallenge',
	name: 'Achieve Social Challenge',
	action: 'Reward a customer for a social media challenge',
	endpoint: 'POST /customers/social-challenges',
	// A dropdown as in Get Stamps Progress: one parameter name, one shape, so switching operation keeps a valid value.
	required: [
		customerIdParam,
		{
			displayName: 'Challenge Name or ID',
			name: 'challengeId',
			type: 'options',
			// minValue: refused below Gameball's documented minimum before sending (the editor ignores it on a dropdown).
			typeOptions: { loadOptionsMethod: 'getRewardCampaigns', minValue: 1 },
			default: '',
			required: true,
			description:
				'The Social Activities campaign to award (the list holds every campaign, each with its type). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	optional: identityOptions,
	integers: ['challengeId'],
	// Awards the campaign reward, with no ID that makes a repeat harmless: never repeated after an ambiguous failure.
	movesMoney: true,
	// The OpenAPI document: gameballStatus (text) is "present when the Gameball program is disabled", when nothing is
	// awarded. Empty, or a word of success, is no such status.
	didNothing: ({ gameballStatus, message }: IDataObject) =>
		typeof gameballStatus !== 'string' || /^\s*(accepted|success|succeeded|ok|enabled)?\s*$/i.test(gameballStatus)
			? undefined
			: `Gameball awarded nothing: its program is switched off (${gameballStatus}${typeof message === 'string' && message ? `: ${message}` : ''})`,
});
