import { customerIdParam, identityOptions } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const createPredefined = requestOperation({
	value: 'createPredefined',
	name: 'Create Predefined',
	action: 'Create a coupon for a customer from a redemption rule',
	endpoint: 'POST /coupons/predefined',
	required: [
		customerIdParam,
		{
			displayName: 'Rule ID',
			name: 'ruleId',
			type: 'number',
			default: 0,
			required: true,
			description: 'The redemption rule that defines the coupon (see Configuration > Get Redemption Rules)',
		},
	],
	optional: identityOptions,
});
