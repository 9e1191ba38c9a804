// Installs a pinned n8n into the cache outside the clone, or reuses a complete earlier install.
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { runCommand } = require('./processes');

const MARKER = '.install-complete';
/** sqlite3's native binding: n8n's default database needs it, and only the rebuild makes it. */
const SQLITE_BINDING = join('node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');

/** A fingerprint of the committed manifest (and lockfile): a changed pin means a new install. */
function manifestHash(manifestDir) {
	const hash = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		const path = join(manifestDir, file);
		if (existsSync(path)) hash.update(readFileSync(path));
	}
	return hash.digest('hex');
}

function isInstalled(version) {
	const marker = join(version.dir, MARKER);
	const complete = existsSync(marker) && readFileSync(marker, 'utf8').trim() === manifestHash(version.manifestDir);
	// A cache marked complete without the binding (an earlier rebuild that ran no scripts) is installed again.
	return complete && existsSync(join(version.dir, SQLITE_BINDING));
}

/**
 * The environment of the sqlite3 rebuild. Its build is an install script, so scripts must be on here: under
 * `npm run demo` npm passes the project's `ignore-scripts=true` (.npmrc) on as npm_config_ignore_scripts, and a
 * rebuild with it builds nothing and still succeeds.
 */
function rebuildEnvironment(version, env = process.env) {
	const inherited = Object.fromEntries(Object.entries(env).filter(([name]) => name.toLowerCase() !== 'npm_config_ignore_scripts'));
	return { ...inherited, npm_config_ignore_scripts: 'false', ...version.rebuildEnv(version.dir) };
}

/** Runs a long step and prints a line every 30 s so a cold install does not look stuck; `hint` follows a failure. */
async function withProgress(label, log, step, hint) {
	const started = Date.now();
	log(`${label}...`);
	const ticker = setInterval(() => log(`  ${label}: ${Math.round((Date.now() - started) / 1000)} s`), 30000);
	const seconds = () => Math.round((Date.now() - started) / 1000);
	try {
		const result = await step();
		log(`${label}: done in ${seconds()} s`);
		return result;
	} catch (error) {
		log(`${label}: failed after ${seconds()} s (${hint})`);
		throw error;
	} finally {
		clearInterval(ticker);
	}
}

/** Makes sure n8n <version> is installed in the cache; returns the version entry with its paths. */
async function ensureN8n(version, log = console.log) {
	if (isInstalled(version)) {
		log(`n8n ${version.version}: using the cached install in ${version.dir}`);
		return version;
	}
	log(`n8n ${version.version}: installing into ${version.dir} (a few minutes, once)`);
	mkdirSync(version.dir, { recursive: true });
	rmSync(join(version.dir, MARKER), { force: true });
	const hasLock = existsSync(join(version.manifestDir, 'package-lock.json'));
	for (const file of hasLock ? ['package.json', 'package-lock.json'] : ['package.json']) {
		copyFileSync(join(version.manifestDir, file), join(version.dir, file));
	}
	// Scripts stay off: some of n8n's optional native modules try downloads that cannot work here. `npm install`
	// (not `ci`) with the committed lockfile: npm ci rejects n8n's lock for optional platform packages it omits.
	const npmArgs = ['install', '--ignore-scripts', '--no-audit', '--no-fund'];
	const options = { cwd: version.dir, env: process.env };
	const startClean = `to start clean, delete ${version.dir}`;
	await withProgress(`npm install n8n@${version.version}`, log, () => runCommand('npm', npmArgs, options), `it needs the npm registry; ${startClean}`);
	await withProgress(
		'building sqlite3 for its Node.js',
		log,
		() => runCommand('npm', ['rebuild', 'sqlite3'], { cwd: version.dir, env: rebuildEnvironment(version) }),
		`it fetches a prebuilt binary, or builds one with Python and a C++ compiler; ${startClean}`,
	);
	if (!existsSync(join(version.dir, SQLITE_BINDING))) {
		throw new Error(`n8n ${version.version}: building sqlite3 made no ${SQLITE_BINDING} in ${version.dir}; see the npm output above`);
	}
	writeFileSync(join(version.dir, MARKER), `${manifestHash(version.manifestDir)}\n`);
	return version;
}

module.exports = { ensureN8n, isInstalled, manifestHash, rebuildEnvironment };
