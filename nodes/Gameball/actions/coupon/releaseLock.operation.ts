import { stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const releaseLock = requestOperation({
	value: 'releaseLock',
	name: 'Release Lock',
	action: 'Release locked coupons so they can be used again',
	endpoint: 'DELETE /coupons/{lockReference}',
	path: [stringParam('lockReference', 'Lock Reference', 'The reference of the lock, from Validate with Lock on')],
});
