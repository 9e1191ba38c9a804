// What a batch run says when some of its items failed, and how long it waits for its jobs in all.
import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

describe('a batch run where some items failed, Continue On Fail off', () => {
	let sim: Simulator;
	let credentials: GameballCredentials;

	beforeAll(async () => {
		({ sim, credentials } = await simulatorFor());
	});
	afterAll(async () => await sim.stop());

	it('says how many items were applied, that they must not be sent again, and names the jobs', async () => {
		const ids = Array.from({ length: 60 }, (_, i) => `partial-${i}`);
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { pollSeconds: 0.1 } }, ids.slice(1).map((id) => ({ id })));
		// Cashback does not create customers (events do, as Gameball's live events endpoint does): partial-0 fails.
		const params = { resource: 'transaction', operation: 'cashback', customerId: '={{ $json.id }}', transactionId: '=T-{{ $json.id }}', amount: 5, batching: { pollSeconds: 0.1, size: 40 } };
		const { error } = await runGameball(credentials, params, ids.map((id) => ({ id })));
		const jobs = [...sim.state.batches.values()].filter((job) => job.kind === 'cashback').map((job) => job.jobId);
		expect(jobs).toHaveLength(2);
		expect(error?.message).toBe("1 of 60 items failed in Gameball's batch API; the other 59 were applied and must not be sent again");
		expect(error?.description).toContain("First failure: 7000: customer not found (Customer 'partial-0' was not found)");
		expect(error?.description).toContain(`Batch jobs ${jobs[0]} (items 0-39), ${jobs[1]} (items 40-59)`);
		expect(error?.description).toContain('Turn on "Continue On Fail" to get one result per item');
		expect(error?.context?.itemIndex).toBe(0);
	});
});

describe('the batch time limit', () => {
	it('is one limit for all the jobs of a run, not one per job', async () => {
		// The simulator works through a job 50 items at a time: here each job's 51st item waits 5 s for its turn.
		const { sim, credentials } = await simulatorFor({ batchItemDelayMs: 100 });
		try {
			const items = Array.from({ length: 153 }, (_, i) => ({ id: `slow-${i}` }));
			const started = Date.now();
			const { outputs } = await runGameball(
				credentials,
				{ resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching: { mode: 'always', size: 51, timeoutSeconds: 1, pollSeconds: 0.2 } },
				items,
				true,
			);
			const elapsed = Date.now() - started;
			const unfinished = outputs[0].filter((item) => String(item.json.error).includes('had not finished when the time limit passed'));
			expect(unfinished.map((item) => (item.pairedItem as { item: number }).item)).toEqual([50, 101, 152]);
			// Three jobs, each waited for a second in turn, would take three seconds.
			expect(elapsed).toBeLessThan(2000);
		} finally {
			await sim.stop();
		}
	});
});
