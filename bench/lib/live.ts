/**
 * One live n8n (the e2e harness's install and start-up, used as they are) for the load runs, with any of seven
 * workflows: (a) the Gameball Trigger, verification and deduplication on; (b) n8n's own Webhook node; (c) the
 * bench's no-op community trigger; (d) the no-op with the Gameball Trigger's webhook-method expression; (e) the
 * same method declared with n8n-workflow's natively resolved webhookDescriptionFields; (f) a no-op that declares the
 * Gameball credential, whose access n8n checks before every run (it checks only declared credentials); (g) the
 * Gameball Trigger with both memory sizes at 100, so its static data stays a few KB (n8n reads all of it for every
 * run); (h) the no-op of (f) with the Gameball Trigger's description and parameters. All answer on receipt.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { common, database, install, instance, n8n, ports, postgres, processes, userFolder, versions, type N8nVersion, type Workflow } from './e2e';
import { runLoad, type LoadRequest } from './load';

export const API_KEY = 'bench-api-key';
export const SECRET_KEY = 'bench-secret-key';

export type WorkflowName = 'gameball' | 'builtin' | 'noop' | 'noopExpr' | 'noopResolved' | 'noopCred' | 'gameballSmall' | 'gameballMid' | 'noopDescribed';

const WEBHOOK_IDS: Record<WorkflowName, string> = {
	gameball: 'b3c40000-0001-4b1a-9e11-00000000000a',
	builtin: 'b3c40000-0002-4b1a-9e11-00000000000b',
	noop: 'b3c40000-0003-4b1a-9e11-00000000000c',
	noopExpr: 'b3c40000-0004-4b1a-9e11-00000000000d',
	noopResolved: 'b3c40000-0005-4b1a-9e11-00000000000e',
	noopCred: 'b3c40000-0006-4b1a-9e11-00000000000f',
	gameballSmall: 'b3c40000-0007-4b1a-9e11-000000000010',
	gameballMid: 'b3c40000-0008-4b1a-9e11-000000000011',
	noopDescribed: 'b3c40000-0009-4b1a-9e11-000000000012',
};
export const WORKFLOW_IDS: Record<WorkflowName, string> = {
	gameball: 'benchGameballTrg',
	builtin: 'benchBuiltinHook',
	noop: 'benchNoopTrigger',
	noopExpr: 'benchNoopExprTrg',
	noopResolved: 'benchNoopResolvd',
	noopCred: 'benchNoopWithCred',
	gameballSmall: 'benchGameballSml',
	gameballMid: 'benchGameballMid',
	noopDescribed: 'benchNoopDescribed',
};
const BUILTIN_PATH = 'bench-builtin';
const SMALL_MEMORY_SIZE = 100;
/** Both memories full stay at about 100 KB of static data, under V8's large-object size (bench/string-sizes.ts). */
const MID_MEMORY_SIZE = 800;
const NOOP_PACKAGE = 'n8n-nodes-bench-noop';
const GAMEBALL_PARAMETERS = { source: 'v4', events: [], verifySignature: true, simplify: true, options: { deduplicate: true } };

function workflows(): Record<WorkflowName, Workflow> {
	const { node, workflow, credentialRefs } = common;
	const gameballTrigger = (name: WorkflowName, title: string, options: IDataObject) =>
		workflow(WORKFLOW_IDS[name], title, [
			node('Gameball Trigger', 'n8n-nodes-gameball.gameballTrigger', 1, [0, 0],
				{ ...GAMEBALL_PARAMETERS, options: { deduplicate: true, ...options } },
				{ webhookId: WEBHOOK_IDS[name], credentials: { gameballApi: credentialRefs.gameball } }),
		], {});
	return {
		gameball: gameballTrigger('gameball', 'Bench: Gameball Trigger', {}),
		gameballSmall: gameballTrigger('gameballSmall', 'Bench: Gameball Trigger, memory sizes 100', {
			deduplicationMemorySize: SMALL_MEMORY_SIZE,
			customerMemorySize: SMALL_MEMORY_SIZE,
		}),
		gameballMid: gameballTrigger('gameballMid', 'Bench: Gameball Trigger, memory sizes 800', {
			deduplicationMemorySize: MID_MEMORY_SIZE,
			customerMemorySize: MID_MEMORY_SIZE,
		}),
		builtin: workflow(WORKFLOW_IDS.builtin, 'Bench: n8n Webhook node', [
			node('Webhook', 'n8n-nodes-base.webhook', 2, [0, 0],
				{ httpMethod: 'POST', path: BUILTIN_PATH, responseMode: 'onReceived', options: {} },
				{ webhookId: WEBHOOK_IDS.builtin }),
		], {}),
		noop: workflow(WORKFLOW_IDS.noop, 'Bench: no-op community trigger', [
			node('Bench No-op Trigger', `${NOOP_PACKAGE}.benchNoopTrigger`, 1, [0, 0], {}, { webhookId: WEBHOOK_IDS.noop }),
		], {}),
		noopExpr: workflow(WORKFLOW_IDS.noopExpr, 'Bench: no-op trigger, expression method', [
			node('Bench Expression-Method Trigger', `${NOOP_PACKAGE}.benchExprTrigger`, 1, [0, 0], {}, { webhookId: WEBHOOK_IDS.noopExpr }),
		], {}),
		noopResolved: workflow(WORKFLOW_IDS.noopResolved, 'Bench: no-op trigger, natively resolved method', [
			node('Bench Resolved-Method Trigger', `${NOOP_PACKAGE}.benchResolvedTrigger`, 1, [0, 0], {}, { webhookId: WEBHOOK_IDS.noopResolved }),
		], {}),
		noopCred: workflow(WORKFLOW_IDS.noopCred, 'Bench: no-op trigger with a credential', [
			node('Bench Credential No-op Trigger', `${NOOP_PACKAGE}.benchCredTrigger`, 1, [0, 0], {},
				{ webhookId: WEBHOOK_IDS.noopCred, credentials: { gameballApi: credentialRefs.gameball } }),
		], {}),
		noopDescribed: workflow(WORKFLOW_IDS.noopDescribed, "Bench: no-op trigger with the Gameball Trigger's description", [
			node('Bench Described No-op Trigger', `${NOOP_PACKAGE}.benchDescribedTrigger`, 1, [0, 0], GAMEBALL_PARAMETERS,
				{ webhookId: WEBHOOK_IDS.noopDescribed, credentials: { gameballApi: credentialRefs.gameball } }),
		], {}),
	};
}

