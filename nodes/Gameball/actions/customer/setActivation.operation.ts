import type { GameballOperation } from '../operation';
import { customerIdParam, readString } from '../../helpers/fields';

export const setActivation: GameballOperation = {
	value: 'setActivation',
	name: 'Set Activation',
	action: 'Activate or deactivate a customer',
	endpoint: 'PUT /customers/{customerId}/activate',
	properties: [
		customerIdParam,
		{ displayName: 'Active', name: 'isActive', type: 'boolean', default: true, description: 'Whether the customer can earn and redeem' },
	],
	build(itemIndex) {
		return {
			pathParams: { customerId: readString(this, 'customerId', itemIndex) },
			body: { isActive: this.getNodeParameter('isActive', itemIndex) as boolean },
		};
	},
};
