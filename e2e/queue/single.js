#!/usr/bin/env node
// The Gameball Delivery Guard on a single n8n instance (regular mode, SQLite), on n8n 1.123.81 and 2.40.7:
// it loads, Drop Duplicate Deliveries drops a repeat, and Track Tier and Points Changes derives a tier change
// from two successive profile updates (static data is kept on a single instance).
//   node e2e/queue/single.js            both versions
//   node e2e/queue/single.js 1          one version (1, 2, 1.123.81 or 2.40.7)
const { startInstance } = require('../lib/instance');
const { stopAll, stopEverythingOnExit } = require('../lib/processes');
const { getVersion } = require('../lib/versions');
const { node, chain, workflow, webhookStart } = require('../workflows/common');

const log = (message) => console.log(`[single] ${message}`);

/** Webhook (the posted JSON is under `body`) -> Set (the body as the item) -> the guard. */
function guardWorkflow(id, path, webhookId, parameters) {
	const nodes = [
		webhookStart(path, webhookId),
		node('Body', 'n8n-nodes-base.set', 3.4, [150, 0], { mode: 'raw', jsonOutput: '={{ JSON.stringify($json.body) }}', options: {} }),
		node('Guard', 'n8n-nodes-gameball.gameballDeliveryGuard', 1, [300, 0], parameters),
	];
	return workflow(id, `Guard: ${path}`, nodes, chain('Webhook', 'Body', 'Guard'));
}

async function post(url, json) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null };
}

const items = (answer) => (Array.isArray(answer.body) ? answer.body : answer.body && Object.keys(answer.body).length ? [answer.body] : []);

function profile(deliveryId, tierOrder, points) {
	return { event: 'customer.profile.updated', clientId: 'c', customerId: 'single-1', gbCustomerId: null, createdAt: null, deliveryId, tierOrder, tierName: `T${tierOrder}`, activatedPoints: points, pendingPoints: 0, totalPoints: points, changes: null };
}

async function checkVersion(versionName) {
	const version = getVersion(versionName);
	const workflows = [
		guardWorkflow('gbGuardSingleDrp', 'guard-drop', 'b2e0c0de-0001-4b1a-9e11-000000000001', { operation: 'dropDuplicates' }),
		guardWorkflow('gbGuardSingleTrk', 'guard-track', 'b2e0c0de-0002-4b1a-9e11-000000000002', { operation: 'trackChanges' }),
	];
	const instance = await startInstance({ versionName, workflows, runName: `guard-single-${version.version}`, log, simulatorUrl: 'http://127.0.0.1:9', apiKey: 'unused', secretKey: 'unused' });
	try {
		const drop = instance.webhookUrl('guard-drop');
		const first = await post(drop, { deliveryId: 'delivery-1' });
		const repeat = await post(drop, { deliveryId: 'delivery-1' });
		const other = await post(drop, { deliveryId: 'delivery-2' });
		const track = instance.webhookUrl('guard-track');
		await post(track, profile('p1', 1, 100));
		const moved = await post(track, profile('p2', 2, 150));
		const result = {
			version: version.version,
			dropFirst: items(first).length,
			dropRepeat: items(repeat).length,
			dropOther: items(other).length,
			trackEvents: items(moved).map((item) => item.event),
			raw: process.env.SINGLE_DEBUG ? { first, repeat, moved } : undefined,
		};
		const passed =
			result.dropFirst === 1 && result.dropRepeat === 0 && result.dropOther === 1 &&
			JSON.stringify(result.trackEvents) === JSON.stringify(['customer.profile.updated', 'gameball.tier.changed', 'gameball.points.changed']);
		log(`n8n ${version.version}: ${passed ? 'PASS' : 'FAIL'} ${JSON.stringify(result)}`);
		return passed;
	} finally {
		await instance.stop();
	}
}

async function main() {
	stopEverythingOnExit();
	const requested = process.argv[2] ? [process.argv[2]] : ['1', '2'];
	let failed = 0;
	for (const versionName of requested) {
		try {
			if (!(await checkVersion(versionName))) failed++;
		} catch (error) {
			failed++;
			console.error(`[single] n8n ${versionName}: ${error.stack ?? error}`);
		}
	}
	await stopAll();
	process.exit(failed ? 1 : 0);
}

main();
