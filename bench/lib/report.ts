/** Printing results: one line per figure, and a goal line that says met or MISSED. */
import { cpus } from 'node:os';

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index];
}

export function round(value: number, digits = 2): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

export interface Goal {
	name: string;
	met: boolean;
	detail: string;
}

export function goal(name: string, met: boolean, detail: string): Goal {
	console.log(`GOAL ${met ? 'met   ' : 'MISSED'} ${name}: ${detail}`);
	return { name, met, detail };
}

/** Exit code: 1 when the run itself failed; with --strict also when a goal was missed. */
export function finish(goals: Goal[], strict: boolean, broken = false): never {
	const missed = goals.filter((g) => !g.met);
	console.log(`${goals.length - missed.length} of ${goals.length} goals met${missed.length ? ` (missed: ${missed.map((g) => g.name).join(', ')})` : ''}`);
	process.exit(broken || (strict && missed.length > 0) ? 1 : 0);
}

export function machine(): string {
	return `${new Date().toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`;
}
