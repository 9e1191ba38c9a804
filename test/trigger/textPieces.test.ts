import {
	appendText,
	holdsPieces,
	isStoredText,
	joinedText,
	PIECE_CHARS,
	piecesOf,
	storedForm,
	storedLength,
	type PiecedText,
} from '../../nodes/GameballTrigger/textPieces';

/** Lines of varied lengths (1 to 90 characters), as the text tables write them. */
function linesOfText(count: number): string[] {
	return Array.from({ length: count }, (_, i) => `${'k'.repeat(1 + ((i * 37) % 80))}=${i}\n`);
}

function allPieces({ sealed, tail }: PiecedText): string[] {
	return tail === '' ? [...sealed] : [...sealed, tail];
}

describe('textPieces.ts: long texts stored as pieces', () => {
	it('keeps a text of up to PIECE_CHARS as one string', () => {
		const text = 'a=1\n'.repeat(PIECE_CHARS / 4);
		const pieced = piecesOf(text);
		expect(pieced.sealed).toHaveLength(0);
		expect(storedForm(pieced)).toBe(text);
		expect(storedForm(piecesOf(''))).toBe('');
	});

	it('cuts a longer text into pieces of at most PIECE_CHARS that end at line breaks and join to the text', () => {
		const text = linesOfText(4000).join('');
		expect(text.length).toBeGreaterThan(4 * PIECE_CHARS);
		const stored = storedForm(piecesOf(text));
		expect(Array.isArray(stored)).toBe(true);
		const pieces = stored as string[];
		expect(pieces.length).toBeGreaterThan(4);
		for (const piece of pieces) {
			expect(piece.length).toBeLessThanOrEqual(PIECE_CHARS);
			expect(piece.endsWith('\n')).toBe(true);
		}
		expect(joinedText(stored)).toBe(text);
		expect(storedLength(stored)).toBe(text.length);
	});

	it('cuts a text appended line by line, or in batches, exactly as the whole text at once', () => {
		const lines = linesOfText(3000);
		let byLine = piecesOf('');
		for (const line of lines) byLine = appendText(byLine, line);
		let byBatch = piecesOf('');
		for (let start = 0; start < lines.length; start += 173) byBatch = appendText(byBatch, lines.slice(start, start + 173).join(''));
		const whole = piecesOf(lines.join(''));
		expect(allPieces(byLine)).toEqual(allPieces(whole));
		expect(allPieces(byBatch)).toEqual(allPieces(whole));
		expect(holdsPieces(allPieces(byLine), whole)).toBe(true);
	});

	it('never changes the pieces it appends to', () => {
		const before = piecesOf(linesOfText(1500).join(''));
		const sealed = [...before.sealed];
		const tail = before.tail;
		appendText(before, 'x'.repeat(3 * PIECE_CHARS));
		expect(before.sealed).toEqual(sealed);
		expect(before.tail).toBe(tail);
	});

	it('cuts a line longer than a piece without splitting a surrogate pair', () => {
		const text = `${'a'.repeat(PIECE_CHARS - 1)}${'😀'.repeat(PIECE_CHARS)}\n`;
		const pieces = allPieces(piecesOf(text));
		expect(pieces.join('')).toBe(text);
		for (const piece of pieces) {
			expect(piece.length).toBeLessThanOrEqual(PIECE_CHARS);
			expect(piece).not.toMatch(/[\uD800-\uDBFF]$/);
			expect(piece).not.toMatch(/^[\uDC00-\uDFFF]/);
		}
		// The pieces survive JSON as they are: no lone surrogate is escaped.
		expect(JSON.stringify(pieces)).not.toMatch(/\\ud[89ab]/i);
	});

	it('tells a copy with the same pieces from one with other content or other cuts', () => {
		const pieced = piecesOf(linesOfText(2000).join(''));
		const copy = JSON.parse(JSON.stringify(storedForm(pieced))) as string[];
		expect(holdsPieces(copy, pieced)).toBe(true);
		const changed = [...copy];
		changed[1] = `${changed[1].slice(0, -2)}X\n`;
		expect(holdsPieces(changed, pieced)).toBe(false);
		const recut = [copy[0] + copy[1], ...copy.slice(2)];
		expect(holdsPieces(recut, pieced)).toBe(false);
		expect(holdsPieces(copy.slice(0, -1), pieced)).toBe(false);
	});

	it('recognises stored text: a string or an array of strings, nothing else', () => {
		expect(isStoredText('a=1\n')).toBe(true);
		expect(isStoredText(['a=1\n', 'b=2\n'])).toBe(true);
		expect(isStoredText([])).toBe(true);
		expect(isStoredText(['a=1\n', 2])).toBe(false);
		expect(isStoredText({ a: '1' })).toBe(false);
		expect(isStoredText(undefined)).toBe(false);
	});
});
