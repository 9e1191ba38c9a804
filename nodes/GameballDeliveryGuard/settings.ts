import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCollectionOptions } from '../parameters';
import { guardProperties } from './description';

const declared = guardProperties.find((property) => property.name === 'options') as INodeProperties;
// A Lock Timeout below its minimum is raised to it where it is used (dropDuplicates), not refused.
const optionsProperty: INodeProperties = {
	...declared,
	options: (declared.options as INodeProperties[]).map((option) => (option.name === 'lockTimeoutSeconds' ? { ...option, typeOptions: {} } : option)),
};

/** The Options, each read as its option declares: an expression giving "abc" or "false" text is refused or read, never ignored. */
export function readOptions(context: IExecuteFunctions): IDataObject {
	const chosen = context.getNodeParameter('options', 0, {}) as IDataObject;
	return readCollectionOptions(context, optionsProperty, chosen, 0, ['customerMemorySize', 'historySize']);
}
