import { batch } from './batch/Batch.resource';
import { configuration } from './configuration/Configuration.resource';
import { coupon } from './coupon/Coupon.resource';
import { customer } from './customer/Customer.resource';
import { event } from './event/Event.resource';
import { leaderboard } from './leaderboard/Leaderboard.resource';
import type { GameballOperation, GameballResource } from './operation';
import { order } from './order/Order.resource';
import { payment } from './payment/Payment.resource';
import { transaction } from './transaction/Transaction.resource';

/** Every resource of the Gameball node. Each operation lives in actions/<resource>/<operation>.operation.ts. */
export const resources: GameballResource[] = [
	customer, event, transaction, order, payment, coupon, configuration, leaderboard, batch,
];

export function findOperation(resource: string, operation: string): GameballOperation | undefined {
	return resources.find(({ value }) => value === resource)?.operations.find(({ value }) => value === operation);
}
