import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Endpoint, GameballOperation, ListSpec } from '../actions/operation';
import { customerIdParam, readAdditional, readString } from './fields';

interface LookupSpec {
	value: string;
	name: string;
	action: string;
	endpoint: Endpoint;
	/** Optional query parameters, offered under "Filters". */
	filters?: INodeProperties[];
	list?: ListSpec;
	simplify?: (record: IDataObject) => IDataObject;
	/** Gameball reads the language from a `lang` header on this endpoint. */
	langHeader?: boolean;
}

const languageFilter: INodeProperties = {
	displayName: 'Language',
	name: 'lang',
	type: 'string',
	default: '',
	placeholder: 'en',
	description: 'Language code for translated names and texts',
};

/** An operation that reads something about one customer: the customer ID in the path, optional query filters. */
export function customerLookup(spec: LookupSpec): GameballOperation {
	const filters = [...(spec.filters ?? []), ...(spec.langHeader ? [languageFilter] : [])].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
	return {
		...spec,
		properties: [
			customerIdParam,
			...(filters.length
				? [{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: filters } as INodeProperties]
				: []),
		],
		build(itemIndex) {
			const { lang, ...qs } = filters.length ? readAdditional(this, itemIndex, [], 'filters') : {};
			return {
				pathParams: { customerId: readString(this, 'customerId', itemIndex) },
				qs: spec.langHeader ? qs : { ...qs, ...(lang ? { lang } : {}) },
				headers: spec.langHeader && lang ? { lang: String(lang) } : undefined,
			};
		},
	};
}
