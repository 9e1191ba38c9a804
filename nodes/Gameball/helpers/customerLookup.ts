import type { INodeProperties } from 'n8n-workflow';

import type { GameballOperation } from '../actions/operation';
import { customerIdParam } from './fields';
import type { RequestSpec } from './requestOperation';
import { requestOperation } from './requestOperation';

type LookupSpec = Omit<RequestSpec, 'path' | 'required' | 'optional' | 'sendIn'> & { filters?: INodeProperties[] };

/** An operation that reads something about one customer: the customer ID in the path, optional query filters. */
export function customerLookup({ filters, ...spec }: LookupSpec): GameballOperation {
	return requestOperation({ ...spec, path: [customerIdParam], optional: filters, sendIn: 'qs' });
}
