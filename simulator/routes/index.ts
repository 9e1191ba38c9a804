/** Every route of the contract, keyed by "METHOD contract-path". */
import { batchRoutes } from './batches';
import { configurationRoutes } from './configurations';
import { couponRoutes } from './coupons';
import { customerRoutes } from './customers';
import { eventRoutes } from './events';
import { orderRoutes } from './orders';
import { transactionRoutes } from './transactions';
import type { RouteTable } from './types';

export const routes: RouteTable = {
	...customerRoutes,
	...eventRoutes,
	...orderRoutes,
	...transactionRoutes,
	...couponRoutes,
	...configurationRoutes,
	...batchRoutes,
};

export { tutorialBatchStatus, tutorialBatchStop } from './batches';
