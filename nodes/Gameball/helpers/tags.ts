import type { Endpoint, GameballOperation } from '../actions/operation';
import { customerIdParam, readString } from './fields';

/** Adding and removing tags send the same body: the tags as one comma-separated string. */
export function tagsOperation(value: string, name: string, action: string, endpoint: Endpoint): GameballOperation {
	return {
		value,
		name,
		action,
		endpoint,
		properties: [
			customerIdParam,
			{ displayName: 'Tags', name: 'tags', type: 'string', default: '', required: true, placeholder: 'vip, newsletter', description: 'Comma-separated tags' },
		],
		build(itemIndex) {
			const tags = readString(this, 'tags', itemIndex)
				.split(',')
				.map((tag) => tag.trim())
				.filter(Boolean)
				.join(',');
			return { pathParams: { customerId: readString(this, 'customerId', itemIndex) }, body: { tags } };
		},
	};
}
