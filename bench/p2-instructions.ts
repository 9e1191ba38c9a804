/**
 * P2 in instructions: what the trigger's pipeline costs per 1 KB delivery in CPU instructions counted by callgrind,
 * against the P2 baseline (JSON.parse + SHA-1 of the same bytes), and optionally against another checkout's pipeline.
 * At 20,000 deliveries counts repeat within about 2 % whatever else the machine does, where timings here swing by
 * 10 % or more, so this is how a change to the pipeline is compared. Instructions are not time (SHA-1 runs few of them per byte), so the
 * P2 goal stays with `npm run bench:p2`. Needs valgrind and a built checkout (`npm run build`) on each side.
 *   npm run bench:p2-instructions [-- --other <checkout> --count 20000]
 *   (e.g. git worktree add /tmp/wt-old <rev> && ln -s "$PWD/node_modules" /tmp/wt-old/node_modules && (cd /tmp/wt-old && npm run build))
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { v4Settings } from '../test/trigger/fixtures';
import { readArgs } from './lib/args';
import { deliveryHeaders, signedDeliveries } from './lib/deliveries';
import { machine, round } from './lib/report';

const SECRET = 'bench-secret-key';
const args = readArgs();
const count = args.number('count', 20_000);
const here = resolve(__dirname, '..');
const other = args.string('other', '');
const checkouts = other ? { this: here, other: resolve(other) } : { this: here };
const workload = join(__dirname, 'lib', 'p2-workload.js');

/** Instructions callgrind counted for one run of the workload (V8 single-threaded: no background compiler). */
function instructions(file: string, mode: string, checkout = ''): number {
	const run = spawnSync(
		'valgrind',
		['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', workload, file, mode, checkout],
		{ encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
	);
	const counted = /Collected : (\d+)/.exec(run.stderr ?? '');
	if (run.status !== 0 || !counted) throw new Error(`valgrind ${mode} failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr?.slice(-500)}`);
	return Number(counted[1]);
}

function main() {
	for (const [name, checkout] of Object.entries(checkouts)) {
		if (!existsSync(join(checkout, 'dist', 'nodes', 'GameballTrigger', 'pipeline.js'))) {
			throw new Error(`${name}: ${checkout} has no dist/ (run npm run build there)`);
		}
	}
	console.log(`P2 in instructions · ${machine()} · ${count} distinct signed 1 KB deliveries`);
	const folder = mkdtempSync(join(tmpdir(), 'p2-instructions-'));
	try {
		const file = join(folder, 'deliveries.json');
		const deliveries = signedDeliveries(count, `p2i-${Date.now()}`, SECRET).map(({ body, signature }) => ({ body, headers: deliveryHeaders(signature) }));
		writeFileSync(file, JSON.stringify({ settings: v4Settings({ secretKey: SECRET }), deliveries }));
		const perDelivery = (total: number, base: number) => (total - base) / count;
		const baseline = perDelivery(instructions(file, 'baseline'), instructions(file, 'read'));
		console.log(`baseline        ${round(baseline / 1000, 1)} k instructions per delivery`);
		const pipelines: Record<string, number> = {};
		for (const [name, checkout] of Object.entries(checkouts)) {
			pipelines[name] = perDelivery(instructions(file, 'pipeline', checkout), instructions(file, 'load', checkout));
			console.log(`pipeline ${name.padEnd(6)} ${round(pipelines[name] / 1000, 1)} k instructions per delivery (${checkout})`);
		}
		console.log(`pipeline / baseline          ${round(pipelines.this / baseline, 2)}x (in instructions)`);
		if (pipelines.other !== undefined) {
			console.log(`other pipeline / baseline    ${round(pipelines.other / baseline, 2)}x`);
			console.log(`this / other                 ${round(pipelines.this / pipelines.other, 3)}`);
		}
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

main();
