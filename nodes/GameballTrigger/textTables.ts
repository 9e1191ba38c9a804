import type { IDataObject } from 'n8n-workflow';

import { isJsonObject } from '../jsonObject';
import {
	appendText,
	holdsPieces,
	isStoredText,
	joinedText,
	piecesOf,
	storedForm,
	storedLength,
	type PiecedText,
	type StoredText,
} from './textPieces';

/*
 * A bounded memory of two generations, each stored in the static data as text of `<key>=<value>\n` lines (a key's
 * last line wins): one string, or a long text in pieces (textPieces.ts). n8n parses, proxies and re-serialises a
 * workflow's whole static data around every delivery, and a few long strings cost it a fraction of what tens of
 * thousands of object keys do (bench/RESULTS.md, P5).
 * A table whose keys mostly share values (first-seen seconds) stores a run of them as `=<value>\n` and then one
 * bare `<key>\n` line per key: n8n reads the whole static data for every run, so every byte costs (RESULTS.md, R3).
 * Reads go through Maps parsed from those strings once per text: n8n loads a fresh copy of the static data for each
 * delivery, and the text only changes when the trigger flushes its writes (recentWrites.ts), so the Maps parsed from
 * a text are shared, read-only, by every copy that holds the same text (parsing a full memory takes milliseconds,
 * comparing it microseconds). A write first gives its copy Maps of its own.
 * Writes go to the current generation; when it holds `limit` keys it becomes the previous one, and the one before
 * it is dropped whole: the last `limit` keys written are always kept, at most twice that many are stored.
 * Keys never contain `=` or a line break.
 */

export interface TableNames {
	current: string;
	previous: string;
	/** A count key of the object format of earlier versions, removed on the first write. */
	legacyCount: string;
	/** Write runs of keys with one value as `=<value>` and bare keys (see above). Either form is always read. */
	sharesValues?: boolean;
}

interface Generation {
	/** The stored value this was read from (text, or an object of earlier versions). */
	source: unknown;
	text: PiecedText;
	entries: Map<string, string>;
	/** Entry lines in `text`, stale ones included (run lines not counted). */
	lines: number;
	/** The value a bare key appended to `text` would take. */
	runValue: string | undefined;
	/** `entries` is shared with other copies that hold the same text: copy it before writing. */
	shared: boolean;
}

type ParsedText = Pick<Generation, 'text' | 'entries' | 'lines' | 'runValue'> & {
	/** The text parsed, joined. */
	joined: string;
};

/** Texts parsed lately, by table name and length; an entry is used only when its text is equal. */
const parsedTexts = new Map<string, ParsedText>();
const PARSED_TEXTS_KEPT = 8;

interface Tables {
	current: Generation;
	previous: Generation;
}

const parsedByStore = new WeakMap<IDataObject, Map<string, Tables>>();

