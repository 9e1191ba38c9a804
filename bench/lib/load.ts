/** A load generator on loopback: node:http with a keep-alive agent, `concurrency` requests in flight. */
import * as http from 'node:http';

import { percentile } from './report';

export interface LoadRequest {
	body: string;
	headers: Record<string, string>;
}

export interface LoadResult {
	sent: number;
	/** Wall time from the first request to the last answer, in ms. */
	elapsedMs: number;
	startedAt: number;
	byStatus: Record<number, number>;
	/** Connection errors (no HTTP answer). */
	errors: number;
	p50: number;
	p99: number;
	perSecond: number;
	/** Every answer's latency in ms, sorted. */
	latencies: number[];
}

function post(agent: http.Agent, url: URL, request: LoadRequest): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) } },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(request.body);
	});
}

/** Sends `requests` to `target` with `concurrency` in flight; stops early after `maxSeconds`. */
export async function runLoad(target: string, requests: LoadRequest[], concurrency: number, maxSeconds = Infinity): Promise<LoadResult> {
	const url = new URL(target);
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const latencies: number[] = [];
	const byStatus: Record<number, number> = {};
	let errors = 0;
	let next = 0;
	const startedAt = Date.now();
	const started = performance.now();
	const deadline = started + maxSeconds * 1000;
	const worker = async () => {
		while (next < requests.length && performance.now() < deadline) {
			const request = requests[next++];
			const sentAt = performance.now();
			try {
				const status = await post(agent, url, request);
				byStatus[status] = (byStatus[status] ?? 0) + 1;
			} catch {
				errors++;
			}
			latencies.push(performance.now() - sentAt);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const elapsedMs = performance.now() - started;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	return {
		sent: latencies.length,
		elapsedMs,
		startedAt,
		byStatus,
		errors,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		perSecond: latencies.length / (elapsedMs / 1000),
		latencies,
	};
}
