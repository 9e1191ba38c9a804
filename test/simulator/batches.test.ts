import { startSimulator } from '../../simulator';
import { clientFor, nowIso, useSimulator, waitFor } from './client';

describe('batches', () => {
	const { sim, call } = useSimulator();

	async function finished(jobId: number) {
		let status: any;
		await waitFor(async () => {
			status = (await call('GET', `/batches/${jobId}/status`)).json;
			return status.status === 'completed' || status.status === 'failed';
		});
		return status;
	}

	it('creates customers in the background and reports results with item indexes (OpenAPI shape)', async () => {
		const body = Array.from({ length: 120 }, (_, index) => ({ customerId: `b-${index}`, email: `b${index}@example.com` }));
		body[7] = { email: 'no-id@example.com' } as never;
		const created = await call('POST', '/batch/customers', { body });
		expect(created.status).toBe(200);
		expect(created.json).toEqual({ jobId: expect.any(Number) });
		const status = await finished(created.json.jobId);
		expect(status).toMatchObject({ batchId: String(created.json.jobId), status: 'completed', progress: 100, totalItems: 120, processedItems: 120, failedItems: 1 });
		expect(status.errors).toEqual([{ index: 7, code: 3001, message: expect.stringContaining('customerId') }]);
		expect(status.results).toHaveLength(119);
		expect(status.results[0]).toMatchObject({ index: 0, customerId: 'b-0', created: true });
		expect(status.results.find((result: { index: number }) => result.index === 8)).toMatchObject({ customerId: 'b-8' });
		expect(sim().state.customers.has('b-119')).toBe(true);
	});

	it('applies each item with the single endpoint rules: per-item 9008 and 9004', async () => {
		await call('POST', '/customers', { customerId: 'bal-1' });
		await call('POST', '/transactions/manual', { customerId: 'bal-1', transactionId: 'seed', username: 'test', reason: 'seed', points: 100 });
		const redeem = await call('POST', '/batch/redeem', {
			body: [
				{ customerId: 'bal-1', transactionId: 'r-1', transactionTime: nowIso(), points: 60 },
				{ customerId: 'bal-1', transactionId: 'r-2', transactionTime: nowIso(), points: 60 },
				{ customerId: 'bal-1', transactionId: 'r-1', transactionTime: nowIso(), points: 10 },
				{ customerId: 'nobody', transactionId: 'r-3', transactionTime: nowIso(), points: 1 },
			],
		});
		const status = await finished(redeem.json.jobId);
		expect(status.results.map((result: { index: number }) => result.index)).toEqual([0]);
		expect(status.errors.map((error: { index: number; code: number }) => [error.index, error.code])).toEqual([
			[1, 9008],
			[2, 9004],
			[3, 7000],
		]);
		const inquiry = await call('POST', '/batch/balance-inquiry', { body: [{ customerId: 'bal-1' }] });
		const balances = await finished(inquiry.json.jobId);
		expect(balances.results[0]).toMatchObject({ index: 0, customerId: 'bal-1', availablePointsBalance: 40 });
	});

	it('serves every batch kind', async () => {
		await call('POST', '/customers', { customerId: 'k-1' });
		const kinds: Array<[string, unknown[]]> = [
			['orders', [{ customerId: 'k-1', orderId: 'KO-1', orderDate: nowIso(), totalPaid: 10 }]],
			['orders/transactions', ['KO-1']],
			['balance-adjustment', [{ customerId: 'k-1', amount: 5, reason: 'gift' }]],
			['cashback', [{ customerId: 'k-1', transactionId: 'KC-1', transactionTime: nowIso(), amount: 3 }]],
			['events', [{ customerId: 'k-1', events: { write_review: {} } }]],
		];
		for (const [kind, body] of kinds) {
			const created = await call('POST', `/batch/${kind}`, { body });
			expect(created.status).toBe(200);
			const status = await finished(created.json.jobId);
			expect({ kind, errors: status.errors }).toEqual({ kind, errors: [] });
		}
		expect((await call('GET', '/customers/k-1/balance')).json.availablePointsBalance).toBe(10 + 5 + 3 + 25);
	});

	it('rejects more than 1000 items and a missing body', async () => {
		const tooMany = await call('POST', '/batch/events', { body: Array.from({ length: 1001 }, () => ({ customerId: 'x', events: { a: {} } })) });
		expect(tooMany.status).toBe(400);
		expect(tooMany.json.message).toMatch(/1000/);
		expect((await call('POST', '/batch/events', {})).status).toBe(400);
		expect((await call('GET', '/batches/999999/status')).status).toBe(404);
	});

	it('answers the tutorial paths in the tutorial shape', async () => {
		const created = await call('POST', '/batch/customers', { body: [{ customerId: 't-a' }, { customerId: 't-b' }] });
		await finished(created.json.jobId);
		const tutorial = await call('GET', `/api/v4/integrations/batch/${created.json.jobId}`);
		expect(tutorial.status).toBe(200);
		expect(tutorial.json).toMatchObject({
			operation: 'customers',
			status: 'completed',
			totalCount: 2,
			finishedCount: 2,
			errorCount: 0,
			createdAt: expect.any(String),
			startedAt: expect.any(String),
			response: { successful: [expect.objectContaining({ index: 0 }), expect.objectContaining({ index: 1 })], failed: [] },
		});
	});
});

