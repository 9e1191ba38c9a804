// R4 over many fault mixes: each seed draws its own rates of 5xx, resets, malformed answers, 429 bursts, busy (2001)
// answers and "applied, then failed", then runs every money-moving operation one by one, and those with a batch job
// kind in batch jobs of a drawn size.
// Whatever the mix: one result per item, nothing applied twice, a success is applied, and a failure that was applied
// says that it may have been (a plain error would invite sending it again). A failing case names its seed.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FaultOptions, Simulator } from '../../simulator';
import { seededRandom } from '../../simulator/faults';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';
import { BATCHED, isSuccess, ledgerEntriesOf, MONEY_MOVING } from './outcomes';

// R4_SWEEP_SEEDS=<n> runs seeds 1..n instead (on demand: about 40 s per seed).
const SEEDS = process.env.R4_SWEEP_SEEDS ? Array.from({ length: Number(process.env.R4_SWEEP_SEEDS) }, (_, i) => i + 1) : [11, 23, 37, 41, 59, 67, 73, 89];
const ONE_BY_ONE_ITEMS = 6;
const BATCH_ITEMS = 16;

let sim: Simulator;
let credentials: GameballCredentials;
/** Every fault the sweep's runs met, by kind. */
const faultsSeen = new Map<string, number>();
/** Per operation and mode: items, per-item errors, and errors whose change was applied. */
const tallies: Record<string, { items: number; failed: number; failedButApplied: number }> = {};

beforeAll(async () => ({ sim, credentials } = await simulatorFor({})));
afterEach(() => sim.setFaults(undefined));
afterAll(async () => {
	await sim.stop();
	// For bench/RESULTS.md.
	const all = Object.values(tallies).reduce((sum, one) => ({ items: sum.items + one.items, failed: sum.failed + one.failed, failedButApplied: sum.failedButApplied + one.failedButApplied }));
	console.log(`R4 sweep, ${SEEDS.length} seeds: ${JSON.stringify(all)}; by run ${JSON.stringify(tallies)}; faults ${JSON.stringify(Object.fromEntries(faultsSeen))}`);
});

/** The fault mix of one seed: every kind of fault, each at its own drawn rate. */
function faultsOf(seed: number): FaultOptions {
	const random = seededRandom(seed * 2654435761);
	// Never zero: every kind of fault is in every mix.
	const rate = (max: number) => Math.round((0.1 + 0.9 * random()) * max * 100) / 100;
	return {
		errorRate5xx: rate(0.3),
		resetRate: rate(0.2),
		malformedRate: rate(0.2),
		concurrentRequestRate: rate(0.15),
		// Every mix has a 429 within the first six requests (the dice restart with each run).
		burst429: { every: 3 + Math.floor(random() * 3), length: 1 + Math.floor(random() * 2) },
		applyBeforeFault: true,
		applyBeforeFaultRate: 0.1 + rate(0.9),
		latencyMs: 2,
		latencyJitterMs: 30,
		seed,
	};
}

/** A seed for the fault dice of one run: the same for the same seed, operation and mode. */
function diceOf(seed: number, operation: string, label: string): number {
	let dice = seed;
	for (const char of `${operation}/${label}`) dice = (Math.imul(dice, 31) + char.charCodeAt(0)) >>> 0;
	return dice;
}

/** An error that tells the user the change may have gone through, or to check the job before sending it again. */
function warnsItMayBeApplied(item: INodeExecutionData): boolean {
	const text = `${String(item.json.error)} ${String(item.json.description ?? '')}`;
	return /may (or may not )?have (failed or )?been applied|batch > get status/i.test(text);
}

type SweepItem = { customer: string; key: string; coupon?: string };

/** The ledger entries one item's change made: its key as transaction, order or refund ID. */
const entriesByKey = ({ customer, key }: SweepItem) => ledgerEntriesOf(sim, customer, key).length;
const rewardsOf = (campaignId: number) => ({ customer }: SweepItem) =>
	sim.ledger().filter((entry) => entry.customerId === customer && entry.achievedRewardCampaignId === campaignId).length;
const funding = { resource: 'transaction', operation: 'manualAdjustment', customerId: '={{ $json.customer }}', transactionId: '=fund-{{ $json.key }}', username: 'sweep', reason: 'funding', additionalFields: { points: 1000 } };

interface SweptOperation {
	/** Set-up without faults, after the customers are created. */
	prepare?: (input: SweepItem[]) => Promise<void>;
	/** How many times the item's change reached Gameball's books: the simulator's ledger, holds or coupons. */
	applied: (item: SweepItem) => number;
}

async function setUp(parameters: INodeParameters, input: SweepItem[]) {
	expect((await runGameball(credentials, { ...parameters, batching: { mode: 'never' } }, input)).error).toBeUndefined();
}

/** How each money-moving operation (MONEY_MOVING) is prepared, and proven applied. */
const OPERATIONS: Record<string, SweptOperation> = {
	cashback: { applied: entriesByKey },
	redeem: { prepare: async (input) => await setUp(funding, input), applied: entriesByKey },
	refund: {
		prepare: async (input) => await setUp({ resource: 'transaction', operation: 'cashback', customerId: '={{ $json.customer }}', transactionId: '=paid-{{ $json.key }}', amount: 100 }, input),
		applied: entriesByKey,
	},
	// The batch form has no transaction ID: the reason names the item ("<key> (by <user>)" in the ledger).
	manualAdjustment: { applied: ({ customer, key }) => sim.ledger().filter((entry) => entry.customerId === customer && String(entry.reason).startsWith(`${key} (by `)).length },
	orderTrack: { applied: entriesByKey },
	paymentTrack: { applied: entriesByKey },
	hold: {
		prepare: async (input) => await setUp(funding, input),
		applied: ({ customer }) => [...sim.state.holds.values()].filter((hold) => hold.customerId === customer).length,
	},
	burn: {
		prepare: async (input) => {
			await setUp(funding, input); // a coupon costs points
			for (const item of input) {
				const { outputs, error } = await runGameball(credentials, { resource: 'coupon', operation: 'createPredefined', customerId: item.customer, ruleId: 1 });
				expect(error).toBeUndefined();
				item.coupon = String(outputs[0][0].json.code);
			}
		},
		applied: ({ coupon }) => sim.state.coupons.get(String(coupon))?.usedCount ?? 0,
	},
	eventSend: { applied: rewardsOf(101) },
	socialChallenge: { applied: rewardsOf(104) },
};

