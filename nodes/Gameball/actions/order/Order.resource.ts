import type { GameballResource } from '../operation';
import { calculateCashback } from './calculateCashback.operation';
import { getTransactions } from './getTransactions.operation';
import { previewRewards } from './previewRewards.operation';
import { reverseTransactions } from './reverseTransactions.operation';
import { track } from './track.operation';

export const order: GameballResource = {
	value: 'order',
	name: 'Order',
	operations: [track, calculateCashback, previewRewards, getTransactions, reverseTransactions],
};
