import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Parameter builders that the Gameball Trigger and the Gameball Delivery Guard share. */

/** A notice: help text shown under `displayOptions`. */
export function noticeParam(name: string, text: string, displayOptions: IDisplayOptions): INodeProperties {
	return { displayName: text, name, type: 'notice', default: '', displayOptions };
}

/** A number of at least 1, such as a memory size or a timeout. */
export function positiveNumberOption(
	displayName: string,
	name: string,
	defaultValue: number,
	description: string,
	displayOptions?: IDisplayOptions,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: 1 },
		default: defaultValue,
		description,
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** The "Options" collection that holds the optional settings. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}
