import type { IDataObject } from 'n8n-workflow';

import { handleV4Delivery, type Outcome } from '../../nodes/GameballTrigger/pipeline';
import { FLUSH_MS, FLUSH_WRITES, RecentWrites } from '../../nodes/GameballTrigger/recentWrites';
import { isStoredText, joinedText } from '../../nodes/GameballTrigger/textPieces';
import { notificationPayload, profilePayload, v4Settings } from './fixtures';

/*
 * A seeded, model-based test of the trigger's memory (textTables, recentWrites, triggerMemory, memory, pipeline)
 * under n8n's static-data semantics: each delivery works on a copy loaded from the "database" (a JSON round-trip of
 * the last save), copies overlap, a copy is saved only when marked changed (and, for a delivery that starts a run,
 * only when the node answered itself: `storeChanged`), sometimes a long execution saves its old copy anyway, and a
 * restart starts a new write log on the last save. A reference model says what must (and what may) happen:
 * - a retry of a delivery accepted within 2 hours whose key is among the last `limit` delivery keys written is a
 *   duplicate; after a restart, "written" means in the saved static data (what the last saved copy held);
 * - a delivery never accepted (or accepted more than 2 hours ago) is never a duplicate;
 * - a profile update of a customer among the last `limit` customers written compares with that customer's newest
 *   snapshot (made-at order): an older one is `outOfOrder` with `changes: {}` and derives nothing; a forgotten
 *   customer is a first sighting, never a comparison with an older snapshot;
 * - every table keeps at most `limit` keys per generation, and its stale lines stay bounded.
 */

const WINDOW_SECONDS = 2 * 60 * 60;
const T0 = Date.UTC(2026, 0, 1);
const TABLES = ['deliveries', 'previousDeliveries', 'customers', 'previousCustomers'];

/** mulberry32: a tiny seeded PRNG. */
function prng(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), chance: (p: number) => next() < p };
}

interface Body {
	n: number;
	customer: string;
	/** Absent for a notification. */
	profile?: { tier: number; points: number; pending: number };
	madeAt: number;
}

type Op =
	| { t: 'load'; id: number; body: Body }
	| { t: 'handle'; id: number }
	| { t: 'save'; id: number; force: boolean }
	| { t: 'tick'; ms: number }
	| { t: 'restart' };

interface Config {
	deduplicationMemorySize: number;
	customerMemorySize: number;
}

function rawOf(body: Body): string {
	const createdAt = new Date(body.madeAt).toISOString();
	if (!body.profile) {
		const notification = notificationPayload({ customer_id: body.customer, created_at: createdAt });
		(notification.data as IDataObject[])[0].body = `n${body.n}`;
		return JSON.stringify(notification);
	}
	const { tier, points, pending } = body.profile;
	return JSON.stringify(
		profilePayload(
			{ customer_id: body.customer, created_at: createdAt },
			{ email: `n${body.n}@example.com`, tier_order: tier, tier_name: `T${tier}`, activated_points: points, pending_points: pending, total_points: points + pending },
		),
	);
}

// ---- The reference model -------------------------------------------------------------------------------------

interface Snapshot {
	tier: number;
	points: number;
	pending: number;
	madeAt: number;
}

/** What is written, in write order: a key's last write counts (Maps keep insertion order; a write moves it last). */
interface ModelState {
	deliveries: Map<string, number>;
	customers: Map<string, Snapshot>;
}

const emptyState = (): ModelState => ({ deliveries: new Map(), customers: new Map() });
const cloneState = (state: ModelState): ModelState => ({ deliveries: new Map(state.deliveries), customers: new Map(state.customers) });

function writeLast<V>(map: Map<string, V>, key: string, value: V) {
	map.delete(key);
	map.set(key, value);
}

/** True when `key` is among the last `limit` keys written. */
function isAmongLast(map: Map<string, unknown>, key: string, limit: number): boolean {
	let rank = map.size;
	for (const candidate of map.keys()) {
		rank--;
		if (candidate === key) return rank < limit;
	}
	return false;
}

// ---- n8n's static data, as the existing tests simulate it ------------------------------------------------------

interface Copy {
	store: IDataObject;
	marked: { changed: boolean };
	/** The model state the copy holds: as loaded, or as its flush left it. */
	state: ModelState;
	body: Body;
	raw: string;
	handled: boolean;
	outcome?: Outcome;
}

