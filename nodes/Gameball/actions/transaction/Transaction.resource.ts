import type { GameballResource } from '../operation';
import { activate } from './activate.operation';
import { cashback } from './cashback.operation';
import { count } from './count.operation';
import { customerView } from './customerView.operation';
import { getHold } from './getHold.operation';
import { hold } from './hold.operation';
import { list } from './list.operation';
import { manualAdjustment } from './manualAdjustment.operation';
import { redeem } from './redeem.operation';
import { refund } from './refund.operation';
import { releaseHold } from './releaseHold.operation';
import { sendOtp } from './sendOtp.operation';

export const transaction: GameballResource = {
	value: 'transaction',
	name: 'Transaction',
	operations: [cashback, redeem, refund, hold, getHold, releaseHold, list, customerView, count, manualAdjustment, activate, sendOtp],
};
