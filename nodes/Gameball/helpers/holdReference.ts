import type { Endpoint, GameballOperation } from '../actions/operation';
import { readString, stringParam } from './fields';

export function holdReferenceOperation(value: string, name: string, action: string, endpoint: Endpoint): GameballOperation {
	return {
		value,
		name,
		action,
		endpoint,
		properties: [stringParam('holdReferenceId', 'Hold Reference', 'The reference that Hold Points returned')],
		build(itemIndex) {
			return { pathParams: { holdReferenceId: readString(this, 'holdReferenceId', itemIndex) } };
		},
	};
}
