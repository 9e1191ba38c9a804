/**
 * The child process of bench/p2-instructions.ts, run under callgrind: plain JavaScript on a built checkout, so that
 * nothing is compiled under valgrind.
 *   node p2-workload.js <deliveries.json> <mode> [<checkout>]
 * The file holds the trigger's settings and the signed deliveries with their headers (written by the parent).
 * mode: `read` (read the deliveries only), `baseline` (JSON.parse + SHA-1 of each), `load` (read, load the
 * checkout's pipeline), `pipeline` (that, then every delivery through it). A fake clock moves 2 ms per delivery,
 * so the write log flushes the same way in every run.
 */
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const [file, mode, checkout] = process.argv.slice(2);
const { settings, deliveries } = JSON.parse(readFileSync(file, 'utf8'));
const requests = deliveries.map(({ body, headers }) => ({ bytes: Buffer.from(body), headers }));

function baseline() {
	let sink = 0;
	for (const { bytes } of requests) {
		const parsed = JSON.parse(bytes.toString('utf8'));
		sink += createHash('sha1').update(bytes).digest('hex').length + (parsed.event ? 1 : 0);
	}
	return sink;
}

function pipeline() {
	const built = join(checkout, 'dist', 'nodes', 'GameballTrigger');
	const { handleV4Delivery } = require(join(built, 'pipeline.js'));
	const { RecentWrites } = require(join(built, 'recentWrites.js'));
	if (mode === 'load') return 0;
	const store = {};
	const log = new RecentWrites();
	let now = Date.UTC(2026, 0, 1);
	let emitted = 0;
	for (const { bytes, headers } of requests) {
		now += 2;
		if (handleV4Delivery({ method: 'POST', bytes, headers, query: {} }, settings, store, now, log).kind === 'emit') emitted++;
	}
	if (emitted !== requests.length) throw new Error(`only ${emitted} of ${requests.length} deliveries emitted`);
	return emitted;
}

const result = mode === 'read' ? 0 : mode === 'baseline' ? baseline() : pipeline();
process.stdout.write(`${mode} ${result}\n`);
