import { customerIdParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';
import { checkOptions, checksOnly, couponCodesParam, lockOptionsWithoutLock, newLock } from './checkOptions';

export const validateMany = requestOperation({
	value: 'validateMany',
	name: 'Validate Many',
	action: 'Check that several coupons can be used by a customer, reserving them when Lock is on',
	endpoint: 'POST /coupons/validate',
	required: [customerIdParam, couponCodesParam],
	optional: checkOptions,
	lists: ['coupons', 'collectionsIds'],
	integers: ['lockDuration'],
	rejectIf: lockOptionsWithoutLock,
	unsafeToRepeat: newLock,
	changesNothing: checksOnly,
	idempotencyKey: 'lockReference',
});
