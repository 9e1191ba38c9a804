/**
 * What a flood of forged deliveries costs n8n (no goal: R1 asks that they are refused, this measures how cheaply).
 * One live n8n 2.40.7 per engine; in alternating rounds, at one concurrency:
 *   forged  the Gameball Trigger's workflow, each delivery signed with another key: every one must get 401
 *   noop    bench/noop-trigger, the same kind of bodies correctly signed: 2xx and one execution each
 * Reports answered/s of both and forged/noop. A forged delivery that makes the trigger read its credential costs
 * n8n a database read and, under `vm`, a second expression isolate (bench/RESULTS.md, "Forged deliveries").
 *   npm run bench:forged                     vm and legacy, 600 per round, 3 rounds, c = 10
 *   npm run bench:forged -- --engines vm --count 300 --rounds 2 --concurrency 50
 */
import { readArgs } from './lib/args';
import { signedRequests } from './lib/deliveries';
import { lastExecutionId, loadAndFinish, SECRET_KEY, startLiveN8n, tallyExecutions, WORKFLOW_IDS, type LiveN8n } from './lib/live';
import { runLoad, type LoadResult } from './lib/load';
import { processes } from './lib/e2e';
import { machine, round } from './lib/report';

const args = readArgs();
const engines = args.list('engines', ['vm', 'legacy']) as Array<'vm' | 'legacy'>;
const perRound = args.number('count', 600);
const rounds = args.number('rounds', 3);
const concurrency = args.number('concurrency', 10);
const maxSeconds = args.number('max-seconds', 120);

let run = 0;
const requests = (secretKey: string) => signedRequests(perRound, `forged-${process.pid}-${run++}`, secretKey);

interface Tally {
	sent: number;
	wrongAnswers: number;
	ms: number;
}

const newTally = (): Tally => ({ sent: 0, wrongAnswers: 0, ms: 0 });

function add(tally: Tally, load: LoadResult, expectedStatus: (status: number) => boolean) {
	tally.sent += load.sent;
	tally.ms += load.elapsedMs;
	tally.wrongAnswers += load.errors + Object.entries(load.byStatus).filter(([status]) => !expectedStatus(Number(status))).reduce((sum, [, n]) => sum + n, 0);
}

async function forgedTurn(live: LiveN8n, tally: Tally) {
	const before = await lastExecutionId(live);
	add(tally, await runLoad(live.urls.gameball, requests('not-the-secret-key'), concurrency, maxSeconds), (status) => status === 401);
	tally.wrongAnswers += (await tallyExecutions(live, WORKFLOW_IDS.gameball, before)).count;
}

async function noopTurn(live: LiveN8n, tally: Tally) {
	// Its executions finish before the next turn, so they do not slow the forged deliveries down.
	const { load } = await loadAndFinish(live, 'noop', requests(SECRET_KEY), concurrency, maxSeconds);
	add(tally, load, (status) => status < 300);
}

async function measure(engine: 'vm' | 'legacy') {
	const live = await startLiveN8n({ engine, names: ['gameball', 'noop'] });
	const forged = newTally();
	const noop = newTally();
	try {
		await forgedTurn(live, newTally()); // warm-up, not counted
		await noopTurn(live, newTally());
		for (let r = 0; r < rounds; r++) {
			if (r % 2) {
				await noopTurn(live, noop);
				await forgedTurn(live, forged);
			} else {
				await forgedTurn(live, forged);
				await noopTurn(live, noop);
			}
		}
	} finally {
		await live.stop();
	}
	const forgedPerSecond = forged.sent / (forged.ms / 1000);
	const noopPerSecond = noop.sent / (noop.ms / 1000);
	console.log(
		`${engine.padEnd(6)} c=${concurrency}  forged ${forged.sent} sent, ${forged.wrongAnswers} not 401 or run, ${round(forgedPerSecond, 1)}/s answered · ` +
			`noop ${noop.sent} sent, ${noop.wrongAnswers} not 2xx, ${round(noopPerSecond, 1)}/s answered · forged/noop ${round(forgedPerSecond / noopPerSecond, 2).toFixed(2)}`,
	);
	return forged.wrongAnswers + noop.wrongAnswers === 0;
}

async function main() {
	console.log(`Forged deliveries against the Gameball Trigger · ${machine()}`);
	let allRight = true;
	for (const engine of engines) allRight = (await measure(engine)) && allRight;
	await processes.stopAll();
	if (!allRight) console.log('RUN BROKEN: a forged delivery was not refused with 401, or started a run; or a valid one was not answered 2xx');
	process.exit(allRight ? 0 : 1);
}

main().catch(async (error) => {
	console.error(error);
	await processes.stopAll();
	process.exit(1);
});