/** Adds the bench's no-op package next to ours, the way n8n's own community-package install lays it out. */
function installNoopPackage(folder: string) {
	const nodesDir = join(folder, '.n8n', 'nodes');
	cpSync(join(__dirname, '..', 'noop-trigger'), join(nodesDir, 'node_modules', NOOP_PACKAGE), { recursive: true });
	const manifestFile = join(nodesDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { dependencies: Record<string, string> };
	manifest.dependencies[NOOP_PACKAGE] = '0.0.1';
	writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
}

export type DatabaseKind = 'sqlite' | 'postgres';

/** The database's name as the benches print it. */
export function databaseLabel(kind: DatabaseKind): string {
	return kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
}

type Row = Record<string, unknown>;

export interface LiveN8n {
	version: N8nVersion;
	url: string;
	logFile: string;
	userFolder: string;
	database: DatabaseKind;
	/** A read-only query of n8n's database; `?` takes the next parameter; quote camelCase names ("workflowId"). */
	query: (sql: string, parameters?: Array<string | number>) => Promise<Row[]>;
	urls: Record<WorkflowName, string>;
	stop: () => Promise<void>;
}

/** `sql` with each `?` replaced by its parameter as a literal (psql -c takes no parameters). */
function withLiterals(sql: string, parameters: Array<string | number>): string {
	let next = 0;
	return sql.replace(/\?/g, () => {
		const value = parameters[next++];
		return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
	});
}

/** n8n's own SQLite file in the user folder, or a PostgreSQL database of the machine's, made for this run. */
function databaseFor(kind: DatabaseKind, version: N8nVersion, folder: string) {
	if (kind === 'sqlite') {
		const file = join(folder, '.n8n', 'database.sqlite');
		return { env: {}, query: (sql: string, parameters: Array<string | number> = []) => database.query(version, file, sql, parameters), drop: () => {} };
	}
	const name = postgres.createDatabase(`gb_bench_${process.pid}_${Date.now()}`);
	return {
		env: postgres.postgresEnv(name),
		query: async (sql: string, parameters: Array<string | number> = []) => postgres.psqlRows(name, withLiterals(sql, parameters)),
		drop: () => postgres.dropDatabase(name),
	};
}

/**
 * Starts n8n `versionName` (default 2.40.7) with the chosen workflows, on SQLite unless `database` says postgres.
 * `engine` 'legacy' sets N8N_EXPRESSION_ENGINE=legacy; 'vm' leaves n8n's default.
 */
export async function startLiveN8n(options: {
	engine: 'vm' | 'legacy';
	names: WorkflowName[];
	database?: DatabaseKind;
	versionName?: string;
	log?: (line: string) => void;
}): Promise<LiveN8n> {
	const log = options.log ?? ((line: string) => console.log(`[bench] ${line}`));
	processes.stopEverythingOnExit();
	if (options.engine === 'legacy') process.env.N8N_EXPRESSION_ENGINE = 'legacy';
	else delete process.env.N8N_EXPRESSION_ENGINE;
	const version = await install.ensureN8n(versions.getVersion(options.versionName ?? '2'), log);
	const folder = join(userFolder.repoRoot, 'bench', '.run', `n8n-${version.version}-${options.engine}-${process.pid}`);
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	const kind = options.database ?? 'sqlite';
	const store = databaseFor(kind, version, folder);
	const settings = { userFolder: folder, port: await ports.freePort(), brokerPort: await ports.freePort(), env: store.env };
	userFolder.installPackage(folder, version);
	installNoopPackage(folder);
	const all = workflows();
	const chosen = options.names.map((name) => all[name]);
	const credentials = instance.credentialsFor({ simulatorUrl: 'http://127.0.0.1:9', apiKey: API_KEY, secretKey: SECRET_KEY });
	log(`n8n ${version.version} (${options.engine} engine, ${kind}): importing ${chosen.length} workflows into ${folder}`);
	let server: Awaited<ReturnType<typeof n8n.startN8n>>;
	try {
		await userFolder.importAndActivate(version, settings, { credentials, workflows: chosen, activeIds: chosen.map(({ id }) => id) });
		server = await n8n.startN8n(version, settings, { expectedWebhooks: chosen.length });
	} catch (error) {
		store.drop();
		throw error;
	}
	log(`n8n ${version.version} is up at ${server.url}`);
	return {
		version,
		url: server.url,
		logFile: server.logFile,
		userFolder: folder,
		database: kind,
		query: store.query,
		urls: {
			...(Object.fromEntries(Object.entries(WEBHOOK_IDS).map(([name, id]) => [name, `${server.url}/webhook/${id}/webhook`])) as Record<WorkflowName, string>),
			builtin: `${server.url}/webhook/${BUILTIN_PATH}`,
		},
		stop: async () => {
			await server.stop();
			store.drop();
		},
	};
}

export interface ExecutionTally {
	count: number;
	byStatus: Record<string, number>;
	/** Latest stoppedAt (ms since epoch) among them, or NaN. */
	lastStoppedAt: number;
	maxId: number;
}

/** A stored time: SQLite's text without a zone is UTC; PostgreSQL's JSON carries its offset. */
function storedTime(value: unknown): number {
	if (typeof value !== 'string') return Number(value);
	return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value.replace(' ', 'T') : `${value.replace(' ', 'T')}Z`);
}

