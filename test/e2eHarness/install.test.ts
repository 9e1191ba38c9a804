// The n8n install the demo and the e2e suite use: the sqlite3 rebuild must run its build script even when npm
// (`npm run demo`) passes the project's ignore-scripts=true on to it, and a cache without the binding is not reused.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isInstalled, manifestHash, rebuildEnvironment } = require('../../e2e/lib/install');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getVersion } = require('../../e2e/lib/versions');

describe('the sqlite3 rebuild', () => {
	it.each(['2', '1'])('runs scripts for n8n %s even when npm passed ignore-scripts on', (name) => {
		const version = getVersion(name);
		const env = rebuildEnvironment(version, { PATH: '/usr/bin', npm_config_ignore_scripts: 'true', NPM_CONFIG_IGNORE_SCRIPTS: 'true', HOME: '/root' });
		expect(env.npm_config_ignore_scripts).toBe('false');
		expect(env).not.toHaveProperty('NPM_CONFIG_IGNORE_SCRIPTS');
		expect(env.HOME).toBe('/root');
	});
});

describe('a cached install', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'n8n-cache-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('is reused only when marked complete for this manifest and holding the sqlite3 binding', () => {
		const version = { ...getVersion('2'), dir };
		expect(isInstalled(version)).toBe(false);
		// Marked complete by an earlier run whose rebuild built nothing: installed again.
		writeFileSync(join(dir, '.install-complete'), `${manifestHash(version.manifestDir)}\n`);
		expect(isInstalled(version)).toBe(false);
		const release = join(dir, 'node_modules', 'sqlite3', 'build', 'Release');
		mkdirSync(release, { recursive: true });
		writeFileSync(join(release, 'node_sqlite3.node'), '');
		expect(isInstalled(version)).toBe(true);
	});
});
