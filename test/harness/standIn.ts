import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { GameballCredentials } from './gameball';

/** What the stand-in answers one request with. */
export interface StandInAnswer {
	status?: number;
	body: unknown;
	/** Headers besides the JSON content type (a Retry-After). */
	headers?: Record<string, string>;
}

/** A request as the stand-in saw it; `n` counts requests from 1. */
export interface StandInRequest {
	method: string;
	url: URL;
	n: number;
	/** The request body as sent. */
	body: string;
	headers: http.IncomingHttpHeaders;
}

/**
 * A Gameball stand-in on loopback for answers the simulator does not give (a page sent twice, a job with stray
 * entries): every request gets `answer(request)` as JSON. `credentials` point the node at it.
 */
export async function standIn(answer: (request: StandInRequest) => StandInAnswer) {
	let calls = 0;
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			calls += 1;
			const sent = Buffer.concat(chunks).toString('utf8');
			const { status = 200, body, headers } = answer({ method: request.method ?? 'GET', url: new URL(request.url ?? '/', 'http://stand-in'), n: calls, body: sent, headers: request.headers });
			response.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const credentials: GameballCredentials = { gameballApi: { apiKey: 'k'.repeat(20), secretKey: 's'.repeat(20), apiVersion: 'v4.0', baseUrl } };
	return { credentials, calls: () => calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A running stand-in, as `standIn` gives it. */
export type StandIn = Awaited<ReturnType<typeof standIn>>;

/** Starts a stand-in that answers with `answer`, runs `use` with it, and closes it however `use` ends. */
export async function withStandIn<T>(answer: (request: StandInRequest) => StandInAnswer, use: (stand: StandIn) => Promise<T>): Promise<T> {
	const stand = await standIn(answer);
	try {
		return await use(stand);
	} finally {
		await stand.close();
	}
}
