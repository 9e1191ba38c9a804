/**
 * P3, bulk: customer upserts against the simulator with Gameball's documented rate limits on, through the
 * Gameball node run by n8n-core: batch mode (all items) against per-item mode (a sample, extrapolated linearly).
 *   npm run bench:p3            10,000 in batch mode; 1,000 per item, extrapolated x10 (about 90 s)
 *   npm run bench:p3 -- --small 1,000 in batch mode; 100 per item, extrapolated x10 (seconds; CI)
 * Each mode gets its own simulator, so the node's client-side pacer (kept per account) starts empty for each. Batch
 * mode polls at the node's default interval. How fast Gameball runs a job is not documented: the simulator runs each
 * job as soon as it is created (jobs overlap), at --job-item-ms per item (0.2 by default, an assumption).
 */
import '../test/harness/env';

import { runGameball, simulatorFor } from '../test/harness/gameball';
import { readArgs } from './lib/args';
import { finish, goal, machine, round } from './lib/report';

const args = readArgs();
const small = args.flag('small');
const total = args.number('items', small ? 1000 : 10_000);
const sample = args.number('per-item', total / 10);
/** The 15 requests for 10,000 items, scaled to this run (1 for --small's 1,000), so a small run can miss it too. */
const requestGoal = Math.max(1, Math.floor((15 * total) / 10_000));
/** The simulator's job speed, ms per item: an assumption, not Gameball's documented figure (it documents none). */
const jobItemMs = args.number('job-item-ms', 0.2);

async function upsert(mode: 'always' | 'never', count: number, prefix: string, waitForResults = true) {
	const { sim, credentials } = await simulatorFor({ rateLimits: true, batchItemDelayMs: jobItemMs });
	try {
		const items = Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}` }));
		const started = performance.now();
		const { outputs, error } = await runGameball(
			credentials,
			{
				resource: 'customer',
				operation: 'createOrUpdate',
				customerId: '={{ $json.id }}',
				batching: { mode, waitForResults },
			},
			items,
			true,
		);
		const seconds = (performance.now() - started) / 1000;
		const results = outputs[0] ?? [];
		const failed = results.filter((item) => item.json.success === false || item.json.error !== undefined).length;
		if (!waitForResults) await sim.idle(120_000);
		const stats = sim.stats();
		return { count, seconds, requests: stats.total, rateLimited: stats.rateLimited, results: results.length, failed, error, customers: sim.state.customers.size };
	} finally {
		await sim.stop();
	}
}

async function main() {
	console.log(`P3 bulk upserts · ${machine()}`);
	const batch = await upsert('always', total, 'batch');
	console.log(
		`batch mode:    ${batch.count} items, ${batch.requests} requests, ${round(batch.seconds, 2)} s, ${batch.failed} failed, ${batch.rateLimited} answered 429, ${batch.customers} customers stored`,
	);
	const queued = await upsert('always', total, 'queued', false);
	console.log(
		`batch mode, Wait for Results off: ${queued.count} items, ${queued.requests} requests, ${round(queued.seconds, 2)} s until every item had its job ID (no per-item results), ${queued.customers} customers stored once the jobs ended`,
	);
	const perItem = await upsert('never', sample, 'single');
	const factor = total / sample;
	const extrapolated = perItem.seconds * factor;
	console.log(
		`per-item mode: ${perItem.count} items, ${perItem.requests} requests, ${round(perItem.seconds, 2)} s, ${perItem.failed} failed, ${perItem.rateLimited} answered 429`,
	);
	console.log(
		`per-item mode extrapolated linearly to ${total} items: ${round(extrapolated, 1)} s, ${perItem.requests * factor} requests (linear extrapolation favours per-item mode: the sample runs partly inside the first 30-s window's allowance)`,
	);
	const ratio = extrapolated / batch.seconds;
	console.log(`ratio per-item / batch wall time: ${round(ratio, 1)}x`);
	console.log(
		`the simulator ran each job as soon as it was created, at ${jobItemMs} ms per item (an assumption: Gameball documents no job speed); rerun with --job-item-ms N for another`,
	);
	const broken =
		batch.results !== total || perItem.results !== sample || batch.customers !== total || perItem.customers !== sample ||
		queued.results !== total || queued.customers !== total || batch.failed > 0 || perItem.failed > 0 || queued.failed > 0;
	if (broken) console.log('RUN BROKEN: not every item came back as a success, or not every customer was stored');
	finish(
		[
			goal(`batch requests <= ${requestGoal}, results awaited`, batch.requests <= requestGoal, `${batch.requests} requests for ${total} items (at least 2 per job of 1,000: create, then status)`),
			goal(`batch requests <= ${requestGoal}, Wait for Results off`, queued.requests <= requestGoal, `${queued.requests} requests for ${total} items`),
			goal('batch >= 50x faster', ratio >= 50, `${round(ratio, 1)}x`),
			goal('no failed items', batch.failed === 0 && perItem.failed === 0, `${batch.failed} + ${perItem.failed} failed`),
		],
		args.flag('strict'),
		broken,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
