import { customerIdParam, stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';
import { checkOptions, checksOnly, lockOptionsWithoutLock, newLock } from './checkOptions';

export const validate = requestOperation({
	value: 'validate',
	name: 'Validate',
	action: 'Check that a coupon can be used by a customer, reserving it when Lock is on',
	endpoint: 'POST /coupons/{code}/validate',
	path: [stringParam('code', 'Coupon Code', 'The coupon to check')],
	required: [customerIdParam],
	optional: checkOptions,
	lists: ['collectionsIds'],
	integers: ['lockDuration'],
	rejectIf: lockOptionsWithoutLock,
	unsafeToRepeat: newLock,
	changesNothing: checksOnly,
	idempotencyKey: 'lockReference',
});