/** Executions of one workflow with an id above `afterId`, read from n8n's database. */
export async function tallyExecutions(live: LiveN8n, workflowId: string, afterId: number): Promise<ExecutionTally> {
	const rows = await live.query(
		'SELECT status, count(*) AS count, max("stoppedAt") AS "lastStoppedAt", max(id) AS "maxId" FROM execution_entity WHERE "workflowId" = ? AND id > ? GROUP BY status',
		[workflowId, afterId],
	);
	const byStatus: Record<string, number> = {};
	let lastStoppedAt = NaN;
	let maxId = afterId;
	for (const row of rows) {
		byStatus[String(row.status)] = Number(row.count);
		const stopped = storedTime(row.lastStoppedAt);
		if (!Number.isNaN(stopped) && !(stopped <= lastStoppedAt)) lastStoppedAt = stopped;
		maxId = Math.max(maxId, Number(row.maxId));
	}
	return { count: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, lastStoppedAt, maxId };
}

/** Characters of a workflow's static data as n8n stored it (0 when none). */
export async function staticDataLength(live: LiveN8n, workflowId: string): Promise<number> {
	const [row] = await live.query('SELECT length(CAST("staticData" AS TEXT)) AS length FROM workflow_entity WHERE id = ?', [workflowId]);
	return Number(row?.length ?? 0);
}

export async function lastExecutionId(live: LiveN8n): Promise<number> {
	const [row] = await live.query('SELECT max(id) AS id FROM execution_entity');
	return Number(row?.id ?? 0);
}

const FINAL = ['success', 'error', 'crashed', 'canceled'];

/** Waits until `expected` executions of the workflow (after `afterId`) have finished, or the time limit. */
export async function waitForFinished(live: LiveN8n, workflowId: string, afterId: number, expected: number, timeoutMs: number): Promise<ExecutionTally> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const tally = await tallyExecutions(live, workflowId, afterId);
		const finished = FINAL.reduce((sum, status) => sum + (tally.byStatus[status] ?? 0), 0);
		if (finished >= expected || Date.now() > deadline) return tally;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Sends `requests` to one workflow, then waits until every delivery answered 2xx has a finished execution. */
export async function loadAndFinish(live: LiveN8n, name: WorkflowName, requests: LoadRequest[], concurrency: number, maxSeconds: number) {
	const before = await lastExecutionId(live);
	const load = await runLoad(live.urls[name], requests, concurrency, maxSeconds);
	const ok = Object.entries(load.byStatus).filter(([status]) => Number(status) < 300).reduce((sum, [, n]) => sum + n, 0);
	const tally = await waitForFinished(live, WORKFLOW_IDS[name], before, ok, 180_000);
	return { load, ok, tally };
}
