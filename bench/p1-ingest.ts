/**
 * P1, webhook ingest on one live n8n (2.40.7 by default), three workflows side by side in the same run:
 *   (a) gameball  Gameball Trigger, signature verification and deduplication on
 *   (b) builtin   n8n's own Webhook node, answering on receipt the same way
 *   (c) noop      bench/noop-trigger, a community trigger that returns the body and nothing more
 *   (d) noopExpr      the no-op with the Gameball Trigger's webhook-method expression (what that expression costs)
 *   (e) noopResolved  the same method through n8n-workflow's webhookDescriptionFields/fromFunction (n8n 2.x)
 *   (f) noopCred      a no-op that declares and has the Gameball credential (n8n checks its access before each run,
 *                     for declared credentials only; it is never read); opt in
 *                     with --workflows gameball,builtin,noop,noopExpr,noopResolved,noopCred
 *   (g) gameballSmall the Gameball Trigger with both memory sizes at 100: what the size of its static data costs
 *                     (n8n reads and parses all of it for every run); opt in the same way
 *   (h) noopDescribed the no-op of (f) with the Gameball Trigger's description and parameters: h/f is what n8n's
 *                     handling of that description costs, a/h what the trigger's webhook(), items and memory cost
 * For each engine (n8n's default `vm`, then N8N_EXPRESSION_ENGINE=legacy) and each concurrency, the three take
 * turns in alternating rounds; every delivery is a distinct, correctly signed 1 KB body. A turn ends when every
 * answered delivery's execution has finished.
 *   deliveries/s (answered)  = deliveries / time from the first request to the last answer
 *   deliveries/s (completed) = deliveries / time from the first request to the last execution's stoppedAt
 *   npm run bench:p1                                    about 10 minutes
 *   npm run bench:p1 -- --engines legacy --concurrency 10 --count 1000 --rounds 1
 * --max-seconds N (default 90) bounds each turn's load; a turn cut short by it leaves the run broken, not read.
 * --count is per workflow and concurrency level, split over the rounds: each turn sends count / rounds.
 *   --database postgres   n8n on a fresh database of the machine's PostgreSQL instead of SQLite
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { readArgs } from './lib/args';
import { signedRequests } from './lib/deliveries';
import { databaseLabel, loadAndFinish, SECRET_KEY, startLiveN8n, staticDataLength, WORKFLOW_IDS, type DatabaseKind, type LiveN8n, type WorkflowName } from './lib/live';
import type { LoadRequest } from './lib/load';
import { finish, goal, machine, percentile, round, type Goal } from './lib/report';
import { processes } from './lib/e2e';

const args = readArgs();
const engines = args.list('engines', ['vm', 'legacy']) as Array<'vm' | 'legacy'>;
const levels = args.list('concurrency', ['1', '10', '50']).map(Number);
const rounds = args.number('rounds', 2);
const maxSeconds = args.number('max-seconds', 90);
const database = args.string('database', 'sqlite') as DatabaseKind;
const names = args.list('workflows', ['gameball', 'builtin', 'noop', 'noopExpr', 'noopResolved']) as WorkflowName[];
/** Deliveries per workflow and concurrency level, split over the rounds. */
const countFor = (concurrency: number) => args.number('count', concurrency === 1 ? 200 : 600);

interface Cell {
	engine: string;
	concurrency: number;
	workflow: WorkflowName;
	/** Deliveries the load was asked to send. */
	asked: number;
	sent: number;
	ok: number;
	non2xx: number;
	executions: number;
	failedExecutions: number;
	answeredPerSecond: number;
	completedPerSecond: number;
	p50: number;
	p99: number;
}

let run = 0;
function requestsFor(count: number): LoadRequest[] {
	return signedRequests(count, `p1-${process.pid}-${run++}`, SECRET_KEY);
}

function turn(live: LiveN8n, name: WorkflowName, count: number, concurrency: number) {
	return loadAndFinish(live, name, requestsFor(count), concurrency, maxSeconds);
}

