/** Small helpers around node:http requests and answers. */
import type { IncomingMessage, ServerResponse } from 'http';

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new BodyTooLargeError(`Body larger than ${MAX_BODY_BYTES} bytes`));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

export function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
	if (response.headersSent || response.destroyed) return;
	response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
	response.end(text);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SECRET_HEADERS = new Set(['apikey', 'secretkey', 'authorization']);

/** Request headers with key values replaced, safe to keep and print. */
export function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? '[REDACTED]' : Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}
