/** Text without end spaces, from a string or a finite number (IDs arrive as either); blank or anything else is `null`. */
export function presentText(value: unknown): string | null {
	if (typeof value === 'string') return value.trim() || null;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}
