import { stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const releaseLock = requestOperation({
	value: 'releaseLock',
	name: 'Release Lock',
	action: 'Release locked coupons so they can be used again',
	endpoint: 'DELETE /coupons/{lockReference}',
	doneByEarlierAttempt: {
		// Gameball documents no code for an unknown lock: a 404 with a Gameball error, not "no such customer", says it.
		refused: (status, code) => status === 404 && code !== undefined && code !== 7000,
		message: 'Released: the retry found no such lock after an earlier attempt lost its answer (unless the lock had already ended or never existed)',
	},
	path: [stringParam('lockReference', 'Lock Reference', 'The reference of the lock, from Validate with Lock on')],
});
