/** Tolerant readers for loosely shaped webhook JSON: each returns null instead of guessing. */

import { isJsonObject } from '../jsonObject';
import { numberOrNull } from '../numbers';
import { presentText } from '../text';
import { parseTime } from '../times';

export type Json = Record<string, unknown>;

/** A JSON object (not null, not an array), typed for these readers. */
export const isObject: (value: unknown) => value is Json = isJsonObject;

export function obj(value: unknown): Json | null {
	return isObject(value) ? value : null;
}

/** A non-empty string, without end spaces; numbers are turned into strings (ids often arrive as either). */
export const str = presentText;

/** A finite number; decimal text is accepted. */
export const num = numberOrNull;

/** Any value that is there (not undefined or null), for `first` when the type is checked later. */
export function present(value: unknown): unknown {
	return value ?? null;
}

/** The first of `keys` that `source` holds with a usable value, read by `reader`. */
export function first<T>(source: Json | null, keys: string[], reader: (value: unknown) => T | null): T | null {
	if (!source) return null;
	for (const key of keys) {
		const value = reader(source[key]);
		if (value !== null) return value;
	}
	return null;
}

/** The first object among `keys`. */
export function firstObj(source: Json | null, keys: string[]): Json | null {
	return first(source, keys, obj);
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** As `isoTime`, but an ISO 8601 time with its own offset is kept as sent, so its calendar day stays the sender's. */
export function isoTimeAsSent(value: unknown): string | null {
	return typeof value === 'string' && ISO_WITH_OFFSET.test(value.trim()) ? value.trim() : isoTime(value);
}

/**
 * An ISO 8601 string from an ISO string (UTC when it names no zone) or a Unix time in seconds or milliseconds (a
 * number or its digits); null for text that is no time ("19/11/2024", "{{created_at}}"), which a CRM's date field refuses.
 */
export function isoTime(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) {
		const time = new Date(value < 1e12 ? value * 1000 : value);
		// Beyond what a Date holds (a nanosecond time, 1e300): no time.
		return Number.isNaN(time.getTime()) ? null : time.toISOString();
	}
	const text = str(value);
	if (!text) return null;
	if (/^\d{9,13}$/.test(text)) return isoTime(Number(text));
	const parsed = parseTime(text);
	return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}
