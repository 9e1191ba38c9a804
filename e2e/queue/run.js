#!/usr/bin/env node
// R6: n8n 2.40.7 in queue mode (PostgreSQL + Redis): main, two webhook processors behind one round-robin
// port, two workers. Runs R2 and R3 through the Gameball Trigger -> Gameball Delivery Guard, with webhook
// processor restarts mid-run, shows that the trigger alone fails R2, and checks derived tier/points events.
//   --n8n=1                                the same cluster on n8n 1.123.81 (checked there: --only=Track)
//   node e2e/queue/run.js                 everything (about 10 minutes)
//   node e2e/queue/run.js --small         R2 with 200 deliveries, R3 with 1,000 (a quick check)
//   --only=<text>[,<text>]                 only the scenarios whose name contains one of the texts; --keep keeps the database
// Report: reports/queue-mode.json (queue-mode-<filter>.json with --only). Exit code 0 when every expectation held.
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { ensureN8n } = require('../lib/install');
const { getVersion } = require('../lib/versions');
const { runCommand, stopAll, stopEverythingOnExit } = require('../lib/processes');
const { installPackage, repoRoot } = require('../lib/userFolder');
const { credentialsFor } = require('../lib/instance');
const { createDatabase, dropDatabase, psql } = require('../lib/postgres');
const { startCluster } = require('./cluster');
const { startProxy } = require('./proxy');
const { webhookIds, reachedSchema, unguardedWorkflow, dropWorkflow, trackWorkflow } = require('./workflows');
const { profileBody, shuffle, send } = require('./load');
const { reached, settle, deleteRedisKeys } = require('./store');
const { expectedTrackRows, trackBodies } = require('./track');
const { readFileSync } = require('node:fs');

const LOST_STATE_TEXT = 'Track Tier and Points Changes found its stored customer profiles gone';
const SHARED_STATE_TEXT = 'Track Tier and Points Changes found its stored customer profiles written by another n8n process';
const countInLogs = (roles, text) => roles.reduce((sum, role) => sum + readFileSync(role.logFile, 'utf8').split(text).length - 1, 0);

const SECRET_KEY = 'queue-e2e-secret-key';
const small = process.argv.includes('--small');
const keep = process.argv.includes('--keep');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const n8nLine = process.argv.find((arg) => arg.startsWith('--n8n='))?.slice('--n8n='.length) ?? '2';
const R2_DELIVERIES = small ? 200 : 1000;
const R3_DELIVERIES = small ? 1000 : 10000;
const log = (message) => console.log(`[queue ${new Date().toISOString().slice(11, 19)}] ${message}`);

function distinctBodies(tag, count) {
	return Array.from({ length: count }, (_, index) =>
		profileBody(`${tag}-${index}`, { tier_name: 'basic', tier_order: 1, activated_points: index, pending_points: 0, total_points: index }, '2026-01-01T00:00:00.000Z'),
	);
}

/** Each body 3 times, all copies shuffled together: retries interleaved with other deliveries and each other. */
const threeTimes = (bodies) => shuffle([...bodies, ...bodies, ...bodies]);

/** Calls `action` once, when `at` deliveries have been answered; the run awaits it at the end. */
function onceAt(at, action) {
	let started;
	return {
		during: (done) => {
			if (done >= at && !started) started = action();
		},
		finished: () => started ?? Promise.resolve(),
	};
}

async function scenario(name, expectation, step) {
	if (only && !only.some((part) => name.includes(part))) return { name, skipped: true, passed: true };
	const started = Date.now();
	log(`${name}: start`);
	const measured = await step();
	const passed = expectation(measured);
	log(`${name}: ${passed ? 'PASS' : 'FAIL'} in ${Math.round((Date.now() - started) / 1000)} s ${JSON.stringify(measured)}`);
	return { name, passed, seconds: Math.round((Date.now() - started) / 1000), ...measured };
}

