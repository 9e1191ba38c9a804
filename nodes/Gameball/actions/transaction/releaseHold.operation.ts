import { stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const releaseHold = requestOperation({
	value: 'releaseHold',
	name: 'Release Hold',
	action: 'Release held points back to the customer',
	endpoint: 'DELETE /transactions/hold/{holdReferenceId}',
	path: [stringParam('holdReferenceId', 'Hold Reference', 'The reference that Hold Points returned')],
});
