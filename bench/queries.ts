/**
 * What n8n asks its database for each delivery, per workflow (P1's "where the gap is", as counts): n8n 2.40.7 on
 * SQLite with its query log on (DB_LOGGING_OPTIONS=query); after a warm-up, N deliveries one at a time into each
 * workflow; prints queries per delivery and the query shapes a workflow runs more often than the no-op (c).
 *   npm run bench:queries                                          200 per workflow: gameball, builtin, noop, noopCred
 *   npm run bench:queries -- --workflows gameball,noop --deliveries 500 --engine vm
 */
import { readFileSync } from 'node:fs';

import { readArgs } from './lib/args';
import { signedRequests } from './lib/deliveries';
import { processes } from './lib/e2e';
import { lastExecutionId, SECRET_KEY, startLiveN8n, waitForFinished, WORKFLOW_IDS, type WorkflowName } from './lib/live';
import { runLoad } from './lib/load';
import { machine, round } from './lib/report';

const args = readArgs();
const names = args.list('workflows', ['gameball', 'builtin', 'noop', 'noopCred']) as WorkflowName[];
const count = args.number('deliveries', 200);
const engine = args.string('engine', 'legacy') as 'vm' | 'legacy';
const WARM_UP = 30;

/** A logged query without its parameters, ids or spacing: one shape per kind of query. */
function shapeOf(line: string): string {
	return line
		.replace(/.*query:\s*/i, '')
		.replace(/-- PARAMETERS.*/, '')
		.replace(/\b\d+\b/g, 'N')
		.replace(/\s+/g, ' ')
		.slice(0, 140);
}

function queryShapes(log: string): Map<string, number> {
	const shapes = new Map<string, number>();
	for (const line of log.split('\n')) {
		if (!/query:/i.test(line)) continue;
		const shape = shapeOf(line);
		shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
	}
	return shapes;
}

async function main() {
	console.log(`Queries per delivery · ${machine()} · n8n on SQLite, ${engine} engine, ${count} deliveries each, one at a time`);
	process.env.DB_LOGGING_ENABLED = 'true';
	process.env.DB_LOGGING_OPTIONS = 'query';
	const live = await startLiveN8n({ engine, names });
	const perWorkflow = new Map<WorkflowName, Map<string, number>>();
	try {
		for (const name of names) {
			let before = await lastExecutionId(live);
			await runLoad(live.urls[name], signedRequests(WARM_UP, `queries-warm-${name}-${process.pid}`, SECRET_KEY), 1);
			await waitForFinished(live, WORKFLOW_IDS[name], before, WARM_UP, 60_000);
			const logStart = readFileSync(live.logFile, 'utf8').length;
			before = await lastExecutionId(live);
			const load = await runLoad(live.urls[name], signedRequests(count, `queries-${name}-${process.pid}`, SECRET_KEY), 1);
			await waitForFinished(live, WORKFLOW_IDS[name], before, count, 180_000);
			const shapes = queryShapes(readFileSync(live.logFile, 'utf8').slice(logStart));
			perWorkflow.set(name, shapes);
			const total = [...shapes.values()].reduce((sum, n) => sum + n, 0);
			console.log(`${name.padEnd(14)} ${round(total / count, 2)} queries per delivery (${total} for ${load.sent} deliveries)`);
		}
	} finally {
		await live.stop();
	}
	const noop = perWorkflow.get('noop');
	if (!noop) return;
	for (const [name, shapes] of perWorkflow) {
		if (name === 'noop') continue;
		for (const [shape, n] of shapes) {
			const extra = (n - (noop.get(shape) ?? 0)) / count;
			if (extra >= 0.5) console.log(`  ${name}: +${round(extra, 2)} per delivery than noop: ${shape}`);
		}
	}
}

main()
	.then(() => process.exit(0))
	.catch(async (error) => {
		console.error(error);
		await processes.stopAll();
		process.exit(1);
	});
