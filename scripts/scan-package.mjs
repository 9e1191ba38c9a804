#!/usr/bin/env node
// Runs n8n's own community package scanner on the tarball that `npm pack` makes, unpacked, as n8n would see it.
// By name the scanner only reads published packages; its exported analyzePackage(dir) lints a local folder.
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
const { analyzePackage } = await import(
	pathToFileURL(join(scannerHome, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs')).href
);

const work = mkdtempSync(join(tmpdir(), 'gameball-scan-'));
try {
	const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
	const result = await analyzePackage(join(work, 'package'));
	console.log(result.passed ? `scan passed: ${filename}` : `scan FAILED: ${filename}\n${result.message}\n${result.details ?? ""}`);
	process.exitCode = result.passed ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
