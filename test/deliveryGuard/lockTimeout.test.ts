import { createHash } from 'node:crypto';

import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
} from 'n8n-workflow';

import { deduplicator, resetDeduplication } from '../harness/deduplication';
import { acquireLock, STOPPED_MESSAGE } from '../../nodes/GameballDeliveryGuard/lock';
import { runNode } from '../harness/run';
import { drop, GUARD, keptJson } from './helpers';

const delivery = (id: string) => ({ event: 'customer.profile.updated', deliveryId: id });
const SECOND = 1000;

let clock = 0;
beforeEach(() => {
	resetDeduplication();
	clock = Date.UTC(2026, 0, 1);
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
});
afterEach(() => jest.restoreAllMocks());

/**
 * Every attempt at the lock (a check-and-record in `node` scope) takes 2.5 s of the injected clock and fails as
 * `attempt` says (`tableAnswer` gives the stand-in table's own answer); history checks (`workflow` scope) go to the
 * stand-in table.
 */
type LockAnswer = Promise<{ new: DeduplicationItemTypes[]; processed: DeduplicationItemTypes[] }>;
function lockAttempts(attempt: (tableAnswer: () => LockAnswer) => LockAnswer) {
	const original = deduplicator.checkProcessedAndRecord.bind(deduplicator);
	return jest
		.spyOn(deduplicator, 'checkProcessedAndRecord')
		.mockImplementation(
			async (items: DeduplicationItemTypes[], scope: DeduplicationScope, context: ICheckProcessedContextData, options: ICheckProcessedOptions) => {
				if (scope !== 'node') return await original(items, scope, context, options);
				clock += 2.5 * SECOND;
				return await attempt(async () => await original(items, scope, context, options));
			},
		);
}

describe('Drop Duplicate Deliveries: lock timeout', () => {
	it('breaks the lock once at the Lock Timeout and fails the run at twice it, recording nothing', async () => {
		// Another execution takes the lock again each time, even right after it was broken.
		const attempts = lockAttempts(async () => ({ new: [], processed: ['lock'] }));
		const breaks: number[] = [];
		const started = clock;
		jest.spyOn(deduplicator, 'clearAllProcessedItems').mockImplementation(async () => {
			breaks.push(clock - started);
		});

		const result = await drop([delivery('a')], { options: { lockTimeoutSeconds: 10 } });

		expect(result.error?.message).toBe("Could not take the delivery guard's lock within 20 s");
		expect(result.outputs).toEqual([]);
		expect(breaks).toEqual([10 * SECOND]);
		expect(attempts).toHaveBeenCalledTimes(8);
		expect(deduplicator.rows.has('test-workflow\u0000')).toBe(false);
	});

	it.each([1, 0])('breaks a lock left behind by a crashed execution at the 10 s minimum, however low Lock Timeout is set (%p)', async (lockTimeoutSeconds) => {
		// A crashed holder: the lock row (n8n stores the MD5 of each entry) exists and nobody will delete it.
		const lockEntry = createHash('md5').update('gameball-delivery-guard-lock').digest('base64');
		deduplicator.rows.set('test-workflow\u0000n:node-under-test', { mode: 'entries', data: [lockEntry] });
		lockAttempts(async (tableAnswer) => await tableAnswer());
		const deletes: number[] = [];
		const started = clock;
		const clear = deduplicator.clearAllProcessedItems.bind(deduplicator);
		jest.spyOn(deduplicator, 'clearAllProcessedItems').mockImplementation(async (...args) => {
			deletes.push(clock - started);
			return await clear(...args);
		});

		const result = await drop([delivery('a')], { options: { lockTimeoutSeconds } });

		expect(result.error).toBeUndefined();
		expect(keptJson(result.outputs).map((item) => item.deliveryId)).toEqual(['a']);
		// 1 s (or 0) is raised to the 10 s minimum: a queue of live executions must not look like a crash. The lock row is
		// deleted twice: broken at 10 s, then released after this execution's own check (its next attempt, at 12.5 s).
		expect(deletes).toEqual([10 * SECOND, 12.5 * SECOND]);
		expect(deduplicator.rows.has('test-workflow\u0000n:node-under-test')).toBe(false);
	});

	it('stops waiting when the execution is stopped, and records nothing nor breaks the lock', async () => {
		const lockEntry = createHash('md5').update('gameball-delivery-guard-lock').digest('base64');
		deduplicator.rows.set('test-workflow\u0000n:node-under-test', { mode: 'entries', data: [lockEntry] });
		// Each attempt takes 0.5 s of the injected clock: without the stop, the lock is broken after 20 attempts.
		const original = deduplicator.checkProcessedAndRecord.bind(deduplicator);
		const attempts = jest.spyOn(deduplicator, 'checkProcessedAndRecord').mockImplementation(async (items, scope, context, options) => {
			if (scope === 'node') clock += 0.5 * SECOND;
			return await original(items, scope, context, options);
		});

		const result = await runNode({ type: GUARD, parameters: { operation: 'dropDuplicates', options: { lockTimeoutSeconds: 10 } }, stopAfterMs: 50 }, [delivery('stopped')]);

		expect(result.error?.message).toBe(STOPPED_MESSAGE);
		expect(result.outputs).toEqual([]);
		expect(attempts.mock.calls.every(([, scope]) => scope === 'node')).toBe(true);
		expect(attempts.mock.calls.length).toBeLessThan(20);
		expect(deduplicator.rows.has('test-workflow\u0000')).toBe(false);
		expect(deduplicator.rows.get('test-workflow\u0000n:node-under-test')?.data).toEqual([lockEntry]);
	});

	it('breaks no lock when the stop comes while an attempt runs past the Lock Timeout', async () => {
		let now = 0;
		let stopped = false;
		const breaks: number[] = [];
		const helpers = {
			checkProcessedAndRecord: async () => {
				now += 6 * SECOND; // a slow database: the second attempt ends past the 10 s timeout
				stopped = now >= 12 * SECOND;
				return { new: [], processed: ['lock'] };
			},
			clearAllProcessedItems: async () => void breaks.push(now),
		} as unknown as Parameters<typeof acquireLock>[0];
		await expect(acquireLock(helpers, { timeoutMs: 10 * SECOND, now: () => now, stopped: () => stopped })).rejects.toThrow(STOPPED_MESSAGE);
		expect(breaks).toEqual([]);
	});

	it("names the database's last error when no attempt could reach it", async () => {
		lockAttempts(async () => {
			throw new Error('connection terminated');
		});
		const result = await drop([delivery('a')], { options: { lockTimeoutSeconds: 10 } });
		expect(result.error?.message).toBe("Could not take the delivery guard's lock within 20 s");
		expect(result.error?.description).toBe("The database's last error: connection terminated");
	});

	it('waits twice the Lock Timeout and names the error when the database refuses the break too (it is down)', async () => {
		lockAttempts(async () => {
			throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
		});
		jest.spyOn(deduplicator, 'clearAllProcessedItems').mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
		const result = await drop([delivery('a')], { options: { lockTimeoutSeconds: 10 } });
		expect(result.error?.message).toBe("Could not take the delivery guard's lock within 20 s");
		expect(result.error?.description).toBe("The database's last error: connect ECONNREFUSED 127.0.0.1:5432");

		const kept = await drop([delivery('b')], { options: { lockTimeoutSeconds: 10 } }, true);
		expect(kept.outputs[0].map((item) => [item.json, item.pairedItem])).toEqual([
			[{ error: "Could not take the delivery guard's lock within 20 s", description: "The database's last error: connect ECONNREFUSED 127.0.0.1:5432" }, { item: 0 }],
		]);
	});
});
