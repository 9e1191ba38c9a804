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

/** The environment that points n8n at `database` on the machine's PostgreSQL. */
function postgresEnv(database) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: '5432',
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
	};
}

/** The rows of one query as objects (PostgreSQL builds the JSON). */
function psqlRows(database, sql) {
	return JSON.parse(psql(database, `SELECT coalesce(json_agg(q), '[]'::json) FROM (${sql}) q`));
}

/** How many production webhooks n8n has registered in `database`. */
function webhookCount(database) {
	return Number(psql(database, 'SELECT count(*) FROM webhook_entity').trim());
}

module.exports = { psql, psqlRows, createDatabase, dropDatabase, postgresEnv, webhookCount };
