import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ErrorItem, GameballAlreadyAppliedItem } from '../../types';
import { errorItem, errorJson } from '../../errorItems';
import { asRecord } from '../transport/paginate';
import { mayHaveBeenApplied, type GameballResponse } from '../transport/request';
import type { GameballOperation, GameballRequest } from './operation';

/** One or more output records from a Gameball answer. */
export function recordsFrom(
	operation: GameballOperation,
	request: GameballRequest,
	response: GameballResponse,
): IDataObject[] {
	if (response.alreadyApplied) {
		const key = operation.idempotencyKey;
		const applied: GameballAlreadyAppliedItem = {
			alreadyApplied: true,
			// What the call was about (a customer ID, a transaction ID), as the item would have had it.
			...request.pathParams,
			...(key ? { [key]: request.body?.[key] } : {}),
			...(response.alreadyApplied.code === undefined ? {} : { gameballCode: response.alreadyApplied.code }),
			message: response.alreadyApplied.message ?? 'Applied by an earlier attempt',
		};
		return [applied];
	}
	const { body } = response;
	if (Array.isArray(body)) return body.map(asRecord);
	if (body && typeof body === 'object' && Object.keys(body).length) return entriesOf(operation, request, body as IDataObject);
	if (body !== undefined && body !== null && body !== '' && typeof body !== 'object') return [{ value: body }];
	// An empty answer: a list of none gives no item, a read gives it as it came, a write says it succeeded.
	if (operation.entries) return [];
	return operation.endpoint.startsWith('GET ') ? [{}] : [{ success: true }];
}

/** The entries of an answer that wraps one list (the operation's `entries`); an answer without that list stays whole. */
export function entriesOf(operation: GameballOperation, request: GameballRequest, answer: IDataObject): IDataObject[] {
	const list = operation.entries ? answer[operation.entries.key] : undefined;
	if (!Array.isArray(list)) return [answer];
	const tags = operation.entries?.tag?.(request) ?? {};
	return list.map((entry) => ({ ...tags, ...asRecord(entry) }));
}

export function paired(records: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/** A failed item's JSON: its error, and `mayHaveBeenApplied` as a field when the change may have been applied. */
export function failureJson(error: unknown): ErrorItem {
	return { ...errorJson(error), ...(mayHaveBeenApplied(error) ? { mayHaveBeenApplied: true as const } : {}) };
}

/** A failed item's error item (`failureJson` after `fields`, such as the batch fields). */
export function failedItem(context: IExecuteFunctions, error: unknown, itemIndex: number, fields: IDataObject = {}): INodeExecutionData {
	return errorItem(context, error, itemIndex, { ...fields, ...failureJson(error) });
}
