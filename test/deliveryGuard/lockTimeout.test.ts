import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
} from 'n8n-workflow';

import { deduplicator, resetDeduplication } from '../harness/deduplication';
import { drop } from './helpers';

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
 * `attempt` says; history checks (`workflow` scope) go to the stand-in table.
 */
function lockAttempts(attempt: () => Promise<{ new: DeduplicationItemTypes[]; processed: DeduplicationItemTypes[] }>) {
	const original = deduplicator.checkProcessedAndRecord.bind(deduplicator);
	return jest
		.spyOn(deduplicator, 'checkProcessedAndRecord')
		.mockImplementation(
			async (items: DeduplicationItemTypes[], scope: DeduplicationScope, context: ICheckProcessedContextData, options: ICheckProcessedOptions) => {
				if (scope !== 'node') return await original(items, scope, context, options);
				clock += 2.5 * SECOND;
				return await attempt();
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

	it("names the database's last error when no attempt could reach it", async () => {
		lockAttempts(async () => {
			throw new Error('connection terminated');
		});
		const result = await drop([delivery('a')], { options: { lockTimeoutSeconds: 10 } });
		expect(result.error?.message).toBe("Could not take the delivery guard's lock within 20 s: connection terminated");
	});
});
