/*
 * A long text stored as pieces. V8 parses a JSON string longer than about 131,000 bytes (too large for a regular
 * heap page) about ten times slower per byte than a shorter one, on Node 20 and 24 alike, and n8n parses a
 * workflow's whole static data for every run (bench/RESULTS.md, R3, stop 13). So a text longer than
 * PIECE_CHARS is stored as an array of pieces that, joined, are the text; a shorter one stays one string.
 * 32,000 characters stay under the limit even as two-byte text. Pieces end at line breaks where they can.
 */

export const PIECE_CHARS = 32_000;

/** What the static data holds of one text. */
export type StoredText = string | readonly string[];

/** A text as full pieces and an open tail: appending touches only the tail. Never changed in place. */
export interface PiecedText {
	sealed: readonly string[];
	tail: string;
}

export function isStoredText(value: unknown): value is StoredText {
	return typeof value === 'string' || (Array.isArray(value) && value.every((piece) => typeof piece === 'string'));
}

const HIGH_SURROGATES = { first: 0xd800, last: 0xdbff };

/** Where the first piece of `text` ends: after its last line break within PIECE_CHARS, never inside a surrogate pair. */
function pieceEnd(text: string): number {
	const afterLineBreak = text.lastIndexOf('\n', PIECE_CHARS - 1) + 1;
	if (afterLineBreak > 0) return afterLineBreak;
	const last = text.charCodeAt(PIECE_CHARS - 1);
	return last >= HIGH_SURROGATES.first && last <= HIGH_SURROGATES.last ? PIECE_CHARS - 1 : PIECE_CHARS;
}

/** `pieced` followed by `added`; each piece that fills up is sealed. */
export function appendText(pieced: PiecedText, added: string): PiecedText {
	let tail = pieced.tail + added;
	if (tail.length <= PIECE_CHARS) return { sealed: pieced.sealed, tail };
	const sealed = [...pieced.sealed];
	while (tail.length > PIECE_CHARS) {
		const end = pieceEnd(tail);
		sealed.push(tail.slice(0, end));
		tail = tail.slice(end);
	}
	return { sealed, tail };
}

export function piecesOf(text: string): PiecedText {
	return appendText({ sealed: [], tail: '' }, text);
}

/** What to store: the text itself when it is one piece, else its pieces. */
export function storedForm({ sealed, tail }: PiecedText): StoredText {
	if (sealed.length === 0) return tail;
	return tail === '' ? [...sealed] : [...sealed, tail];
}

export function joinedText(stored: StoredText): string {
	return typeof stored === 'string' ? stored : stored.join('');
}

export function storedLength(stored: StoredText): number {
	if (typeof stored === 'string') return stored.length;
	let length = 0;
	for (const piece of stored) length += piece.length;
	return length;
}

/** True when `stored` is `pieced` cut the same way (compared by content: n8n hands each run a fresh copy). */
export function holdsPieces(stored: readonly string[], { sealed, tail }: PiecedText): boolean {
	const count = sealed.length + (tail === '' ? 0 : 1);
	if (stored.length !== count) return false;
	for (let index = 0; index < sealed.length; index++) if (stored[index] !== sealed[index]) return false;
	return tail === '' || stored[count - 1] === tail;
}
