#!/usr/bin/env node
// The e2e suite: builds the package, then for each n8n version starts a real n8n with it (installing n8n into
// the cache on first use), runs the scenarios with jest, stops everything it started.
//   node e2e/run.js            n8n 2.40.7, then 1.123.81
//   node e2e/run.js 2          one version (2, 1, 2.40.7 or 1.123.81)
//   node e2e/run.js 2 05-      ...and only the scenario files matching a pattern (jest's testPathPattern)
// Reports: reports/e2e-<version>.json (jest's JSON shape, read by scripts/tally.js).
const { existsSync, mkdirSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { getVersion } = require('./lib/versions');
const { freePort } = require('./lib/ports');
const { startProcess, runCommand, stopAll, stopEverythingOnExit } = require('./lib/processes');
const { startInstance, credentialsFor } = require('./lib/instance');
const { landedParts, workflowsFor } = require('./lib/plan');
const { createDatabase, dropDatabase } = require('./lib/postgres');
const { repoRoot } = require('./lib/userFolder');
const { triggerWebhookIds } = require('./workflows/trigger');
const { CRM_EXAMPLES, crmExampleCredentials, crmExampleWebhookId } = require('./workflows/crmExamples');
const { AI_TOOL_WORKFLOWS, openAiCredential } = require('./workflows/aiTool');

const log = (message) => console.log(`[e2e] ${message}`);
const API_KEY = 'e2e-api-key';
const SECRET_KEY = 'e2e-secret-key';
const CRM_FAKE_TOKEN = 'e2e-crm-token';
const AI_FAKE_KEY = 'e2e-openai-key';

/** Scenario files per major version: everything on 2.x and on 1.x (the list 1.x runs unless E2E_ALL_SCENARIOS=1). */
const allScenarios = (major) => major === 2 || process.env.E2E_ALL_SCENARIOS === '1';
const ONE_X_SCENARIOS = /^(0[1-9]|1[0-6])-/;

/** Jest flags whose value is the next argument (`-t tier`), not a path pattern. */
const FLAGS_WITH_VALUES = new Set(['-t', '--testNamePattern', '--testTimeout', '-w', '--maxWorkers', '--outputFile']);

/**
 * The jest arguments that pick the scenario files: the arguments given (jest ORs path patterns), and on 1.x only its
 * own scenarios among those the patterns match, so that a pattern never adds one 1.x does not run. `undefined` when
 * none of 1.x's scenarios matches.
 */
function scenarioArgs(major, args) {
	if (allScenarios(major)) return args;
	const flags = [];
	const patterns = [];
	for (let i = 0; i < args.length; i++) {
		if (!args[i].startsWith('-')) patterns.push(args[i]);
		else {
			flags.push(args[i]);
			if (FLAGS_WITH_VALUES.has(args[i]) && i + 1 < args.length) flags.push(args[++i]);
		}
	}
	const files = readdirSync(join(__dirname, 'scenarios')).filter((name) => name.endsWith('.test.ts') && ONE_X_SCENARIOS.test(name));
	// Matched against the full path, as jest matches its path patterns.
	const chosen = files.filter((name) => patterns.length === 0 || patterns.some((pattern) => new RegExp(pattern).test(join(__dirname, 'scenarios', name))));
	if (chosen.length === 0) return undefined;
	return [...flags, '--testPathPattern', `scenarios/(${chosen.map((name) => name.replace(/\./g, '\\.')).join('|')})$`];
}

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
	const scenarios = scenarioArgs(major, jestFilter);
	if (!scenarios) {
		log(`n8n ${version.version}: none of its scenarios matches ${jestFilter.join(' ')} (E2E_ALL_SCENARIOS=1 runs all there); skipped`);
		return 0;
	}
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
				guard: 'gbE2eDeliveryGd1',
				...Object.fromEntries(Object.entries(AI_TOOL_WORKFLOWS).map(([name, { id }]) => [name, id])),
				...Object.fromEntries(Object.entries(CRM_EXAMPLES).map(([name, { workflowId }]) => [`${name}Example`, workflowId])),
			},
		};
		const contextFile = join(instance.userFolder, 'context.json');
		writeFileSync(contextFile, JSON.stringify(context, null, 2));
		log(`n8n ${version.version} is up at ${instance.url}; running the scenarios`);
		const reportFile = join(repoRoot, 'reports', `e2e-${version.version}.json`);
		return await runJest(contextFile, reportFile, scenarios);
	} finally {
		if (instance) await instance.stop();
		if (pgDatabase) dropDatabase(pgDatabase);
	}
}

/** A jest-shaped report with one failed test, so that a run that never reached the scenarios is counted. */
function writeSetupFailure(version, error) {
	const title = `n8n ${version} starts with the package and its workflows active`;
	const assertion = { title, fullName: title, status: 'failed', failureMessages: [String(error.stack ?? error)] };
	const report = {
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
