import type { IDataObject } from 'n8n-workflow';

/** A JSON object: not null, not an array (a request body, an answer, an entry of a list). */
export function isJsonObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
