#!/usr/bin/env node
// The e2e suite: builds the package, then for each n8n version starts a real n8n with it (installing n8n into
// the cache on first use), runs the scenarios with jest, stops everything it started.
//   node e2e/run.js            n8n 2.40.7, then 1.123.81
//   node e2e/run.js 2          one version (2, 1, 2.40.7 or 1.123.81)
//   node e2e/run.js 2 05-      ...and only the scenario files matching a pattern (jest's testPathPattern)
// Reports: reports/e2e-<version>.json (jest's JSON shape, read by scripts/tally.js).
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { getVersion } = require('./lib/versions');
const { freePort } = require('./lib/ports');
const { startProcess, runCommand, stopAll, stopEverythingOnExit } = require('./lib/processes');
const { startInstance, credentialsFor } = require('./lib/instance');
const { landedParts, workflowsFor } = require('./lib/plan');
const { createDatabase, dropDatabase } = require('./lib/postgres');
const { repoRoot } = require('./lib/userFolder');
const { triggerWebhookIds } = require('./workflows/trigger');
const { GUARD_WORKFLOWS } = require('./workflows/guard');
const { CRM_EXAMPLES, crmExampleCredentials, crmExampleWebhookId } = require('./workflows/crmExamples');
const { AI_TOOL_WORKFLOWS, openAiCredential } = require('./workflows/aiTool');

const log = (message) => console.log(`[e2e] ${message}`);
const API_KEY = 'e2e-api-key';
const SECRET_KEY = 'e2e-secret-key';
const CRM_FAKE_TOKEN = 'e2e-crm-token';
const AI_FAKE_KEY = 'e2e-openai-key';

