/**
 * R3, load: 10,000 distinct valid deliveries at concurrency 50 into the Gameball Trigger on a live n8n (2.40.7,
 * its default `vm` engine unless --engine legacy; SQLite unless --database postgres). Zero lost (every delivery has
 * a finished, successful execution) and zero 5xx.
 *   npm run bench:r3                                  10,000 at concurrency 50 (10-15 minutes under vm)
 *   npm run bench:r3 -- --deliveries 2000 --engine legacy
 *   --workflow builtin          n8n's own Webhook node instead, as the control (same bodies, same load)
 *   --workflow gameballSmall    the Gameball Trigger with both memory sizes at 100 (static data of a few KB)
 *   --workflow gameballMid      the same at 800 (about 100 KB, under V8's large-object size: bench/string-sizes.ts)
 *   --database postgres         n8n on a fresh database of the machine's PostgreSQL (127.0.0.1:5432), dropped after
 *   --production-limit 10       sets n8n's N8N_CONCURRENCY_PRODUCTION_LIMIT (runs in progress at once)
 */
import { readFileSync } from 'node:fs';

import { readArgs } from './lib/args';
import { signedRequests } from './lib/deliveries';
import { processes } from './lib/e2e';
import { databaseLabel, lastExecutionId, SECRET_KEY, startLiveN8n, staticDataLength, waitForFinished, WORKFLOW_IDS, type DatabaseKind } from './lib/live';
import { runLoad } from './lib/load';
import { finish, goal, machine, round, type Goal } from './lib/report';

const args = readArgs();
const count = args.number('deliveries', 10_000);
const concurrency = args.number('concurrency', 50);
const engine = args.string('engine', 'vm') as 'vm' | 'legacy';
const workflow = args.string('workflow', 'gameball') as 'gameball' | 'builtin' | 'gameballSmall' | 'gameballMid';
const productionLimit = args.number('production-limit', 0);
const database = args.string('database', 'sqlite') as DatabaseKind;

async function main() {
	console.log(`R3 load · ${machine()}`);
	if (productionLimit > 0) process.env.N8N_CONCURRENCY_PRODUCTION_LIMIT = String(productionLimit);
	console.log(`workflow ${workflow}, ${engine} engine, ${databaseLabel(database)}, N8N_CONCURRENCY_PRODUCTION_LIMIT ${productionLimit > 0 ? productionLimit : 'unset (no limit)'}`);
	const live = await startLiveN8n({ engine, names: [workflow], database });
	let goals: Goal[] = [];
	try {
		const requests = signedRequests(count, `r3-${process.pid}`, SECRET_KEY);
		const before = await lastExecutionId(live);
		const load = await runLoad(live.urls[workflow], requests, concurrency);
		const fiveXx = Object.entries(load.byStatus).filter(([status]) => Number(status) >= 500).reduce((sum, [, n]) => sum + n, 0);
		console.log(
			`${load.sent} sent at concurrency ${concurrency} in ${round(load.elapsedMs / 1000, 1)} s (${round(load.perSecond, 1)}/s answered), ` +
				`answers ${JSON.stringify(load.byStatus)}, ${load.errors} connection errors, p50 ${round(load.p50, 1)} ms, p99 ${round(load.p99, 1)} ms`,
		);
		const tally = await waitForFinished(live, WORKFLOW_IDS[workflow], before, count, args.number('wait-minutes', 30) * 60_000);
		const succeeded = tally.byStatus.success ?? 0;
		const seconds = (tally.lastStoppedAt - load.startedAt) / 1000;
		console.log(`executions: ${JSON.stringify(tally.byStatus)}; the last finished ${round(seconds, 1)} s after the first request (${round(succeeded / seconds, 1)}/s completed)`);
		console.log(`static data at the end: ${round((await staticDataLength(live, WORKFLOW_IDS[workflow])) / 1024, 1)} KB`);
		const log = readFileSync(live.logFile, 'utf8');
		const leaks = [SECRET_KEY].filter((key) => log.includes(key)).length;
		goals = [
			goal('zero lost', succeeded === count, `${count - succeeded} of ${count} without a successful execution`),
			goal('zero 5xx', fiveXx === 0 && load.errors === 0, `${fiveXx} answered 5xx, ${load.errors} connection errors`),
			goal('secret not in the n8n log', leaks === 0, `${leaks} hits`),
		];
	} finally {
		// Before `finish`, which exits: a PostgreSQL run's database is dropped here.
		await live.stop();
		await processes.stopAll();
	}
	finish(goals, true);
}

main().catch(async (error) => {
	console.error(error);
	await processes.stopAll();
	process.exit(1);
});
