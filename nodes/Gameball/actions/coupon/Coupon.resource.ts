import type { GameballResource } from '../operation';
import { applyAutomatic } from './applyAutomatic.operation';
import { burn } from './burn.operation';
import { createPredefined } from './createPredefined.operation';
import { releaseLock } from './releaseLock.operation';
import { validate } from './validate.operation';
import { validateMany } from './validateMany.operation';

export const coupon: GameballResource = {
	value: 'coupon',
	name: 'Coupon',
	operations: [createPredefined, validate, validateMany, burn, releaseLock, applyAutomatic],
};
