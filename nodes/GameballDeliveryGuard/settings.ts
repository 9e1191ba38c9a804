import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCollectionOptions } from '../Gameball/helpers/fields';
import { guardProperties } from './description';

const optionsProperty = guardProperties.find((property) => property.name === 'options') as INodeProperties;

/** The Options, each read as its option declares: an expression giving "abc" or "false" text is refused or read, never ignored. */
export function readOptions(context: IExecuteFunctions): IDataObject {
	const chosen = context.getNodeParameter('options', 0, {}) as IDataObject;
	return readCollectionOptions(context, optionsProperty, chosen, 0, ['customerMemorySize', 'historySize']);
}

export function positiveNumber(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
