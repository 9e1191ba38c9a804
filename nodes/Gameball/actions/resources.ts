import { customer } from './customer/Customer.resource';
import { event } from './event/Event.resource';
import type { GameballOperation, GameballResource } from './operation';
import { transaction } from './transaction/Transaction.resource';

/** Every resource of the Gameball node. Each operation lives in actions/<resource>/<operation>.operation.ts. */
export const resources: GameballResource[] = [customer, event, transaction];

export function findOperation(resource: string, operation: string): GameballOperation | undefined {
	return resources.find(({ value }) => value === resource)?.operations.find(({ value }) => value === operation);
}