describe('batch status shape and stop', () => {
	const { sim, call } = useSimulator({ rateLimits: false, batchStatusShape: 'tutorial', batchItemDelayMs: 5 });

	it('answers GET status in the tutorial shape when asked to', async () => {
		const created = await call('POST', '/batch/customers', { body: [{ customerId: 's-1' }] });
		await waitFor(async () => (await call('GET', `/batches/${created.json.jobId}/status`)).json.status === 'completed');
		const status = (await call('GET', `/batches/${created.json.jobId}/status`)).json;
		expect(status).toMatchObject({ operation: 'customers', status: 'completed', totalCount: 1, finishedCount: 1, errorCount: 0, response: { successful: [{ index: 0, customerId: 's-1' }], failed: [] } });
	});

	it('stops a running job with POST .../stop: the rest is not applied', async () => {
		const body = Array.from({ length: 1000 }, (_, index) => ({ customerId: `stop-${index}` }));
		const created = await call('POST', '/batch/customers', { body });
		await waitFor(() => (sim().state.batches.get(created.json.jobId)?.processed ?? 0) > 0);
		const stopped = await call('POST', `/batches/${created.json.jobId}/stop`);
		expect(stopped.status).toBe(200);
		expect(stopped.json).toMatchObject({ batchId: String(created.json.jobId) });
		await waitFor(() => sim().state.batches.get(created.json.jobId)?.status === 'stopped');
		const job = sim().state.batches.get(created.json.jobId)!;
		expect(job.processed).toBeLessThan(1000);
		expect([...sim().state.customers.keys()].filter((id) => id.startsWith('stop-'))).toHaveLength(job.processed);
		const status = (await call('GET', `/batches/${created.json.jobId}/status`)).json;
		expect(status.status).toBe('stopped');
	});

	it('a stop that comes after every item was applied leaves the job completed', async () => {
		const slow = await startSimulator({ rateLimits: false, batchItemDelayMs: 20 });
		try {
			const created = await clientFor(slow)('POST', '/batch/customers', { body: Array.from({ length: 10 }, (_, index) => ({ customerId: `late-${index}` })) });
			const jobId = created.json.jobId as number;
			await waitFor(() => slow.state.batches.get(jobId)?.processed === 10, 2000, 1);
			// Asked while the job still ran (its last wait), not after it ended.
			expect((await clientFor(slow)('POST', `/batches/${jobId}/stop`)).json.message).toBe('Batch stop requested');
			await slow.idle();
			expect((await clientFor(slow)('GET', `/batches/${jobId}/status`)).json).toMatchObject({ status: 'completed', processedItems: 10, failedItems: 0 });
		} finally {
			await slow.stop();
		}
	});

	it('stops with DELETE on the tutorial path', async () => {
		const created = await call('POST', '/batch/customers', { body: Array.from({ length: 500 }, (_, index) => ({ customerId: `del-${index}` })) });
		const answer = await call('DELETE', `/api/v4/integrations/batch/${created.json.jobId}`);
		expect(answer.status).toBe(200);
		await waitFor(() => sim().state.batches.get(created.json.jobId)?.status === 'stopped');
		expect((await call('GET', `/api/v4/integrations/batch/${created.json.jobId}`)).json.status).toBe('stopped');
	});
});
