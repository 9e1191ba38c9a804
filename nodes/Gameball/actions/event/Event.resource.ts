import type { GameballResource } from '../operation';
import { previewRewards } from './previewRewards.operation';
import { send } from './send.operation';

export const event: GameballResource = { value: 'event', name: 'Event', operations: [send, previewRewards] };