/** A loaded copy of the node's static data that marks itself changed on any write, as n8n's observable object does. */
function loadCopy(saved: string): Pick<Copy, 'store' | 'marked'> {
	const marked = { changed: false };
	const target = JSON.parse(saved) as IDataObject;
	const store = new Proxy(target, {
		set(object, key, value) {
			marked.changed = true;
			return Reflect.set(object, key, value);
		},
		deleteProperty(object, key) {
			marked.changed = true;
			return Reflect.deleteProperty(object, key);
		},
	});
	return { store, marked };
}

/** Checks a stored table's bounds; how many stale lines it holds. */
function checkTable(store: IDataObject, name: string, limit: number): number {
	const stored = store[name];
	if (stored === undefined) return 0;
	if (!isStoredText(stored)) throw new Error(`${name} is not a text table`);
	const lines = joinedText(stored).split('\n').filter(Boolean);
	const keys = new Set<string>();
	let entryLines = 0;
	for (const line of lines) {
		if (line.startsWith('=')) continue;
		entryLines++;
		keys.add(line.includes('=') ? line.slice(0, line.indexOf('=')) : line);
	}
	if (keys.size > limit) throw new Error(`${name} holds ${keys.size} keys, over its limit ${limit}`);
	// Stale lines are dropped once they are as many as the live ones, plus 64 (textTables.ts).
	if (entryLines >= 2 * keys.size + 64) throw new Error(`${name} holds ${entryLines} lines for ${keys.size} keys`);
	if (lines.length > 2 * entryLines) throw new Error(`${name} holds ${lines.length - entryLines} run lines for ${entryLines} entries`);
	return entryLines - keys.size;
}

function checkBounds(store: IDataObject, config: Config, stats: Stats) {
	const unknown = Object.keys(store).filter((key) => !TABLES.includes(key) && key !== 'replayedUpTo');
	if (unknown.length > 0) throw new Error(`unexpected static data fields ${unknown.join(', ')}`);
	const limits = [config.deduplicationMemorySize, config.deduplicationMemorySize, config.customerMemorySize, config.customerMemorySize];
	for (const [index, name] of TABLES.entries()) {
		const stale = checkTable(store, name, limits[index]);
		if (stale >= 32) stats.manyStaleLines++;
		// The most stale lines a generation may hold before its rewrite: 63 + its keys.
		if (stale >= 60) stats.rewrites++;
	}
}

// ---- Running a trace against the model ---------------------------------------------------------------------

function expectedProfileItems(remembered: Snapshot | undefined, current: Snapshot) {
	if (remembered && current.madeAt < remembered.madeAt) return { outOfOrder: true, changes: {}, derived: [] as string[] };
	if (!remembered) return { outOfOrder: false, changes: null, derived: [] as string[] };
	const changes: IDataObject = {};
	const fields = [
		['tierOrder', remembered.tier, current.tier],
		['activatedPoints', remembered.points, current.points],
		['pendingPoints', remembered.pending, current.pending],
		['totalPoints', remembered.points + remembered.pending, current.points + current.pending],
	] as const;
	for (const [field, before, after] of fields) if (before !== after) changes[field] = { previous: before, current: after, delta: after - before };
	if (remembered.tier !== current.tier) changes.tierName = { previous: `T${remembered.tier}`, current: `T${current.tier}` };
	const derived: string[] = [];
	if (remembered.tier !== current.tier) derived.push(`tier ${current.tier > remembered.tier ? 'up' : 'down'} ${remembered.tier}->${current.tier}`);
	if (remembered.points !== current.points || remembered.pending !== current.pending) {
		derived.push(`points ${remembered.points}->${current.points}`);
	}
	return { outOfOrder: false, changes, derived };
}

function derivedOf(items: IDataObject[]): string[] {
	return items.slice(1).map((item) =>
		item.event === 'gameball.tier.changed'
			? `tier ${String(item.direction)} ${String(item.previousTierOrder)}->${String(item.tierOrder)}`
			: `points ${String(item.previousActivatedPoints)}->${String(item.activatedPoints)}`,
	);
}

const json = (value: unknown) => JSON.stringify(value);

/** How often each promise was put to the test (so that a run that checks nothing fails). */
const STATS = ['mustDrop', 'mustRun', 'outOfOrder', 'compared', 'derived', 'forgotten', 'flushes', 'staleCopies', 'restarts', 'manyStaleLines', 'rewrites', 'flushesByWrites', 'unsavedAtRestart'] as const;
type Stats = Record<(typeof STATS)[number], number>;
const noStats = (): Stats => Object.fromEntries(STATS.map((name) => [name, 0])) as Stats;

