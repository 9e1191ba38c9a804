// The machine's PostgreSQL (127.0.0.1:5432, trust auth): one database per run, dropped afterwards.
const { execFileSync } = require('node:child_process');

function psql(database, sql) {
	return execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], {
		encoding: 'utf8',
	});
}

function createDatabase(name) {
	psql('postgres', `CREATE DATABASE "${name}"`);
	return name;
}

function dropDatabase(name) {
	psql('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

module.exports = { psql, createDatabase, dropDatabase };