async function underFaults(seed: number, operation: string, label: string, count: number, extra: INodeParameters) {
	const input: SweepItem[] = Array.from({ length: count }, (_, i) => ({ customer: `sweep-${seed}-${operation}-${label}-${i}`, key: `sweep-${seed}-${operation}-${label}-key-${i}` }));
	const created = await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.customer }}', batching: { mode: 'never' } }, input);
	expect(created.error).toBeUndefined();
	const swept = OPERATIONS[operation];
	await swept.prepare?.(input);
	// The seed's mix, with dice of the run's own: each operation and mode meets its own sequence of faults.
	sim.setFaults({ ...faultsOf(seed), seed: diceOf(seed, operation, label) });
	const requestsBefore = sim.requests.length;
	const { outputs, error } = await runGameball(credentials, { ...MONEY_MOVING[operation], ...extra }, input, true);
	sim.setFaults(undefined);
	let faults = 0;
	for (const { fault } of sim.requests.slice(requestsBefore)) {
		if (!fault) continue;
		faults++;
		faultsSeen.set(fault, (faultsSeen.get(fault) ?? 0) + 1);
	}
	return { input, output: outputs[0] ?? [], error, faults, applied: input.map(swept.applied) };
}

/** The invariants, as one list of problems, so that a failure shows every one of them with its seed. */
function problemsOf(seed: number, run: string, { input, output, error, applied: appliedCounts }: Awaited<ReturnType<typeof underFaults>>): string[] {
	const problems: string[] = [];
	const tally = (tallies[run] ??= { items: 0, failed: 0, failedButApplied: 0 });
	tally.items += input.length;
	tally.failed += output.filter((item) => !isSuccess(item)).length;
	if (error) problems.push(`the node stopped: ${error.message}`);
	const paired = output.map((item) => (item.pairedItem as { item: number }).item);
	if (JSON.stringify(paired) !== JSON.stringify(input.map((_, i) => i))) problems.push(`results paired ${JSON.stringify(paired)}`);
	input.forEach((_, i) => {
		const applied = appliedCounts[i];
		const item = output[i];
		if (applied > 1) problems.push(`item ${i} applied ${applied} times`);
		if (!item) return;
		if (isSuccess(item)) {
			if (applied !== 1) problems.push(`item ${i} succeeded but was applied ${applied} times`);
		} else if (applied > 0) {
			tally.failedButApplied++;
			if (!warnsItMayBeApplied(item)) problems.push(`item ${i} was applied but its error does not say it may have been: ${JSON.stringify(item.json)}`);
		}
	});
	return problems.map((problem) => `seed ${seed} (${JSON.stringify(faultsOf(seed))}): ${problem}`);
}

describe.each(Object.keys(OPERATIONS))('R4 sweep: %s under a different fault mix per seed', (operation) => {
	it.each(SEEDS)('seed %i, one by one', async (seed) => {
		const run = await underFaults(seed, operation, 'single', ONE_BY_ONE_ITEMS, BATCHED.includes(operation) ? { batching: { mode: 'never' } } : {});
		expect(problemsOf(seed, `${operation} one by one`, run)).toEqual([]);
		expect(run.faults).toBeGreaterThan(0);
	}, 60_000);

	if (!BATCHED.includes(operation)) return;
	it.each(SEEDS)('seed %i, in batch jobs', async (seed) => {
		const size = 3 + Math.floor(seededRandom(seed * 7)() * 6);
		const run = await underFaults(seed, operation, 'batch', BATCH_ITEMS, { batching: { mode: 'always', size, pollSeconds: 0.1, timeoutSeconds: 20 } });
		expect(problemsOf(seed, `${operation} in batches`, run)).toEqual([]);
		expect(run.faults).toBeGreaterThan(0);
	}, 60_000);
});

describe('the sweep as a whole', () => {
	it('met every kind of fault, applied-then-failed included', () => {
		expect([...faultsSeen.keys()].map((kind) => kind.replace(/ after applying$/, '')).sort()).toEqual(
			expect.arrayContaining(['burst429', 'concurrent', 'error5xx', 'malformed', 'reset']),
		);
		expect([...faultsSeen.keys()].some((kind) => kind.endsWith('after applying'))).toBe(true);
		// And some item failed after its change was applied: the check that it says so ran.
		expect(Object.values(tallies).reduce((sum, { failedButApplied }) => sum + failedButApplied, 0)).toBeGreaterThan(0);
	});
});

describe('the sweep checks what it claims', () => {
	it('finds an applied failure that does not warn', () => {
		const quiet = { json: { error: 'Gameball service unavailable' }, pairedItem: { item: 0 } };
		expect(warnsItMayBeApplied(quiet)).toBe(false);
		expect(warnsItMayBeApplied({ json: { error: 'x', description: 'The change may or may not have been applied: check' } })).toBe(true);
	});

	it('draws different mixes for different seeds', () => {
		expect(new Set(SEEDS.map((seed) => JSON.stringify({ ...faultsOf(seed), seed: 0 }))).size).toBe(SEEDS.length);
	});
});
