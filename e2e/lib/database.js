// Reads n8n's SQLite database while n8n runs: executions (with each node's last output) and registered webhooks.
const { execFile } = require('node:child_process');
const { join } = require('node:path');

/** Rows of a read-only query, run by the n8n install's Node.js and sqlite3 (a Node 24 build for n8n 2.x). */
function query(version, databaseFile, sql, parameters = []) {
	const script = join(__dirname, 'sqlite-query.js');
	const args = [script, version.dir, databaseFile, sql, JSON.stringify(parameters)];
	return new Promise((resolve, reject) => {
		execFile(version.nodeBin(version.dir), args, { maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`${error.message}\n${stderr}`));
			else resolve(JSON.parse(stdout));
		});
	});
}

function summarise(row, parse) {
	const data = row.data ? parse(row.data) : {};
	const nodes = {};
	for (const [name, runs] of Object.entries(data.resultData?.runData ?? {})) {
		const last = runs[runs.length - 1];
		nodes[name] = {
			outputs: (last?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json)),
			error: last?.error?.message ?? null,
			hints: (last?.hints ?? []).map((hint) => hint.message),
		};
	}
	const { id, workflowId, status, mode } = row;
	return { id, workflowId, status, mode, finished: Boolean(row.finished), error: data.resultData?.error?.message ?? null, nodes };
}

/** Executions with an id above `afterId`, oldest first; execution data is stored in n8n's "flatted" JSON. */
async function executionsAfter(version, databaseFile, afterId = 0) {
	const { parse } = require(join(version.dir, 'node_modules', 'flatted'));
	const rows = await query(
		version,
		databaseFile,
		`SELECT e.id, e.workflowId, e.status, e.mode, e.finished, d.data
		 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
		 WHERE e.id > ? ORDER BY e.id`,
		[afterId],
	);
	return rows.map((row) => summarise(row, parse));
}

async function registeredWebhookCount(version, databaseFile) {
	const [{ count }] = await query(version, databaseFile, 'SELECT count(*) AS count FROM webhook_entity');
	return count;
}

module.exports = { query, executionsAfter, registeredWebhookCount };
