import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export function readOptions(context: IExecuteFunctions): IDataObject {
	return context.getNodeParameter('options', 0, {}) as IDataObject;
}

export function positiveNumber(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The item a failed input item becomes under "Continue (using error output / regular output)". */
export function failedItem(error: unknown, itemIndex: number): INodeExecutionData {
	const description = (error as { description?: unknown } | undefined)?.description;
	const json = { error: error instanceof Error ? error.message : String(error), ...(typeof description === 'string' ? { description } : {}) };
	return { json, pairedItem: { item: itemIndex } };
}
