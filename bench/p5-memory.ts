/**
 * P5, memory: the Gameball Trigger's stored state (its workflow static data, as n8n saves it: JSON) after 100,000
 * distinct customers and deliveries through webhook() (n8n-core's WebhookContext, test/harness), default options.
 * Also the process's heap growth over the run, after a full GC (needs --expose-gc).
 *   npm run bench:p5                        100,000 deliveries (about 30 s)
 *   npm run bench:p5 -- --deliveries 20000
 */
import '../test/harness/env';

import { memorySize } from '../nodes/GameballTrigger/memory';
import { WebhookHarness } from '../test/harness/run';
import { readArgs } from './lib/args';
import { profileBody, signBody } from './lib/deliveries';
import { finish, goal, machine, round } from './lib/report';

const SECRET = 'bench-secret-key';
const LIMIT_BYTES = 2 * 1024 * 1024;
const args = readArgs();
const count = args.number('deliveries', 100_000);
const credentials = { gameballApi: { apiKey: 'bench-api-key', secretKey: SECRET, apiVersion: 'v4.0', baseUrl: 'http://127.0.0.1:1' } };

function heapUsed(): number {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc) {
		gc();
		gc();
	}
	return process.memoryUsage().heapUsed;
}

async function main() {
	console.log(`P5 memory · ${machine()}`);
	if (!(globalThis as { gc?: unknown }).gc) console.log('note: run with node --expose-gc for a heap figure after full GC');
	const trigger = new WebhookHarness({ type: 'gameballTrigger', parameters: { source: 'v4', events: [], verifySignature: true, simplify: true, options: {} }, credentials });
	// One delivery first, so that n8n-core's and the harness's one-time set-up is not counted as growth.
	const warm = profileBody(-1, 'p5');
	await trigger.deliver({ method: 'POST', rawBody: warm, headers: { 'content-type': 'application/json', 'x-gb-signature': signBody(warm, SECRET) } });
	const heapBefore = heapUsed();
	let emitted = 0;
	let peak = 0;
	const started = performance.now();
	for (let n = 0; n < count; n++) {
		const body = profileBody(n, 'p5');
		const result = await trigger.deliver({ method: 'POST', rawBody: body, headers: { 'content-type': 'application/json', 'x-gb-signature': signBody(body, SECRET) } });
		if (result.emitted) emitted++;
		// Sampled: the stored state peaks just before a generation is dropped (both full).
		if (n % 1000 === 998) peak = Math.max(peak, Buffer.byteLength(JSON.stringify(trigger.staticData)));
	}
	const seconds = (performance.now() - started) / 1000;
	const heapAfter = heapUsed();
	const stored = Buffer.byteLength(JSON.stringify(trigger.staticData));
	const remembered = Object.values(trigger.staticData).reduce(
		(sum: { deliveries: number; customers: number }, store) => {
			const size = memorySize(store as never);
			return { deliveries: sum.deliveries + size.deliveries, customers: sum.customers + size.customers };
		},
		{ deliveries: 0, customers: 0 },
	);
	console.log(`${count} distinct customers and deliveries in ${round(seconds, 1)} s; ${emitted} started an execution`);
	console.log(`stored state: ${stored} bytes (${round(stored / 1024 / 1024, 3)} MB) as JSON; remembers ${remembered.deliveries} deliveries, ${remembered.customers} customers`);
	console.log(`peak stored state (sampled every 1,000 deliveries): ${peak} bytes (${round(peak / 1024 / 1024, 3)} MB)`);
	console.log(`heap growth over the run: ${round((heapAfter - heapBefore) / 1024 / 1024, 2)} MB (${round(heapBefore / 1024 / 1024, 1)} -> ${round(heapAfter / 1024 / 1024, 1)} MB)`);
	const largest = Math.max(stored, peak);
	finish([goal('stored state <= 2 MB, at its peak', largest <= LIMIT_BYTES, `${round(largest / 1024 / 1024, 3)} MB`)], args.flag('strict'), emitted !== count);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
