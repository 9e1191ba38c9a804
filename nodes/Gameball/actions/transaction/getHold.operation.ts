import { stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const getHold = requestOperation({
	value: 'getHold',
	name: 'Get Hold',
	action: 'Get held points',
	endpoint: 'GET /transactions/hold/{holdReferenceId}',
	path: [stringParam('holdReferenceId', 'Hold Reference', 'The reference that Hold Points returned')],
});