/** Runs `ops`; the first broken promise, as a message, or `undefined`. */
function run(config: Config, ops: Op[], stats = noStats()): string | undefined {
	const settings = v4Settings({ verifySignature: false, ...config });
	let saved = '{}';
	let savedState = emptyState();
	let live = emptyState();
	let log = new RecentWrites();
	let now = T0;
	const inFlight = new Map<number, Copy>();
	/** The log's flush cadence (recentWrites.ts): when it last flushed, and the writes logged since. */
	let lastFlushAt = -Infinity;
	let writesSinceFlush = 0;

	const handle = (copy: Copy): string | undefined => {
		const { body, raw } = copy;
		const outcome = handleV4Delivery({ method: 'POST', bytes: Buffer.from(raw), headers: {}, query: {} }, settings, copy.store, now, log);
		copy.outcome = outcome;
		copy.handled = true;
		if (outcome.kind === 'reject' || (outcome.kind === 'ignore' && outcome.reason !== 'duplicate')) return `unexpected ${json(outcome)}`;
		const firstSeen = live.deliveries.get(raw);
		const seconds = Math.floor(now / 1000);
		const withinWindow = firstSeen !== undefined && seconds - firstSeen < WINDOW_SECONDS;
		const mustDrop = withinWindow && isAmongLast(live.deliveries, raw, config.deduplicationMemorySize);
		if (mustDrop) stats.mustDrop++;
		if (!withinWindow && firstSeen !== undefined) stats.mustRun++;
		if (copy.state !== savedState) stats.staleCopies++;
		if (outcome.kind === 'ignore') {
			if (!withinWindow) return 'a delivery not accepted within 2 hours was dropped as a duplicate';
		} else {
			if (mustDrop) {
				return 'a retry of a delivery among the last `limit` accepted within 2 hours ran again';
			}
			if (outcome.storeChanged !== copy.marked.changed) return `storeChanged ${outcome.storeChanged}, static data changed ${copy.marked.changed}`;
			writeLast(live.deliveries, raw, seconds);
			writesSinceFlush++;
			const problem = body.profile ? checkProfile(body, body.profile, outcome.items as unknown as IDataObject[]) : undefined;
			if (problem) return problem;
		}
		const wrote = outcome.kind === 'emit';
		const due = now - lastFlushAt >= FLUSH_MS || writesSinceFlush >= FLUSH_WRITES;
		if (copy.marked.changed && !due) return `a flush ${now - lastFlushAt} ms and ${writesSinceFlush} writes after the last one`;
		if (wrote && due && !copy.marked.changed) return 'a delivery that wrote when a flush was due did not flush';
		if (copy.marked.changed) {
			stats.flushes++;
			if (now - lastFlushAt < FLUSH_MS) stats.flushesByWrites++;
			copy.state = cloneState(live);
			lastFlushAt = now;
			writesSinceFlush = 0;
		}
		checkBounds(copy.store, config, stats);
		return undefined;
	};

	const checkProfile = (body: Body, profile: NonNullable<Body['profile']>, items: IDataObject[]): string | undefined => {
		const current = { ...profile, madeAt: body.madeAt };
		const remembered = live.customers.get(body.customer);
		const mustRemember = remembered !== undefined && isAmongLast(live.customers, body.customer, config.customerMemorySize);
		// A customer past the last `limit` written may be forgotten: then it is a first sighting.
		const forgotten = !mustRemember && items[0]?.changes === null;
		const expected = expectedProfileItems(forgotten ? undefined : remembered, current);
		const got = { outOfOrder: items[0]?.outOfOrder, changes: items[0]?.changes, derived: derivedOf(items) };
		if (json(got) !== json(expected)) {
			return `customer ${body.customer}: expected ${json(expected)} (remembered ${json(remembered)}), got ${json(got)}`;
		}
		if (!expected.outOfOrder) {
			writeLast(live.customers, body.customer, current);
			writesSinceFlush++;
		}
		if (expected.outOfOrder) stats.outOfOrder++;
		else if (expected.changes !== null) stats.compared++;
		if (forgotten && remembered) stats.forgotten++;
		stats.derived += expected.derived.length;
		return undefined;
	};

	for (const [index, op] of ops.entries()) {
		let problem: string | undefined;
		try {
			if (op.t === 'tick') now += op.ms;
			else if (op.t === 'restart') {
				stats.restarts++;
				for (const key of live.deliveries.keys()) if (!savedState.deliveries.has(key)) stats.unsavedAtRestart++;
				inFlight.clear();
				log = new RecentWrites();
				lastFlushAt = -Infinity;
				writesSinceFlush = 0;
				live = cloneState(savedState);
			} else if (op.t === 'load') {
				inFlight.set(op.id, { ...loadCopy(saved), state: savedState, body: op.body, raw: rawOf(op.body), handled: false });
			} else {
				const copy = inFlight.get(op.id);
				if (!copy) continue;
				if (op.t === 'handle') {
					if (!copy.handled) problem = handle(copy);
				} else if (copy.handled) {
					inFlight.delete(op.id);
					// n8n 2.x: recording a run n8n answered resets the change mark; a long execution saves its copy anyway.
					const answeredByN8n = copy.outcome?.kind === 'emit' && !copy.outcome.storeChanged;
					const saves = op.force || (copy.marked.changed && !answeredByN8n);
					if (saves) {
						saved = JSON.stringify(copy.store);
						savedState = copy.state;
						checkBounds(JSON.parse(saved) as IDataObject, config, stats);
					}
				}
			}
		} catch (error) {
			problem = (error as Error).message;
		}
		if (problem) return `op ${index}: ${problem}`;
	}
	return undefined;
}

