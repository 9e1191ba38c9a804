#!/usr/bin/env node
// `npm run demo`: builds the package, starts the Gameball simulator and n8n 2.40.7 (installed into
// ~/.cache/n8n-nodes-gameball on first use) with the example workflows active, then plays a stream of loyalty
// activity so that executions arrive in n8n. Ctrl-C stops everything it started.
//   node scripts/demo.js [--n8n 2|1] [--interval <ms>] [--for <seconds>]   (--for: exit 1 unless executions ran, all succeeded, and n8n answered every webhook attempt with a 2xx)
// N8N_START_TIMEOUT_SECONDS gives a slow machine longer than 180 s to start n8n.
const { join } = require('node:path');
const { createServer } = require('node:net');

const root = join(__dirname, '..');
const { runCommand, stopAll, stopEverythingOnExit } = require('../e2e/lib/processes');
const { startInstance } = require('../e2e/lib/instance');
const { demoWorkflows } = require('../e2e/lib/demoWorkflows');
const { createOwner, DEMO_OWNER } = require('../e2e/lib/owner');
const { query } = require('../e2e/lib/database');
const { freePort } = require('../e2e/lib/ports');
const { unsupportedHere } = require('../e2e/lib/versions');
const { newWatchState, newlyFinished } = require('../e2e/lib/finishedExecutions');
const { claimRunLock } = require('../e2e/lib/runLock');

const API_KEY = 'demo-api-key';
const SECRET_KEY = 'demo-secret-key';

const USAGE = `Usage: npm run demo -- [--n8n 2|1] [--interval <ms, at least 100>] [--for <seconds>]
  --n8n       the n8n to run: 2 (2.40.7, the default) or 1 (1.123.81)
  --interval  how often the simulator plays loyalty activity (default 1500 ms)
  --for       stop after this many seconds, exit 1 unless executions ran, all succeeded, and n8n answered
              every webhook attempt with a 2xx (default: run until Ctrl-C)`;

/** `--name value` or `--name=value`; a flag not listed, or a value out of range, is an error that shows the usage. */
function parseArguments(argv) {
	const options = { n8n: '2', interval: 1500, for: 0, help: false };
	// The bounds of a Node.js timer (2^31 - 1 ms): a longer one fires at once.
	const numbers = { interval: [100, 2147483647], for: [0, 2147483] };
	const versions = { 1: '1', 2: '2', '1.123.81': '1', '2.40.7': '2' };
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split(/=(.*)/s);
		const name = flag.replace(/^--/, '');
		if (flag === '--help' || flag === '-h') {
			options.help = true;
			continue;
		}
		if (!flag.startsWith('--') || (!Object.hasOwn(numbers, name) && name !== 'n8n')) throw new Error(`Unknown option ${argv[index]}\n${USAGE}`);
		const value = inline ?? argv[++index];
		if (value === undefined || value === '') throw new Error(`--${name} needs a value\n${USAGE}`);
		if (name === 'n8n') {
			if (!Object.hasOwn(versions, value)) throw new Error(`--n8n takes 2 or 1 (got ${value})\n${USAGE}`);
			options.n8n = versions[value];
			continue;
		}
		const number = Number(value);
		const [least, most] = numbers[name];
		if (!Number.isFinite(number) || number < least || number > most) {
			throw new Error(`--${name} takes a number of ${name === 'for' ? 'seconds' : 'ms'} from ${least} to ${most} (got ${value})\n${USAGE}`);
		}
		options[name] = number;
	}
	return options;
}

const log = (line) => console.log(`[demo] ${line}`);

/** The preferred port when it is free, else any free one. */
function portOr(preferred) {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(freePort()));
		probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
	});
}

/**
 * Prints each new execution as it is stored, so the stream is visible without the editor too. `tally` counts them by
 * status, for --for to judge the run.
 */
function watchExecutions(instance, names, tally) {
	const state = newWatchState();
	let reading = false;
	const timer = setInterval(async () => {
		// A read slower than the interval must not overlap the next one.
		if (reading) return;
		reading = true;
		try {
			const rows = await query(instance.version, instance.database, 'SELECT id, workflowId, status FROM execution_entity WHERE id > ? ORDER BY id', [state.floor]);
			for (const row of newlyFinished(rows, state)) {
				log(`execution #${row.id} ${names.get(row.workflowId) ?? row.workflowId}: ${row.status}`);
				tally[row.status] = (tally[row.status] ?? 0) + 1;
			}
		} catch {
			// The database is busy or n8n is stopping: try again on the next tick.
		} finally {
			reading = false;
		}
	}, 2000);
	return () => clearInterval(timer);
}

