#!/usr/bin/env node
// Runs n8n's own community package scanner on the tarball that `npm pack` makes, unpacked, as n8n would see it, and
// on the source (package.json, nodes/, credentials/) as a scan by name lints the repository the package's provenance
// names: with inline eslint-disable comments ignored. By name the scanner only reads published packages; its
// exported analyzePackage(dir, patterns) lints a local folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scannerHome = join(root, '.ci', 'scan');
if (!existsSync(join(scannerHome, 'node_modules', '@n8n', 'scan-community-package'))) {
	execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: scannerHome, stdio: 'inherit' });
}
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
	pathToFileURL(join(scannerHome, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs')).href
);

const work = mkdtempSync(join(tmpdir(), 'gameball-scan-'));
try {
	const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
	const results = [
		[filename, await analyzePackage(join(work, 'package'))],
		['the source', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
	];
	for (const [what, result] of results) {
		console.log(result.passed ? `scan passed: ${what}` : `scan FAILED: ${what}\n${result.message}\n${result.details ?? ''}`);
	}
	process.exitCode = results.every(([, result]) => result.passed) ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
