import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint, GameballOperation } from '../actions/operation';
import { customerIdParam, readString } from './fields';

interface PathSpec {
	value: string;
	name: string;
	action: string;
	endpoint: Endpoint;
	/** The second path parameter after the customer ID, e.g. a campaign ID or a tag. */
	param: INodeProperties;
}

/** An operation on one thing that belongs to a customer: `/customers/{customerId}/.../{param}`. */
export function customerPathOperation(spec: PathSpec): GameballOperation {
	return {
		...spec,
		properties: [customerIdParam, spec.param],
		build(itemIndex) {
			return {
				pathParams: {
					customerId: readString(this, 'customerId', itemIndex),
					[spec.param.name]: readString(this, spec.param.name, itemIndex),
				},
			};
		},
	};
}