// ---- Generating and shrinking traces ---------------------------------------------------------------------------

interface Shape {
	maxInFlight: number;
	restartChance: number;
	forceSaveChance: number;
	/** How often the clock moves (between deliveries). */
	tickChance: number;
}

function generate(seed: number, shape: Shape, count: number): { config: Config; ops: Op[] } {
	const random = prng(seed);
	const config = { deduplicationMemorySize: random.int(3, 20), customerMemorySize: random.int(3, 20) };
	const customers = Array.from({ length: random.int(2, 12) }, (_, i) => `c${i}`);
	const ops: Op[] = [];
	const bodies: Body[] = [];
	const inFlight: Array<{ id: number; handled: boolean }> = [];
	const lastMadeAt = new Map<string, number>();
	let now = T0;
	let nextId = 0;
	while (ops.length < count) {
		const roll = random.next();
		if (roll < shape.restartChance) {
			ops.push({ t: 'restart' });
			inFlight.length = 0;
		} else if (roll < shape.tickChance) {
			const r = random.next();
			const ms = r < 0.6 ? random.int(0, 1500) : r < 0.85 ? random.int(FLUSH_MS - 500, FLUSH_MS + 500) : r < 0.97 ? random.int(60_000, 180_000) : random.int(3_000_000, 8_000_000);
			now += ms;
			ops.push({ t: 'tick', ms });
		} else if (inFlight.length === 0 || (inFlight.length < shape.maxInFlight && roll < 0.55)) {
			let body: Body;
			if (bodies.length > 0 && random.chance(0.35)) {
				const back = Math.floor(random.next() ** 2 * bodies.length);
				body = bodies[bodies.length - 1 - back];
			} else {
				const customer = customers[random.int(0, customers.length - 1)];
				const previous = lastMadeAt.get(customer);
				const r = random.next();
				const madeAt = previous !== undefined && r < 0.1 ? previous : r < 0.25 ? now - random.int(60_000, 5_000_000) : now - random.int(0, 500);
				lastMadeAt.set(customer, Math.max(previous ?? madeAt, madeAt));
				const profile = random.chance(0.85) ? { tier: random.int(1, 4), points: random.int(0, 3) * 50, pending: random.int(0, 1) * 10 } : undefined;
				body = { n: bodies.length, customer, profile, madeAt };
				bodies.push(body);
			}
			const id = nextId++;
			inFlight.push({ id, handled: false });
			ops.push({ t: 'load', id, body });
		} else {
			const index = random.int(0, inFlight.length - 1);
			const copy = inFlight[index];
			if (!copy.handled) {
				copy.handled = true;
				ops.push({ t: 'handle', id: copy.id });
			} else {
				inFlight.splice(index, 1);
				ops.push({ t: 'save', id: copy.id, force: random.chance(shape.forceSaveChance) });
			}
		}
	}
	return { config, ops };
}

