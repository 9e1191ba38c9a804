// Installs a pinned n8n into the cache outside the clone, or reuses a complete earlier install.
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { runCommand } = require('./processes');

const MARKER = '.install-complete';

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
	return existsSync(marker) && readFileSync(marker, 'utf8').trim() === manifestHash(version.manifestDir);
}

/** Runs a long step and prints a line every 30 s so a cold install does not look stuck. */
async function withProgress(label, log, step) {
	const started = Date.now();
	log(`${label}...`);
	const ticker = setInterval(() => log(`  ${label}: ${Math.round((Date.now() - started) / 1000)} s`), 30000);
	try {
		return await step();
	} finally {
		clearInterval(ticker);
		log(`${label}: done in ${Math.round((Date.now() - started) / 1000)} s`);
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
	await withProgress(`npm install n8n@${version.version}`, log, () => runCommand('npm', npmArgs, options));
	const rebuildEnv = { ...process.env, ...version.rebuildEnv(version.dir) };
	await withProgress('building sqlite3 for its Node.js', log, () =>
		runCommand('npm', ['rebuild', 'sqlite3'], { cwd: version.dir, env: rebuildEnv }),
	);
	writeFileSync(join(version.dir, MARKER), `${manifestHash(version.manifestDir)}\n`);
	return version;
}

module.exports = { ensureN8n, isInstalled };
