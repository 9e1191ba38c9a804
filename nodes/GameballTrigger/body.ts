/** The bytes of a request body: the raw bytes n8n kept, else the parsed body re-serialised. */
export function bodyBytes(rawBody: unknown, parsedBody: unknown): Buffer {
	if (Buffer.isBuffer(rawBody)) return rawBody;
	if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
	if (parsedBody === undefined || parsedBody === null) return Buffer.alloc(0);
	if (typeof parsedBody === 'string') return Buffer.from(parsedBody, 'utf8');
	if (typeof parsedBody === 'object' && Object.keys(parsedBody).length === 0) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(parsedBody), 'utf8');
}

export function isTooLarge(bytes: Buffer, maxKilobytes: number): boolean {
	return maxKilobytes > 0 && bytes.length > maxKilobytes * 1024;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false };

/** Parses UTF-8 JSON (a leading byte-order mark is allowed); never throws. */
export function parseJson(bytes: Buffer): ParsedJson {
	const text = bytes.toString('utf8');
	try {
		// JSON.parse refuses empty and whitespace-only text, so they need no check of their own.
		return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown };
	} catch {
		return { ok: false };
	}
}

/** Header values as single strings (Node joins repeated headers; arrays are joined the same way). */
export function flatHeaders(headers: Record<string, unknown>): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (typeof value === 'string') flat[name.toLowerCase()] = value;
		else if (Array.isArray(value)) flat[name.toLowerCase()] = value.map(String).join(', ');
	}
	return flat;
}

/** A header's value by lower-case name; a name such as `constructor` reads nothing inherited. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
	return Object.hasOwn(headers, name) ? headers[name] : undefined;
}