async function measureEngine(engine: 'vm' | 'legacy'): Promise<Cell[]> {
	const live = await startLiveN8n({ engine, names, database });
	const cells: Cell[] = [];
	try {
		for (const name of names) await turn(live, name, 30, 5); // warm-up, not counted
		for (const concurrency of levels) {
			const totals = new Map<WorkflowName, { asked: number; sent: number; ok: number; non2xx: number; executions: number; failed: number; answeredMs: number; completedMs: number; latencies: number[] }>();
			for (let r = 0; r < rounds; r++) {
				const order = r % 2 ? [...names].reverse() : names;
				for (const name of order) {
					const asked = Math.ceil(countFor(concurrency) / rounds);
					const { load, ok, tally } = await turn(live, name, asked, concurrency);
					const t = totals.get(name) ?? { asked: 0, sent: 0, ok: 0, non2xx: 0, executions: 0, failed: 0, answeredMs: 0, completedMs: 0, latencies: [] };
					t.asked += asked;
					t.sent += load.sent;
					t.ok += ok;
					t.non2xx += load.sent - ok;
					t.executions += tally.count;
					t.failed += tally.count - (tally.byStatus.success ?? 0);
					t.answeredMs += load.elapsedMs;
					t.completedMs += Math.max(load.elapsedMs, tally.lastStoppedAt - load.startedAt);
					t.latencies.push(...load.latencies);
					totals.set(name, t);
				}
			}
			for (const name of names) {
				const t = totals.get(name)!;
				t.latencies.sort((a, b) => a - b);
				const cell: Cell = {
					engine,
					concurrency,
					workflow: name,
					asked: t.asked,
					sent: t.sent,
					ok: t.ok,
					non2xx: t.non2xx,
					executions: t.executions,
					failedExecutions: t.failed,
					answeredPerSecond: t.sent / (t.answeredMs / 1000),
					completedPerSecond: t.executions / (t.completedMs / 1000),
					p50: percentile(t.latencies, 50),
					p99: percentile(t.latencies, 99),
				};
				cells.push(cell);
				console.log(
					`${engine.padEnd(6)} c=${String(concurrency).padEnd(3)} ${name.padEnd(8)} ${t.sent} sent, ${t.non2xx} non-2xx, ${t.executions} executions (${t.failed} not success): ` +
						`${round(cell.answeredPerSecond, 1)}/s answered, ${round(cell.completedPerSecond, 1)}/s completed, p50 ${round(cell.p50, 1)} ms, p99 ${round(cell.p99, 1)} ms`,
				);
			}
		}
		for (const name of names.filter((n) => n.startsWith('gameball'))) {
			console.log(`${engine} ${name}: static data at the end ${round((await staticDataLength(live, WORKFLOW_IDS[name])) / 1024, 1)} KB`);
		}
	} finally {
		await live.stop();
	}
	return cells;
}

async function main() {
	console.log(`P1 webhook ingest · ${machine()} · ${databaseLabel(database)}`);
	const perTurn = levels.map((concurrency) => `${Math.ceil(countFor(concurrency) / rounds)} at c=${concurrency}`).join(', ');
	console.log(`${rounds} rounds; each turn sends ${perTurn}`);
	const cells: Cell[] = [];
	for (const engine of engines) cells.push(...(await measureEngine(engine)));
	const outDir = join(__dirname, '.run');
	mkdirSync(outDir, { recursive: true });
	const outFile = join(outDir, `p1-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	writeFileSync(outFile, JSON.stringify({ machine: machine(), cells }, null, 2));
	console.log(`cells written to ${outFile}`);
	const goals: Goal[] = [];
	let broken = false;
	console.log('\nengine  conc  a/b completed  a/c completed  a/b answered  a/c answered  d/c completed  e/c completed  f/c completed  a/f completed  g/c completed  a/g completed  h/f completed  a/h completed');
	for (const engine of engines) {
		for (const concurrency of levels) {
			const cell = (name: WorkflowName) => cells.find((c) => c.engine === engine && c.concurrency === concurrency && c.workflow === name);
			// A workflow left out with --workflows gives '-' in its columns, and its goals are not counted.
			const ratio = (top: WorkflowName, bottom: WorkflowName, field: 'completedPerSecond' | 'answeredPerSecond' = 'completedPerSecond') => {
				const [x, y] = [cell(top), cell(bottom)];
				return x && y ? x[field] / y[field] : undefined;
			};
			const text = (value: number | undefined) => (value === undefined ? '-' : round(value, 2).toFixed(2));
			const [ab, ac] = [ratio('gameball', 'builtin'), ratio('gameball', 'noop')];
			const columns = [
				ab,
				ac,
				ratio('gameball', 'builtin', 'answeredPerSecond'),
				ratio('gameball', 'noop', 'answeredPerSecond'),
				ratio('noopExpr', 'noop'),
				ratio('noopResolved', 'noop'),
				ratio('noopCred', 'noop'),
				ratio('gameball', 'noopCred'),
				ratio('gameballSmall', 'noop'),
				ratio('gameball', 'gameballSmall'),
				ratio('noopDescribed', 'noopCred'),
				ratio('gameball', 'noopDescribed'),
			];
			console.log(`${engine.padEnd(7)} ${String(concurrency).padEnd(5)} ${columns.map((value) => text(value).padEnd(14)).join(' ').trimEnd()}`);
			if (engine === 'legacy' && ab !== undefined) goals.push(goal(`a/b >= 0.95 (legacy, c=${concurrency})`, ab >= 0.95, text(ab)));
			if (ac !== undefined) goals.push(goal(`a/c >= 0.95 (${engine}, c=${concurrency})`, ac >= 0.95, text(ac)));
			// Every answered delivery has one execution, and every execution succeeded (not an error, crash or a run still going).
			for (const name of names) if (cell(name)?.executions !== cell(name)?.ok || (cell(name)?.failedExecutions ?? 0) > 0) broken = true;
			// A workflow that refused, dropped or never sent some deliveries runs fewer executions: its rate would flatter
			// the others' ratios, so the run is broken rather than read.
			for (const name of names) if ((cell(name)?.non2xx ?? 0) > 0 || (cell(name)?.sent ?? 0) < (cell(name)?.asked ?? 0)) broken = true;
		}
	}
	if (broken) console.log('RUN BROKEN: a delivery was not answered 2xx or not sent, or an answered one has no finished, successful execution');
	await processes.stopAll();
	finish(goals, args.flag('strict'), broken);
}

main().catch(async (error) => {
	console.error(error);
	await processes.stopAll();
	process.exit(1);
});
