import type { GameballResource } from '../operation';
import { calculateCashback } from './calculateCashback.operation';
import { track } from './track.operation';

export const payment: GameballResource = { value: 'payment', name: 'Payment', operations: [track, calculateCashback] };
