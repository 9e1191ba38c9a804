/** A tiny HTTP client for the simulator tests (node:http, no keep-alive, so nothing stays open). */
import * as http from 'http';
import { createHash } from 'crypto';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';

export interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	/** Parsed JSON, or undefined when the body is not JSON. */
	json: any;
}

export interface CallOptions {
	headers?: Record<string, string>;
	/** Send the raw text instead of JSON.stringify(body). */
	raw?: string;
	/** Leave out the default APIKey/SecretKey headers. */
	noKeys?: boolean;
}

export function request(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, raw?: string): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
		const outgoing = http.request(
			new URL(path, baseUrl),
			{ method, agent: false, headers: { ...(payload !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) } : {}), ...headers } },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json: unknown;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
				});
				response.on('error', reject);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(payload);
	});
}

/** Calls /api/v4.0/integrations<path> with both keys unless told otherwise. */
export function clientFor(sim: Simulator) {
	return (method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Answer> => {
		const keys: Record<string, string> = options.noKeys ? {} : { APIKey: sim.apiKey, SecretKey: sim.secretKey };
		const fullPath = path.startsWith('/api/') ? path : `/api/v4.0/integrations${path}`;
		return request(sim.url, method, fullPath, body, { ...keys, ...options.headers }, options.raw);
	};
}

/**
 * Starts a simulator in beforeAll and stops it in afterAll of the surrounding describe (or file).
 * sim() is the started simulator; call() is clientFor(sim()), so both may only be used from hooks and tests.
 */
export function useSimulator(options: SimulatorOptions = { rateLimits: false }) {
	let started: Simulator | undefined;
	beforeAll(async () => {
		started = await startSimulator(options);
	});
	afterAll(() => started?.stop());
	const sim = (): Simulator => {
		if (!started) throw new Error('useSimulator: the simulator is not started yet (use sim() and call() inside hooks and tests)');
		return started;
	};
	const call: ReturnType<typeof clientFor> = (...args) => clientFor(sim())(...args);
	return { sim, call };
}

export function sha1Hex(text: string): string {
	return createHash('sha1').update(text).digest('hex');
}

export const nowIso = () => new Date().toISOString();

/** Polls until the predicate holds (or fails after timeoutMs). */
export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000, stepMs = 5): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await predicate())) {
		if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, stepMs));
	}
}

/** A webhook receiver on a random port answering `statuses` in turn (then 200), each after `delayMs`. */
export async function startReceiver(statuses: number[] = [], delayMs = 0) {
	const received: Array<{ headers: http.IncomingHttpHeaders; body: string; at: number }> = [];
	let call = 0;
	const server = http.createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			received.push({ headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
			const status = statuses[call] ?? 200;
			call += 1;
			const answer = () => response.writeHead(status, { Connection: 'close' }).end(status < 300 ? 'ok' : 'fail');
			if (delayMs > 0) setTimeout(answer, delayMs);
			else answer();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}/gameball`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
