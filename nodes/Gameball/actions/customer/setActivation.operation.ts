import { isJsonObject } from '../../../jsonObject';
import { customerIdParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const setActivation = requestOperation({
	value: 'setActivation',
	name: 'Set Activation',
	action: 'Activate or deactivate a customer',
	endpoint: 'PUT /customers/{customerId}/activate',
	path: [customerIdParam],
	// Documented: a repeat changes nothing and answers `stateChanged: false`, which would deny what the earlier attempt did.
	doneByEarlierAttempt: {
		answered: (answer) => isJsonObject(answer) && answer.stateChanged === false,
		message: 'Set: the retry found the customer already in this state after an earlier attempt lost its answer (unless it already was)',
	},
	required: [{ displayName: 'Active', name: 'isActive', type: 'boolean', default: true, description: 'Whether the customer takes part in the loyalty program. A deactivated customer earns no points, gets no rewards or coupons and is left out of every campaign; earlier activity stays.' }],
});
