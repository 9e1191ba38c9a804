import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseJson, refuse } from '../../../parameters';
import { MAX_BATCH_SIZE } from '../../transport/batch';
import type { JobKind } from './jobKinds';

function typeOf(value: unknown) {
	return Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
}

function problemWith(entry: unknown, shape: JobKind['entry']): string | undefined {
	if (shape === 'orderIds') {
		const isId = (typeof entry === 'string' && entry.trim() !== '') || typeof entry === 'number';
		return isId ? undefined : `must be an order ID (a string), not ${typeOf(entry)}`;
	}
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `must be an object, not ${typeOf(entry)}`;
	const missing = shape.filter((field) => (entry as IDataObject)[field] === undefined || (entry as IDataObject)[field] === '');
	return missing.length ? `lacks ${missing.map((field) => `"${field}"`).join(', ')}` : undefined;
}

/** A job's entries, checked before anything is sent: an array of 1 to 1,000 entries of the kind's shape. */
export function readEntries(context: IExecuteFunctions, kind: JobKind, itemIndex: number): unknown[] {
	const fail = (message: string, description?: string) => refuse(context, message, itemIndex, description);
	const entries = parseJson(context, context.getNodeParameter('entries', itemIndex, undefined), 'Entries', itemIndex);
	if (!Array.isArray(entries)) {
		return fail(`"Entries" must be a JSON array, not ${entries === undefined ? 'empty' : typeOf(entries)}`, `For example: ${kind.example}`);
	}
	if (!entries.length) fail('"Entries" is an empty array: a batch job needs at least one entry');
	if (entries.length > MAX_BATCH_SIZE) {
		fail(
			`"Entries" has ${entries.length} entries; Gameball takes at most ${MAX_BATCH_SIZE} per job`,
			'Split them over several input items, one job each, or use the matching single operation with its Batching option.',
		);
	}
	for (const [index, entry] of entries.entries()) {
		const problem = problemWith(entry, kind.entry);
		if (problem) fail(`Entry ${index} of "Entries" ${problem}`, `Entries of a ${kind.name} job look like: ${kind.example}`);
	}
	return kind.entry === 'orderIds' ? entries.map((entry) => String(entry).trim()) : entries;
}