function escapeValue(value: string): string {
	if (!value.includes('\n') && !value.includes('\\')) return value;
	return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function unescapeValue(text: string): string {
	return text.includes('\\') ? text.replace(/\\([\\n])/g, (_match, escaped: string) => (escaped === 'n' ? '\n' : '\\')) : text;
}

function lineOf(key: string, value: string): string {
	return `${key}=${escapeValue(value)}\n`;
}

/** The line(s) that store `key` at the end of `generation`'s text; updates its run value. */
function linesFor(generation: Pick<Generation, 'runValue'>, key: string, value: string, sharesValues: boolean | undefined): string {
	if (!sharesValues) return lineOf(key, value);
	if (value === generation.runValue) return `${key}\n`;
	generation.runValue = value;
	return `=${escapeValue(value)}\n${key}\n`;
}

function textOf(entries: Map<string, string>, sharesValues: boolean | undefined): Pick<Generation, 'text' | 'runValue'> {
	const run: Pick<Generation, 'runValue'> = { runValue: undefined };
	let text = '';
	for (const [key, value] of entries) text += linesFor(run, key, value, sharesValues);
	return { text: piecesOf(text), runValue: run.runValue };
}

const EQUALS_SIGN = 0x3d;

/** The first `=` in `text[start, end)`, or -1: a bare key line must not send the search on into later lines. */
function equalsSignIn(text: string, start: number, end: number): number {
	for (let at = start; at < end; at++) if (text.charCodeAt(at) === EQUALS_SIGN) return at;
	return -1;
}

function parseText(text: string): Pick<ParsedText, 'entries' | 'lines' | 'runValue'> {
	const entries = new Map<string, string>();
	let lines = 0;
	let runValue: string | undefined;
	for (let start = 0; start < text.length; ) {
		let end = text.indexOf('\n', start);
		if (end < 0) end = text.length;
		const equals = equalsSignIn(text, start, end);
		if (equals === start) runValue = unescapeValue(text.slice(start + 1, end));
		else if (equals > start) {
			entries.set(text.slice(start, equals), unescapeValue(text.slice(equals + 1, end)));
			lines++;
		} else if (end > start && runValue !== undefined) {
			entries.set(text.slice(start, end), runValue);
			lines++;
		}
		start = end + 1;
	}
	return { entries, lines, runValue };
}

function isParsedFrom(parsed: ParsedText, stored: StoredText): boolean {
	return typeof stored === 'string' ? parsed.joined === stored : holdsPieces(stored, parsed.text);
}

/** The Maps of a stored text, parsed once per text (see above). */
function parsedText(name: string, stored: StoredText): ParsedText {
	const cacheKey = `${name}:${storedLength(stored)}`;
	const cached = parsedTexts.get(cacheKey);
	if (cached && isParsedFrom(cached, stored)) return cached;
	const joined = joinedText(stored);
	const parsed = { joined, text: piecesOf(joined), ...parseText(joined) };
	parsedTexts.delete(cacheKey);
	if (parsedTexts.size >= PARSED_TEXTS_KEPT) parsedTexts.delete(parsedTexts.keys().next().value as string);
	parsedTexts.set(cacheKey, parsed);
	return parsed;
}

/** A stored generation: text, or an object `{ key: value }` as earlier versions stored it. */
function generationOf(name: string, stored: unknown, sharesValues: boolean | undefined): Generation {
	if (isStoredText(stored)) {
		const { text, entries, lines, runValue } = parsedText(name, stored);
		return { source: stored, text, entries, lines, runValue, shared: true };
	}
	if (isJsonObject(stored)) {
		const entries = new Map(Object.entries(stored).map(([key, value]) => [key, String(value)]));
		return { source: stored, ...textOf(entries, sharesValues), entries, lines: entries.size, shared: false };
	}
	return { source: stored, text: piecesOf(''), entries: new Map(), lines: 0, runValue: undefined, shared: false };
}

function tablesOf(store: IDataObject, names: TableNames): Tables {
	let byName = parsedByStore.get(store);
	if (!byName) {
		byName = new Map();
		parsedByStore.set(store, byName);
	}
	let tables = byName.get(names.current);
	if (!tables || tables.current.source !== store[names.current]) {
		tables = {
			current: generationOf(names.current, store[names.current], names.sharesValues),
			previous: generationOf(names.previous, store[names.previous], names.sharesValues),
		};
		byName.set(names.current, tables);
	} else if (tables.previous.source !== store[names.previous]) {
		tables.previous = generationOf(names.previous, store[names.previous], names.sharesValues);
	}
	return tables;
}

/** The value last written under `key`, newest generation first. */
export function readEntry(store: IDataObject, names: TableNames, key: string): string | undefined {
	const { current, previous } = tablesOf(store, names);
	return current.entries.get(key) ?? previous.entries.get(key);
}

/** Writes `key` into the current generation, first retiring it when it already holds `limit` other keys. */
export function writeEntry(store: IDataObject, names: TableNames, key: string, value: string, limit: number): void {
	writeEntries(store, names, [[key, value]], limit);
}

/**
 * Writes each `[key, value]` in order, as `writeEntry` would, and appends their lines to the stored text in one piece:
 * a flush of hundreds of writes retains one string, not two per write, and assigns the static data once.
 */
export function writeEntries(store: IDataObject, names: TableNames, writes: Iterable<[string, string]>, limit: number): void {
	const tables = tablesOf(store, names);
	const keep = Math.max(1, Math.floor(limit));
	let lines: string[] = [];
	for (const [key, value] of writes) {
		const isNew = !tables.current.entries.has(key);
		if (!isNew && tables.current.entries.get(key) === value) continue;
		if (isNew && tables.current.entries.size >= keep) {
			appendLines(tables.current, lines, names);
			lines = [];
			const retired = storedForm(tables.current.text);
			tables.previous = { ...tables.current, source: retired };
			store[names.previous] = retired;
			tables.current = generationOf(names.current, undefined, names.sharesValues);
		}
		if (tables.current.shared) tables.current = { ...tables.current, entries: new Map(tables.current.entries), shared: false };
		tables.current.entries.set(key, value);
		lines.push(linesFor(tables.current, key, value, names.sharesValues));
	}
	const current = tables.current;
	if (lines.length === 0) return;
	appendLines(current, lines, names);
	// Assigning through the static-data proxy marks it changed, so n8n saves it.
	const stored = storedForm(current.text);
	store[names.current] = stored;
	current.source = stored;
	if (names.legacyCount in store) delete store[names.legacyCount];
}

function appendLines(generation: Generation, lines: string[], names: TableNames): void {
	if (lines.length === 0) return;
	generation.lines += lines.length;
	if (generation.lines >= 2 * generation.entries.size + 64) {
		// Rewritten keys leave stale lines behind; drop them once they are as many as the live ones.
		Object.assign(generation, textOf(generation.entries, names.sharesValues));
		generation.lines = generation.entries.size;
	} else {
		generation.text = appendText(generation.text, lines.join(''));
	}
}

/** Every key with its value, the previous generation first: a later pair of a key wins. */
export function* tableEntries(store: IDataObject, names: TableNames): Generator<[string, string]> {
	const { current, previous } = tablesOf(store, names);
	yield* previous.entries;
	yield* current.entries;
}

/** The distinct keys of both generations. */
export function keyCount(store: IDataObject, names: TableNames): number {
	const { current, previous } = tablesOf(store, names);
	let count = current.entries.size;
	for (const key of previous.entries.keys()) if (!current.entries.has(key)) count++;
	return count;
}

/** True when anything is stored, without parsing it. */
export function hasEntries(store: IDataObject, names: TableNames): boolean {
	return [store[names.current], store[names.previous]].some(
		(stored) => (isStoredText(stored) && storedLength(stored) > 0) || (isJsonObject(stored) && Object.keys(stored).length > 0),
	);
}
