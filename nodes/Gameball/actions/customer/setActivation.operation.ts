import { customerIdParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const setActivation = requestOperation({
	value: 'setActivation',
	name: 'Set Activation',
	action: 'Activate or deactivate a customer',
	endpoint: 'PUT /customers/{customerId}/activate',
	path: [customerIdParam],
	required: [{ displayName: 'Active', name: 'isActive', type: 'boolean', default: true, description: 'Whether the customer can earn and redeem' }],
});
