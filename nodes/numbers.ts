/* Arithmetic on the points and amounts that Gameball and Open Loyalty send. */

function decimalPlaces(value: number): number | undefined {
	const text = String(value);
	if (text.includes('e')) return undefined;
	return text.split('.')[1]?.length ?? 0;
}

/** `current - previous` without binary floating-point noise (0.2, not 0.19999999999999998). */
export function difference(current: number, previous: number): number {
	const a = decimalPlaces(current);
	const b = decimalPlaces(previous);
	const raw = current - previous;
	if (a === undefined || b === undefined) return Number(raw.toPrecision(15));
	return Number(raw.toFixed(Math.min(20, Math.max(a, b))));
}

/**
 * The same amount to 15 significant digits: a value sent unrounded (0.30000000000000004) is the amount 0.3, not a
 * move of 6e-17. Doubles hold 15 significant digits exactly, so no move of a balance under 10^14 is lost.
 */
export function sameAmount(a: number, b: number): boolean {
	return a === b || Number(a.toPrecision(15)) === Number(b.toPrecision(15));
}

/** Decimal text, as amounts are written: `Number()` alone also reads "0x20", "0b1" and "Infinity". */
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function isDecimalText(text: string): boolean {
	return DECIMAL_TEXT.test(text.trim());
}

/** A finite number, or decimal text as its number; anything else is `null`. */
export function numberOrNull(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && isDecimalText(value)) {
		const parsed = Number(value.trim());
		return Number.isFinite(parsed) ? parsed : null;
	}
	return null;
}