async function main() {
	const runId = `${process.pid}_${Date.now()}`;
	const database = `gameball_queue_${runId}`;
	const prefix = `gbq_${runId}`;
	const version = await ensureN8n(getVersion(n8nLine), log);
	const userFolder = join(repoRoot, 'e2e', '.run', `queue-${runId}`);
	let cluster;
	let proxy;
	const cleanup = async () => {
		await proxy?.close();
		await cluster?.stop();
		if (keep) log(`kept database ${database} (--keep)`);
		else dropDatabase(database);
		log(`deleted ${deleteRedisKeys(prefix)} Redis keys under ${prefix}:`);
	};
	stopEverythingOnExit(cleanup);
	if (!process.env.E2E_SKIP_BUILD) {
		log('building the package');
		await runCommand('npm', ['run', 'build'], { cwd: repoRoot });
	}
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(join(userFolder, 'workflows'), { recursive: true });
	installPackage(userFolder, version);
	createDatabase(database);
	const results = [];
	try {
		const credentialsFile = join(userFolder, 'credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify(credentialsFor({ simulatorUrl: 'http://127.0.0.1:9', apiKey: 'unused', secretKey: SECRET_KEY, pgDatabase: database })),
		);
		const workflows = [unguardedWorkflow(), dropWorkflow(), trackWorkflow()];
		for (const workflow of workflows) writeFileSync(join(userFolder, 'workflows', `${workflow.id}.json`), JSON.stringify(workflow));
		// Readiness of a webhook processor: the unguarded trigger answers a forged delivery with 401 (no execution).
		const settings = { userFolder, database, prefix, probePath: `/webhook/${webhookIds.unguarded}/webhook` };
		cluster = await startCluster(version, settings, {
			credentialsFile,
			workflowsDir: join(userFolder, 'workflows'),
			workflowIds: workflows.map((workflow) => workflow.id),
			webhooks: 2,
			workers: 2,
			concurrency: 10,
			log,
		});
		psql(database, reachedSchema);
		proxy = await startProxy(cluster.webhooks.map((role) => role.port));
		const url = (id) => `http://127.0.0.1:${proxy.port}/webhook/${id}/webhook`;
		log(`cluster up: main :${cluster.main.port}, webhook processors :${cluster.webhooks.map((w) => w.port).join(' :')} behind :${proxy.port}, 2 workers`);

		const hardRestart = async (index) => {
			log(`killing webhook processor ${index + 1} (SIGKILL) and starting it again`);
			await cluster.restartWebhook(index, { hard: true });
			log(`webhook processor ${index + 1} is back`);
		};
		const rollingRestart = async (index) => {
			log(`draining webhook processor ${index + 1}, restarting it (SIGTERM)`);
			proxy.drain(index);
			await proxy.waitIdle(index);
			await cluster.restartWebhook(index);
			proxy.restore(index);
			log(`webhook processor ${index + 1} is back in rotation`);
		};

		// R2 without the guard: the known breakage.
		results.push(
			await scenario(
				`R2 unguarded: ${R2_DELIVERIES} deliveries x 3, trigger alone`,
				(m) => m.reached.rows > R2_DELIVERIES,
				async () => {
					const bodies = distinctBodies('r2u', R2_DELIVERIES);
					const load = await send(url(webhookIds.unguarded), threeTimes(bodies), { secretKey: SECRET_KEY, concurrency: 20 });
					const executions = await settle(database, 'gbQueueUnguard01');
					return { load, executions, reached: reached(database, 'unguarded'), expected: `more than ${R2_DELIVERIES} rows (duplicates pass)` };
				},
			),
		);

		// R2 with the guard, webhook processor 1 killed a third of the way in; failed sends are retried.
		results.push(
			await scenario(
				`R2 guarded: ${R2_DELIVERIES} deliveries x 3, webhook processor killed mid-run`,
				// Every delivery got through at least once and exactly once past the guard. A copy whose retries all
				// fell into the restarted processor's 404 window counts in load.failed; its other copies carry it.
				(m) => m.reached.rows === R2_DELIVERIES && m.reached.distinctDeliveries === R2_DELIVERIES && !m.executions.error && !m.executions.crashed,
				async () => {
					const bodies = distinctBodies('r2g', R2_DELIVERIES);
					const restart = onceAt(R2_DELIVERIES, () => hardRestart(0));
					const load = await send(url(webhookIds.drop), threeTimes(bodies), { secretKey: SECRET_KEY, concurrency: 20, attempts: 8, during: restart.during });
					await restart.finished();
					const executions = await settle(database, 'gbQueueGuarded01');
					return { load, executions, reached: reached(database, 'drop'), expected: `exactly ${R2_DELIVERIES} rows, ${R2_DELIVERIES} distinct` };
				},
			),
		);

		// R3 with the guard: distinct deliveries at concurrency 50, webhook processor 2 restarted (drained first).
		const r3Before = reached(database, 'drop');
		results.push(
			await scenario(
				`R3 guarded: ${R3_DELIVERIES} deliveries at concurrency 50, rolling restart of a webhook processor`,
				(m) => m.load.ok === R3_DELIVERIES && m.load.fiveXx === 0 && m.load.connectionErrors === 0 && m.lost === 0 && m.duplicates === 0,
				async () => {
					const bodies = distinctBodies('r3g', R3_DELIVERIES);
					const restart = onceAt(Math.floor(R3_DELIVERIES / 2), () => rollingRestart(1));
					const load = await send(url(webhookIds.drop), bodies, { secretKey: SECRET_KEY, concurrency: 50, during: restart.during });
					await restart.finished();
					const executions = await settle(database, 'gbQueueGuarded01');
					const after = reached(database, 'drop');
					const rows = after.rows - r3Before.rows;
					const distinct = after.distinctDeliveries - r3Before.distinctDeliveries;
					return { load, executions, rows, lost: R3_DELIVERIES - distinct, duplicates: rows - distinct, expected: `${R3_DELIVERIES} rows, zero 5xx` };
				},
			),
		);

		// Track Tier and Points Changes keeps its snapshots in workflow static data. On 2.x a queue-mode worker runs
		// each webhook execution from empty static data and saves only what that execution wrote, so the snapshots
		// do not survive: Track must derive nothing and say so (a warning in the worker's log and an execution hint);
		// successive updates, one execution at a time, each sent twice. On 1.x a worker loads and saves the static
		// data with each execution, so two workers share it unsafely: once a worker finds the other's stamp it must
		// derive nothing and say so; each update is sent once, so that both workers store profiles.
		const onOneX = n8nLine === '1';
		const warningText = onOneX ? SHARED_STATE_TEXT : LOST_STATE_TEXT;
		results.push(
			await scenario(
				'Track in queue mode: state not kept by workers, so no derived events and a warning',
				(m) =>
					m.reached.byEvent['customer.profile.updated'] === m.updates &&
					(onOneX
						? m.workersUsed < 2 || (m.warnings > 0 && m.derived <= m.derivedOnOneInstance['gameball.tier.changed'] + m.derivedOnOneInstance['gameball.points.changed'])
						: m.derived === 0 && m.warnings >= m.updates - m.customers),
				async () => {
					const { rounds, customers } = trackBodies('trk', 3, 3);
					const warningsBefore = countInLogs(cluster.workers, warningText);
					const executionsBefore = cluster.workers.map((worker) => countInLogs([worker], 'started execution'));
					for (const bodies of rounds) {
						for (const body of bodies.flatMap((one) => (onOneX ? [one] : [one, one]))) {
							const load = await send(url(webhookIds.track), [body], { secretKey: SECRET_KEY, concurrency: 1, attempts: 3 });
							if (load.failed) throw new Error(`track: ${JSON.stringify(load)}`);
							await settle(database, 'gbQueueTracked01', { quietMs: 700 });
						}
					}
					const found = reached(database, 'track');
					const derived = (found.byEvent['gameball.tier.changed'] ?? 0) + (found.byEvent['gameball.points.changed'] ?? 0);
					return {
						customers: customers.length,
						updates: customers.length * rounds.length,
						reached: found,
						derived,
						derivedOnOneInstance: expectedTrackRows(customers, rounds.length),
						warnings: countInLogs(cluster.workers, warningText) - warningsBefore,
						workersUsed: cluster.workers.filter((worker, index) => countInLogs([worker], 'started execution') > executionsBefore[index]).length,
					};
				},
			),
		);
	} finally {
		await cleanup();
		await stopAll();
	}
	const report = { n8n: version.version, small, finishedAt: new Date().toISOString(), results };
	mkdirSync(join(repoRoot, 'reports'), { recursive: true });
	const reportName = only ? `queue-mode-${only.join('-').replace(/[^A-Za-z0-9]+/g, '_')}.json` : 'queue-mode.json';
	writeFileSync(join(repoRoot, 'reports', reportName), `${JSON.stringify(report, null, 2)}\n`);
	const failed = results.filter((result) => !result.passed);
	log(failed.length ? `FAILED: ${failed.map((result) => result.name).join('; ')}` : 'all expectations held');
	process.exit(failed.length ? 1 : 0);
}

main().catch(async (error) => {
	console.error(`[queue] ${error.stack ?? error}`);
	await stopAll();
	process.exit(1);
});