async function main(options) {
	const started = Date.now();
	const unsupported = unsupportedHere(options.n8n);
	if (unsupported) throw new Error(unsupported);
	const cleanups = [];
	// Once, last started first: a Ctrl-C during --for's own shutdown does not run them again.
	let cleaning;
	const cleanUp = () => (cleaning ??= (async () => {
		for (const cleanup of [...cleanups].reverse()) await cleanup();
	})());
	stopEverythingOnExit(cleanUp);
	// Before the build: a second demo here would rebuild the package and wipe e2e/.run/demo under the first.
	cleanups.push(claimRunLock(join(root, 'e2e', '.run', 'demo.lock'), 'npm run demo'));

	log('building the package (npm run build)');
	await runCommand('npm', ['run', 'build'], { cwd: root });

	require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
	const { startSimulator } = require('../simulator');
	const { playActivity } = require('../simulator/activity');

	const plan = demoWorkflows();
	// Started before n8n (whose first install takes minutes), so the free port found is the one it binds.
	const sim = await startSimulator({ port: await portOr(4010), apiKey: API_KEY, secretKey: SECRET_KEY });
	cleanups.push(() => sim.stop());
	const simulatorUrl = sim.url;
	const credentials = plan.gameballCredentials.map((ref) => ({
		...ref,
		type: 'gameballApi',
		data: { apiKey: API_KEY, secretKey: SECRET_KEY, apiVersion: 'v4.0', baseUrl: simulatorUrl },
	}));
	log(`${plan.all.length} workflows from ${plan.fromExamples ? 'examples/' : 'the e2e suite'}; ${plan.active.length} can run on the simulator alone and will be active`);

	const instance = await startInstance({
		versionName: options.n8n,
		runName: 'demo',
		port: await portOr(5678),
		workflows: plan.all,
		activeWorkflows: plan.active,
		credentials,
		log,
	});
	cleanups.push(() => instance.stop());
	await createOwner(instance.url);

	for (const { webhookId } of plan.triggers) sim.addWebhookUrl(instance.triggerUrl(webhookId));

	console.log(`
  Gameball demo is running (ready in ${Math.round((Date.now() - started) / 1000)} s)

  n8n ${instance.version.version} editor   ${instance.url}
  log in with             ${DEMO_OWNER.email} / ${DEMO_OWNER.password}
  Gameball simulator      ${sim.url}   (API key ${API_KEY}, secret key ${SECRET_KEY})
  production webhook URLs (what you would paste into Gameball's dashboard):
${plan.triggers.map(({ workflow, webhookId }) => `    ${instance.triggerUrl(webhookId)}   <- "${workflow}"`).join('\n')}
  active workflows: ${plan.active.map(({ name }) => `"${name}"`).join(', ')}

  The simulator now plays loyalty activity; open Executions in the editor to watch them arrive.
  Ctrl-C stops n8n, the simulator and this script.
`);

	const player = playActivity(sim, { intervalMs: options.interval, customers: 20, log: (line) => log(`simulator: ${line}`) });
	cleanups.push(async () => player.stop());
	const tally = {};
	cleanups.push(watchExecutions(instance, new Map(plan.all.map(({ id, name }) => [id, name])), tally));

	// --for: a bounded run that fails (exit 1) unless executions ran, every one succeeded, and n8n answered every webhook
	// attempt with a 2xx (one it refused, or could not be reached for, starts no execution to count).
	const seconds = options.for;
	if (seconds > 0) {
		setTimeout(async () => {
			let succeeded = false;
			try {
				const counts = Object.entries(tally).map(([status, count]) => `${count} ${status}`).join(', ') || 'none';
				const untaken = untakenAttempts(sim.deliveries);
				succeeded = (tally.success ?? 0) > 0 && Object.keys(tally).every((status) => status === 'success') && untaken.length === 0;
				log(`--for ${seconds}: stopping; executions: ${counts}; webhook attempts not answered 2xx: ${untaken.length}${succeeded ? '' : ' (expected successful executions only, and a 2xx for every webhook attempt)'}`);
				for (const record of untaken.slice(0, 5)) log(`  ${record.topic} attempt ${record.attempt}: ${record.status ?? record.error}`);
			} finally {
				await cleanUp();
				await stopAll();
				process.exit(succeeded ? 0 : 1);
			}
		}, seconds * 1000);
	}
}

/**
 * Webhook attempts n8n answered with an error, did not answer within the simulator's 10 s, or that did not reach it
 * (attempts still in flight are left out). A slow answer counts too: a stalled n8n would otherwise pass unseen.
 */
function untakenAttempts(deliveries) {
	return deliveries.filter((record) => record.error !== undefined || (record.status !== undefined && (record.status < 200 || record.status >= 300)));
}

function run() {
	let options;
	try {
		options = parseArguments(process.argv.slice(2));
	} catch (error) {
		console.error(`[demo] ${error.message}`);
		process.exit(2);
	}
	if (options.help) {
		console.log(USAGE);
		return;
	}
	main(options).catch(async (error) => {
		console.error(`[demo] ${error.showStack === false ? error.message : (error.stack ?? error)}`);
		await stopAll();
		process.exit(1);
	});
}

if (require.main === module) run();

module.exports = { parseArguments, untakenAttempts };
