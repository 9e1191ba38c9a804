// Prints, as JSON, the executions after a given id from an n8n SQLite database, with each node's last output items.
// Run by the n8n install's own Node.js, so that its sqlite3 build and flatted copy are the ones n8n uses:
//   node executions-query.js <n8n install dir> <database.sqlite> <after id>
const { join } = require('node:path');

const [installDir, databaseFile, afterId = '0'] = process.argv.slice(2);
const sqlite3 = require(join(installDir, 'node_modules', 'sqlite3'));
const { parse } = require(join(installDir, 'node_modules', 'flatted'));

function summarise(row) {
	const data = row.data ? parse(row.data) : {};
	const runData = data.resultData?.runData ?? {};
	const nodes = {};
	for (const [name, runs] of Object.entries(runData)) {
		const last = runs[runs.length - 1];
		nodes[name] = {
			outputs: (last?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json)),
			error: last?.error?.message ?? null,
		};
	}
	return {
		id: row.id,
		workflowId: row.workflowId,
		status: row.status,
		mode: row.mode,
		finished: Boolean(row.finished),
		error: data.resultData?.error?.message ?? null,
		nodes,
	};
}

const db = new sqlite3.Database(databaseFile, sqlite3.OPEN_READONLY, (openError) => {
	if (openError) throw openError;
	db.configure('busyTimeout', 10000);
	db.all(
		`SELECT e.id, e.workflowId, e.status, e.mode, e.finished, d.data
		 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
		 WHERE e.id > ? ORDER BY e.id`,
		[Number(afterId)],
		(queryError, rows) => {
			if (queryError) throw queryError;
			process.stdout.write(JSON.stringify(rows.map(summarise)));
			db.close();
		},
	);
});