/** The failing trace with ops left out one by one (and the tail cut) while it still fails. */
function shrink(config: Config, ops: Op[]): Op[] {
	const failure = run(config, ops);
	const opIndex = Number(/^op (\d+)/.exec(failure ?? '')?.[1] ?? ops.length - 1);
	let trace = ops.slice(0, opIndex + 1);
	let replays = 0;
	for (let progress = true; progress && replays < 3000; ) {
		progress = false;
		for (let i = trace.length - 1; i >= 0 && replays < 3000; i--) {
			const candidate = [...trace.slice(0, i), ...trace.slice(i + 1)];
			replays++;
			if (run(config, candidate) !== undefined) {
				trace = candidate;
				progress = true;
			}
		}
	}
	return trace;
}

function describeOp(op: Op): string {
	if (op.t === 'load') {
		const { n, customer, profile, madeAt } = op.body;
		const what = profile ? `profile tier ${profile.tier} points ${profile.points}+${profile.pending}` : 'notification';
		return `load #${op.id}: body ${n}, ${customer} ${what} made at T0${madeAt - T0 >= 0 ? '+' : ''}${madeAt - T0} ms`;
	}
	if (op.t === 'handle') return `handle #${op.id}`;
	if (op.t === 'save') return `save #${op.id}${op.force ? ' (forced: a long execution)' : ''}`;
	if (op.t === 'tick') return `tick ${op.ms} ms`;
	return 'restart';
}

/** Runs the seeds; how often each promise was tested. */
function checkSeeds(shape: Shape, seeds: number, opsPerSeed: number, firstSeed: number): Stats {
	const stats = noStats();
	for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
		const { config, ops } = generate(seed, shape, opsPerSeed);
		const failure = run(config, ops, stats);
		if (failure === undefined) continue;
		const trace = shrink(config, ops);
		throw new Error(
			[`seed ${seed} (${json(shape)}), ${json(config)}: ${failure}`, `shrunk trace (${run(config, trace)}):`, ...trace.map(describeOp)].join('\n  '),
		);
	}
	return stats;
}

describe('the trigger memory against a reference model (seeded random traces)', () => {
	/** Fails when a promise was never put to the test. */
	const tested = (stats: Stats, ...names: Array<keyof Stats>) => {
		const required: Array<keyof Stats> = ['mustDrop', 'mustRun', 'outOfOrder', 'compared', 'derived', 'forgotten', 'flushes', 'manyStaleLines', ...names];
		// MODEL_STATS=1 prints them.
		if (process.env.MODEL_STATS) console.log(JSON.stringify(stats));
		expect(required.filter((name) => stats[name] === 0)).toEqual([]);
	};

	it('one delivery at a time', () => tested(checkSeeds({ maxInFlight: 1, restartChance: 0, forceSaveChance: 0, tickChance: 0.3 }, 100, 400, 1)));

	it('overlapping deliveries, saved in any order', () =>
		tested(checkSeeds({ maxInFlight: 4, restartChance: 0, forceSaveChance: 0, tickChance: 0.3 }, 150, 500, 1001), 'staleCopies'));

	it('overlapping deliveries and long executions saving old copies', () =>
		tested(checkSeeds({ maxInFlight: 4, restartChance: 0, forceSaveChance: 0.1, tickChance: 0.3 }, 150, 500, 2001), 'staleCopies'));

	it('with restarts', () => tested(checkSeeds({ maxInFlight: 4, restartChance: 0.01, forceSaveChance: 0, tickChance: 0.3 }, 150, 500, 3001), 'staleCopies', 'restarts', 'unsavedAtRestart'));

	it('with restarts and long executions saving old copies', () =>
		tested(checkSeeds({ maxInFlight: 4, restartChance: 0.01, forceSaveChance: 0.1, tickChance: 0.3 }, 150, 500, 4001), 'staleCopies', 'restarts', 'unsavedAtRestart'));

	// Long enough for a customer generation to pile up the stale lines that trigger its rewrite.
	it('bursts of deliveries (flushes every 200 writes)', () =>
		tested(checkSeeds({ maxInFlight: 4, restartChance: 0.002, forceSaveChance: 0.02, tickChance: 0.01 }, 20, 3000, 6001), 'flushesByWrites'));

	it('long traces', () => tested(checkSeeds({ maxInFlight: 3, restartChance: 0.002, forceSaveChance: 0.02, tickChance: 0.3 }, 15, 4000, 5001), 'rewrites'));
});
