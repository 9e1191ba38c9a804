import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { GameballResponse } from '../transport/request';
import type { GameballOperation, GameballRequest } from './operation';

/** One or more output records from a Gameball answer. */
export function recordsFrom(
	operation: GameballOperation,
	request: GameballRequest,
	response: GameballResponse,
): IDataObject[] {
	if (response.alreadyApplied) {
		const key = operation.idempotencyKey;
		return [
			{
				alreadyApplied: true,
				...(key ? { [key]: request.body?.[key] } : {}),
				gameballCode: response.alreadyApplied.code,
				message: response.alreadyApplied.message ?? 'Applied by an earlier attempt',
			},
		];
	}
	const { body } = response;
	if (Array.isArray(body)) return body.map((entry) => (typeof entry === 'object' ? entry : { value: entry }));
	if (body && typeof body === 'object' && Object.keys(body).length) return entriesOf(operation, request, body as IDataObject);
	if (body !== undefined && body !== null && body !== '' && typeof body !== 'object') return [{ value: body }];
	return [{ success: true }];
}

/** The entries of an answer that wraps one list (the operation's `entries`); an answer without that list stays whole. */
export function entriesOf(operation: GameballOperation, request: GameballRequest, answer: IDataObject): IDataObject[] {
	const list = operation.entries ? answer[operation.entries.key] : undefined;
	if (!Array.isArray(list)) return [answer];
	const tags = operation.entries?.tag?.(request) ?? {};
	return list.map((entry) => ({ ...tags, ...(entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry }) }));
}

export function paired(records: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/**
 * The item for a failed input item when the node continues on fail. No secret is in any message. With "Continue
 * (using error output)" it also carries the error, which is what sends it to the error output; n8n then keeps only
 * the message in its JSON, so the item carries it only then and keeps its description otherwise.
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

/** What an error item's `json` holds: the message, and the description and HTTP code when there are. */
export function errorJson(error: unknown): IDataObject {
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
