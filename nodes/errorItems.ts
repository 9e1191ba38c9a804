import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ErrorItem } from './types';

/** What an error item's `json` holds: the message, and the description and HTTP code when there are. */
export function errorJson(error: unknown): ErrorItem {
	const { message, description, httpCode } = error as { message?: string; description?: string; httpCode?: string };
	return {
		error: message ?? String(error),
		...(description ? { description } : {}),
		...(httpCode ? { httpCode } : {}),
	};
}

/** The error to stop the node with: n8n's own error types pass through, tagged with the item they belong to. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * The item for a failed input item when the node continues on fail. No secret is in any message. With "Continue
 * (using error output)" it also carries the error, which is what sends it to the error output (n8n moves an item
 * there only for its `error`, or for a `json` of nothing but `error`); n8n then keeps only the message in its JSON,
 * so the item carries it only then and keeps its description otherwise.
 */
export function errorItem(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	json: IDataObject = errorJson(error),
): INodeExecutionData {
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	if (context.getNode().onError === 'continueErrorOutput') item.error = asNodeError(context.getNode(), error, itemIndex);
	return item;
}
