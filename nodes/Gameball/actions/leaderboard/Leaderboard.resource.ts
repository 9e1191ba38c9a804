import type { GameballResource } from '../operation';
import { get } from './get.operation';

export const leaderboard: GameballResource = { value: 'leaderboard', name: 'Leaderboard', operations: [get] };
