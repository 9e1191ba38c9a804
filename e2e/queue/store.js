// What the run reads back from PostgreSQL (the rows the workflows wrote, n8n's executions) and cleans in Redis.
const { execFileSync } = require('node:child_process');
const { psql } = require('../lib/postgres');

const rows = (database, sql) =>
	psql(database, sql)
		.trim()
		.split('\n')
		.filter(Boolean)
		.map((line) => line.split('|'));

/** Rows in `reached` for a workflow tag: total, distinct deliveries, per event. */
function reached(database, tag) {
	const [[total, distinct]] = rows(database, `SELECT count(*), count(DISTINCT delivery_id) FROM reached WHERE workflow = '${tag}'`);
	const byEvent = Object.fromEntries(
		rows(database, `SELECT event, count(*) FROM reached WHERE workflow = '${tag}' GROUP BY event ORDER BY event`).map(([event, count]) => [event, Number(count)]),
	);
	return { rows: Number(total), distinctDeliveries: Number(distinct), byEvent };
}

function executionStatuses(database, workflowId) {
	return Object.fromEntries(
		rows(database, `SELECT status, count(*) FROM execution_entity WHERE "workflowId" = '${workflowId}' GROUP BY status ORDER BY status`).map(
			([status, count]) => [status, Number(count)],
		),
	);
}

const UNFINISHED = ['new', 'running', 'waiting', 'unknown'];

/**
 * Waits until the workflow's executions stop moving: no unfinished execution for `quietMs`, or none that moved
 * for `stuckMs` (an execution a killed webhook processor created but never queued stays "new" for ever).
 */
async function settle(database, workflowId, { quietMs = 4000, stuckMs = 30000, timeoutMs = 2400000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	let stableSince = Date.now();
	for (;;) {
		const statuses = executionStatuses(database, workflowId);
		const key = JSON.stringify(statuses);
		const unfinished = UNFINISHED.reduce((sum, status) => sum + (statuses[status] ?? 0), 0);
		if (key !== last) {
			last = key;
			stableSince = Date.now();
		} else if (Date.now() - stableSince >= (unfinished === 0 ? quietMs : stuckMs)) return statuses;
		if (Date.now() > deadline) throw new Error(`executions of ${workflowId} did not settle: ${key}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

function redisKeys(prefix) {
	return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', '--scan', '--pattern', `${prefix}:*`], { encoding: 'utf8' })
		.split('\n')
		.filter(Boolean);
}

function deleteRedisKeys(prefix) {
	const keys = redisKeys(prefix);
	for (let index = 0; index < keys.length; index += 500) {
		execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'DEL', ...keys.slice(index, index + 500)]);
	}
	return keys.length;
}

module.exports = { reached, executionStatuses, settle, deleteRedisKeys, rows };
