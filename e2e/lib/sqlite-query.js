// Prints the rows of one read-only SQL query on an n8n SQLite database, as JSON. Run by the n8n install's own
// Node.js so that its sqlite3 build is the one that loads:
//   node sqlite-query.js <n8n install dir> <database.sqlite> <sql> [json array of parameters]
const { join } = require('node:path');

const [installDir, databaseFile, sql, parameters = '[]'] = process.argv.slice(2);
const sqlite3 = require(join(installDir, 'node_modules', 'sqlite3'));

const db = new sqlite3.Database(databaseFile, sqlite3.OPEN_READONLY, (openError) => {
	if (openError) throw openError;
	db.configure('busyTimeout', 10000);
	db.all(sql, JSON.parse(parameters), (queryError, rows) => {
		if (queryError) throw queryError;
		process.stdout.write(JSON.stringify(rows));
		db.close();
	});
});