async function ensureE2eDependencies() {
	if (existsSync(join(__dirname, 'node_modules', 'playwright-core'))) return;
	log('installing e2e dependencies (playwright-core)');
	await runCommand('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: __dirname });
}

function runJest(contextFile, reportFile, extraArgs) {
	const jest = require.resolve('jest/bin/jest', { paths: [repoRoot] });
	const args = [jest, '-c', join(__dirname, 'jest.config.js'), '--runInBand', '--json', `--outputFile=${reportFile}`, ...extraArgs];
	const child = startProcess(process.execPath, args, {
		cwd: repoRoot,
		stdio: 'inherit',
		env: { ...process.env, E2E_CONTEXT: contextFile },
	});
	return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function runVersion(versionName, landed, jestFilter) {
	const version = getVersion(versionName);
	const major = Number(version.version.split('.')[0]);
	const simulatorPort = await freePort();
	const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
	const withCrm = landed.crm && landed.trigger;
	const pgDatabase = withCrm ? createDatabase(`gameball_e2e_${process.pid}_${Date.now()}`) : null;
	// Scenarios 14 and 15 run CRM examples against fake CRMs on these ports.
	const crmFakePorts = {};
	if (withCrm) for (const name of Object.keys(CRM_EXAMPLES)) crmFakePorts[name] = await freePort();
	const crmFakeUrls = Object.fromEntries(Object.entries(crmFakePorts).map(([name, port]) => [name, `http://127.0.0.1:${port}`]));
	// Scenario 16 runs an AI Agent whose OpenAI Chat Model talks to a fake LLM on this port.
	const aiFakePort = landed.action ? await freePort() : undefined;
	const aiFakeUrl = aiFakePort === undefined ? undefined : `http://127.0.0.1:${aiFakePort}`;
	const credentials = credentialsFor({ simulatorUrl, apiKey: API_KEY, secretKey: SECRET_KEY, pgDatabase });
	for (const [name, url] of Object.entries(crmFakeUrls)) credentials.push(...crmExampleCredentials(name, url, CRM_FAKE_TOKEN));
	if (aiFakeUrl) credentials.push(openAiCredential(aiFakeUrl, AI_FAKE_KEY));
	let instance;
	let jestCode;
	try {
		instance = await startInstance({
			versionName,
			workflows: workflowsFor(landed, { withCrm, crmFakeUrls, aiFakeUrl }),
			runName: `e2e-${version.version}`,
			log,
			credentials,
		});
		const context = {
			n8nVersion: version.version,
			n8nMajor: major,
			n8nUrl: instance.url,
			userFolder: instance.userFolder,
			database: instance.database,
			installDir: version.dir,
			nodeBin: version.nodeBin(version.dir),
			simulatorPort,
			simulatorUrl,
			apiKey: API_KEY,
			secretKey: SECRET_KEY,
			pgDatabase,
			crmFakePorts,
			crmFakeToken: CRM_FAKE_TOKEN,
			aiFakePort,
			aiFakeKey: AI_FAKE_KEY,
			landed,
			triggerUrls: {
				...Object.fromEntries(Object.entries(triggerWebhookIds).map(([name, id]) => [name, instance.triggerUrl(id)])),
				...Object.fromEntries(Object.keys(CRM_EXAMPLES).map((name) => [`${name}Example`, instance.triggerUrl(crmExampleWebhookId(name))])),
			},
			webhookUrls: {
				lifecycle: instance.webhookUrl('gameball-lifecycle'),
				batchUpsert: instance.webhookUrl('gameball-batch-upsert'),
				...Object.fromEntries(Object.entries(AI_TOOL_WORKFLOWS).map(([name, { path }]) => [name, instance.webhookUrl(path)])),
			},
			workflowIds: {
				allEvents: 'gbE2eTriggerAll1',
				tierChanged: 'gbE2eTriggerTier',
				automationGet: 'gbE2eTriggerAuto',
				lifecycle: 'gbE2eLifecycle01',
				batchUpsert: 'gbE2eBatchUpsrt1',
				crm: 'gbE2eLoyaltyCrm1',
				...Object.fromEntries(Object.entries(GUARD_WORKFLOWS).map(([name, { id }]) => [name, id])),
				...Object.fromEntries(Object.entries(AI_TOOL_WORKFLOWS).map(([name, { id }]) => [name, id])),
				...Object.fromEntries(Object.entries(CRM_EXAMPLES).map(([name, { workflowId }]) => [`${name}Example`, workflowId])),
			},
		};
		const contextFile = join(instance.userFolder, 'context.json');
		writeFileSync(contextFile, JSON.stringify(context, null, 2));
		log(`n8n ${version.version} is up at ${instance.url}; running the scenarios`);
		const reportFile = join(repoRoot, 'reports', `e2e-${version.version}.json`);
		jestCode = await runJest(contextFile, reportFile, jestFilter);
	} finally {
		// Each clean-up step runs even when another fails, and a failure here is logged: an error that stopped the run
		// before its scenarios goes on as the run's; after them, their report stands and the step fails.
		const failures = [];
		const attempt = async (step) => {
			try {
				await step();
			} catch (error) {
				failures.push(error);
			}
		};
		await attempt(async () => instance && (await instance.stop()));
		await attempt(async () => pgDatabase && dropDatabase(pgDatabase));
		for (const error of failures) console.error(`[e2e] n8n ${version.version}: cleaning up: ${error.stack ?? error}`);
		if (failures.length > 0 && jestCode !== undefined) jestCode = 1;
	}
	return jestCode;
}

/** A jest-shaped report with one failed test, so that a run that never reached the scenarios is counted. */
function writeSetupFailure(version, error) {
	const title = `n8n ${version} starts with the package and its workflows active`;
	const assertion = { title, fullName: title, status: 'failed', failureMessages: [String(error.stack ?? error)] };
	const report = {
		success: false,
		numTotalTests: 1,
		numPassedTests: 0,
		numFailedTests: 1,
		testResults: [{ name: 'e2e/run.js', status: 'failed', assertionResults: [assertion] }],
	};
	writeFileSync(join(repoRoot, 'reports', `e2e-${version}.json`), JSON.stringify(report, null, 2));
}

async function main() {
	const started = Date.now();
	const requested = process.argv[2] && process.argv[2] !== 'all' ? [process.argv[2]] : ['2', '1'];
	stopEverythingOnExit();
	mkdirSync(join(repoRoot, 'reports'), { recursive: true });
	await ensureE2eDependencies();
	if (!process.env.E2E_SKIP_BUILD) {
		log('building the package (npm run build)');
		await runCommand('npm', ['run', 'build'], { cwd: repoRoot });
	}
	const landed = landedParts();
	log(`landed: ${Object.entries(landed).map(([part, yes]) => `${part} ${yes ? 'yes' : 'NO'}`).join(', ')}`);
	// Scenarios of a part that has not landed are skipped, and jest passes skipped suites: refuse to run without one.
	const missing = Object.keys(landed).filter((part) => !landed[part]);
	if (missing.length > 0) {
		log(`not built or not in package.json's n8n.nodes: ${missing.join(', ')}; their scenarios would be skipped, so this run fails`);
		await stopAll();
		process.exit(1);
	}
	let failures = 0;
	for (const versionName of requested) {
		const versionStarted = Date.now();
		try {
			const code = await runVersion(versionName, landed, process.argv.slice(3));
			if (code !== 0) failures++;
		} catch (error) {
			failures++;
			console.error(`[e2e] n8n ${versionName}: ${error.stack ?? error}`);
			writeSetupFailure(getVersion(versionName).version, error);
		}
		log(`n8n ${getVersion(versionName).version}: ${Math.round((Date.now() - versionStarted) / 1000)} s`);
	}
	await stopAll();
	log(`done in ${Math.round((Date.now() - started) / 1000)} s; ${failures ? `${failures} version(s) failed` : 'all versions passed'}`);
	process.exit(failures ? 1 : 0);
}

main().catch(async (error) => {
	console.error(`[e2e] ${error.stack ?? error}`);
	await stopAll();
	process.exit(1);
});
