/**
 * Where n8n's CPU goes per delivery, per workflow (P1's "where the gap is", as CPU time): for each workflow its own
 * n8n 2.40.7 (SQLite) runs under `--cpu-prof`, takes a warm-up, then N deliveries at concurrency C, and stops; the
 * main process's profile is summed by package (self time). Prints ms per delivery by package for each workflow and
 * each workflow's difference from the last one named. A sampled profile: read differences of a tenth of a
 * millisecond or more, not single samples.
 *   npm run bench:p1-profile                        gameball, noopDescribed: 3,000 each at c = 10, `legacy`
 *   npm run bench:p1-profile -- --workflows gameball,noopCred,noop --deliveries 2000 --engine vm
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readArgs } from './lib/args';
import { signedRequests } from './lib/deliveries';
import { processes } from './lib/e2e';
import { loadAndFinish, SECRET_KEY, startLiveN8n, type WorkflowName } from './lib/live';
import { machine, round } from './lib/report';

const args = readArgs();
const names = args.list('workflows', ['gameball', 'noopDescribed']) as WorkflowName[];
const count = args.number('deliveries', 3000);
const concurrency = args.number('concurrency', 10);
const engine = args.string('engine', 'legacy') as 'vm' | 'legacy';
const WARM_UP = 100;
const MAX_SECONDS = 600;

interface CpuProfile {
	nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
	samples: number[];
	timeDeltas: number[];
}

/** `@n8n/typeorm`, `n8n-workflow`, `(garbage collector)`...: the package a frame's script belongs to. */
function packageOf(frame: CpuProfile['nodes'][number]['callFrame']): string {
	const inPackage = /node_modules\/((@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(frame.url);
	if (inPackage) return inPackage[1];
	if (frame.url.startsWith('node:')) return 'node';
	return frame.url ? 'other' : frame.functionName;
}

/** Self time in ms by package. */
function selfTimeByPackage(profile: CpuProfile): Map<string, number> {
	const micros = new Map<number, number>();
	profile.samples.forEach((id, i) => micros.set(id, (micros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
	const byPackage = new Map<string, number>();
	for (const node of profile.nodes) {
		const name = packageOf(node.callFrame);
		byPackage.set(name, (byPackage.get(name) ?? 0) + (micros.get(node.id) ?? 0) / 1000);
	}
	return byPackage;
}

/** n8n's main process writes the largest profile (the import and activation commands write small ones). */
function mainProfile(folder: string): CpuProfile {
	const files = readdirSync(folder).filter((file) => file.endsWith('.cpuprofile'));
	const largest = files.sort((a, b) => statSync(join(folder, b)).size - statSync(join(folder, a)).size)[0];
	if (!largest) throw new Error(`no CPU profile written in ${folder}`);
	return JSON.parse(readFileSync(join(folder, largest), 'utf8')) as CpuProfile;
}

async function profileOf(name: WorkflowName): Promise<Map<string, number>> {
	const folder = mkdtempSync(join(tmpdir(), `p1-profile-${name}-`));
	process.env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${folder}`;
	const live = await startLiveN8n({ engine, names: [name] }).finally(() => delete process.env.NODE_OPTIONS);
	try {
		const deliveries = signedRequests(WARM_UP + count, `p1-profile-${process.pid}-${name}`, SECRET_KEY);
		await loadAndFinish(live, name, deliveries.slice(0, WARM_UP), 5, MAX_SECONDS);
		const { ok, tally } = await loadAndFinish(live, name, deliveries.slice(WARM_UP), concurrency, MAX_SECONDS);
		if (ok !== count || tally.count !== count) throw new Error(`${name}: ${ok} of ${count} answered 2xx, ${tally.count} executions`);
	} finally {
		await live.stop(); // SIGTERM: n8n exits and writes its profile
	}
	const perDelivery = new Map([...selfTimeByPackage(mainProfile(folder))].map(([key, ms]) => [key, ms / (WARM_UP + count)]));
	rmSync(folder, { recursive: true, force: true });
	return perDelivery;
}

async function main() {
	console.log(`P1 CPU per delivery by package · ${machine()} · n8n on SQLite, ${engine} engine, ${count} deliveries at c=${concurrency}`);
	const profiles = new Map<WorkflowName, Map<string, number>>();
	for (const name of names) profiles.set(name, await profileOf(name));
	const base = profiles.get(names[names.length - 1])!;
	const busy = (profile: Map<string, number>) => [...profile].filter(([key]) => key !== '(idle)').reduce((sum, [, ms]) => sum + ms, 0);
	const packages = [...new Set(names.flatMap((name) => [...profiles.get(name)!.keys()]))]
		.filter((key) => key !== '(idle)')
		.sort((a, b) => Math.max(...names.map((n) => profiles.get(n)!.get(b) ?? 0)) - Math.max(...names.map((n) => profiles.get(n)!.get(a) ?? 0)));
	const ms = (value: number) => round(value, 3).toFixed(3).padStart(8);
	console.log(`${'package (self time)'.padEnd(28)} ${names.map((n) => n.padStart(14)).join(' ')}   ms per delivery; minus ${names[names.length - 1]}`);
	console.log(`${'all but idle'.padEnd(28)} ${names.map((n) => `${ms(busy(profiles.get(n)!))} ${ms(busy(profiles.get(n)!) - busy(base))}`.padStart(14)).join(' ')}`);
	for (const key of packages.slice(0, 20)) {
		const cells = names.map((n) => `${ms(profiles.get(n)!.get(key) ?? 0)} ${ms((profiles.get(n)!.get(key) ?? 0) - (base.get(key) ?? 0))}`);
		console.log(`${key.slice(0, 28).padEnd(28)} ${cells.join(' ')}`);
	}
	await processes.stopAll();
}

main().catch(async (error) => {
	console.error(error);
	await processes.stopAll();
	process.exit(1);
});
