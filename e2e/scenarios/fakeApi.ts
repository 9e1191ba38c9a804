// What the fake APIs share (the fake CRMs, the fake LLM): a loopback JSON server that checks the token, logs
// every request with its answer, and turns a thrown FakeApiError into the API's error body.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

export interface FakeRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	authorization: string | undefined;
	/** Every header as it arrived. */
	headers: IncomingHttpHeaders;
	status: number;
}

export interface FakeAnswer {
	status: number;
	body?: unknown;
}

/** An error the CRM would answer with `status` and `body`. */
export class FakeApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {
		super(JSON.stringify(body));
	}
}

export interface FakeApi {
	url: string;
	requests: FakeRequest[];
	stop(): Promise<void>;
}

/**
 * Listens on `port`; a request whose Authorization is not `<scheme> <token>` (a scheme of `schemes`, any case; a
 * token of `tokens`) gets `unauthorized`, anything else `route`'s answer. A body that is not JSON is a 400 `badJson`.
 */
export async function startFakeApi(
	port: number,
	tokens: string[],
	{ schemes, unauthorized, badJson, route }: { schemes: string[]; unauthorized: unknown; badJson: unknown; route: (request: FakeRequest) => FakeAnswer },
): Promise<FakeApi> {
	const requests: FakeRequest[] = [];

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const url = new URL(request.url ?? '/', 'http://fake-crm');
		const text = Buffer.concat(chunks).toString('utf8');
		const entry: FakeRequest = {
			method: request.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			body: undefined,
			authorization: request.headers.authorization,
			headers: request.headers,
			status: 0,
		};
		requests.push(entry);
		let answer: FakeAnswer;
		try {
			const [scheme, presented] = (entry.authorization ?? '').split(' ');
			if (!schemes.includes(scheme.toLowerCase()) || !tokens.includes(presented)) throw new FakeApiError(401, unauthorized);
			try {
				entry.body = text ? JSON.parse(text) : undefined;
			} catch {
				throw new FakeApiError(400, badJson);
			}
			answer = route(entry);
		} catch (error) {
			if (!(error instanceof FakeApiError)) throw error;
			answer = { status: error.status, body: error.body };
		}
		entry.status = answer.status;
		if (answer.body === undefined) response.writeHead(answer.status).end();
		else response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: Error) => {
			if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
			response.end(String(error.stack ?? error));
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
