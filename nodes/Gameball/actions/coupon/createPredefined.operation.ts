import { customerIdParam, identityOptions } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const createPredefined = requestOperation({
	value: 'createPredefined',
	name: 'Create Predefined',
	action: 'Create a coupon for a customer from a redemption rule, paid with their points',
	endpoint: 'POST /coupons/predefined',
	required: [
		customerIdParam,
		{
			displayName: 'Redemption Rule Name or ID',
			name: 'ruleId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getRedemptionRules' },
			default: '',
			required: true,
			description:
				'The redemption rule that defines the coupon. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	optional: identityOptions,
	integers: ['ruleId'],
	// The coupon costs the customer points: a blind repeat would charge them twice.
	movesMoney: true,
});
