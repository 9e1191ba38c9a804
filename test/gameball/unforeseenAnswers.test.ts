// Answers the OpenAPI document allows but the simulator does not give: each item still ends as a success or an error
// that says what Gameball said, and no key reaches an output.
import type { IDataObject } from 'n8n-workflow';

import { describeBatch } from '../../nodes/Gameball/actions/batch/batchJob';
import { resultFor } from '../../nodes/Gameball/actions/batchResults';
import { parseBatchStatus } from '../../nodes/Gameball/transport/batch';
import { redactSecrets } from '../../nodes/Gameball/transport/errors';
import { runGameball } from '../harness/gameball';
import { withStandIn, type StandInRequest } from '../harness/standIn';

const ITEMS = [{ id: 'a' }, { id: 'b' }];
const CASHBACK = {
	resource: 'transaction',
	operation: 'cashback',
	customerId: '={{ $json.id }}',
	transactionId: '=t-{{ $json.id }}',
	amount: 10,
	batching: { mode: 'always', pollSeconds: 0.1 },
};
const EVENTS = { resource: 'event', operation: 'send', customerId: '={{ $json.id }}', eventName: 'review_posted', batching: { mode: 'always', pollSeconds: 0.1 } };

/** A stand-in that creates job 77 and answers its status with `status`. */
function batchJob(status: IDataObject) {
	return ({ method, url }: StandInRequest) => {
		if (method === 'POST' && url.pathname.includes('/batch/')) return { body: { jobId: 77 } };
		if (url.pathname.endsWith('/batches/77/status')) return { body: { batchId: '77', status: 'completed', totalItems: 2, ...status } };
		return { status: 404, body: { code: 4004, message: `no route ${url.pathname}` } };
	};
}

const jsonOf = (outputs: Array<Array<{ json: IDataObject }>> | undefined) => (outputs?.[0] ?? []).map((item) => item.json);

describe('batch statuses whose entries are not objects', () => {
	it('keeps bare result values as sent (Batch > Get Status shows them) and reads bare failure text as the message', () => {
		const status = parseBatchStatus('77', { status: 'completed', totalItems: 2, results: [true, 'c-2'] });
		expect((describeBatch(status).successes as IDataObject[]).map((entry) => entry.result)).toEqual([true, 'c-2']);
		expect(resultFor(status, 0)).toEqual({ ok: { value: true } });
		const failed = parseBatchStatus('77', { status: 'completed', totalItems: 2, errors: ["Customer 'a' not found", 42] });
		expect([...failed.failures]).toEqual([
			[0, { code: undefined, message: "Customer 'a' not found" }],
			// A bare number could be a code or a position: it says only that the entry failed.
			[1, { code: undefined, message: 'failed in the batch job' }],
		]);
	});

	it.each([
		['bare values', { results: [true, true], errors: [] }],
		['text', { results: ['ok', 'ok'], errors: [] }],
	])('gives each item of a write job answered with %s its result, Continue On Fail on or off', async (_shape, status) => {
		await withStandIn(batchJob(status), async (stand) => {
			for (const continueOnFail of [false, true]) {
				const run = await runGameball(stand.credentials, EVENTS as never, ITEMS, continueOnFail);
				expect(run.error).toBeUndefined();
				expect(jsonOf(run.outputs)).toEqual([
					expect.objectContaining({ success: true, batchJobId: '77', batchIndex: 0 }),
					expect.objectContaining({ success: true, batchJobId: '77', batchIndex: 1 }),
				]);
			}
		});
	});
});

describe('batch result entries that say the item did not succeed', () => {
	it.each([
		['`false`', [true, false]],
		['`0`', [true, 0]],
		['`null`', [true, null]],
	])('leave an item whose result is %s unknown, not a success', async (_value, results) => {
		await withStandIn(batchJob({ results }), async (stand) => {
			const [applied, unknown] = jsonOf((await runGameball(stand.credentials, EVENTS as never, ITEMS, true)).outputs);
			expect(applied).toMatchObject({ success: true, batchIndex: 0 });
			expect(unknown).toMatchObject({ success: false, batchIndex: 1, mayHaveBeenApplied: true });
		});
	});

	it('fail an item whose result entry says `success: false`, as a single call does', async () => {
		await withStandIn(batchJob({ failedItems: 0, errors: [], results: [{ index: 0, success: false, message: 'customer blocked' }, { index: 1, success: true }] }), async (stand) => {
			const [blocked, applied] = jsonOf((await runGameball(stand.credentials, EVENTS as never, ITEMS, true)).outputs);
			expect(blocked).toMatchObject({ success: false, batchIndex: 0, error: 'Gameball answered "success": false: customer blocked' });
			expect(applied).toMatchObject({ success: true, batchIndex: 1 });
		});
	});

	it('keep the code and message of a result entry that says `success: false` with an error body', async () => {
		await withStandIn(batchJob({ results: [{ index: 0, success: false, error: { code: 7000, message: "Customer 'a' not found" } }, { index: 1 }] }), async (stand) => {
			const [failed] = jsonOf((await runGameball(stand.credentials, EVENTS as never, ITEMS, true)).outputs);
			expect(failed).toMatchObject({ success: false, error: `Gameball answered "success": false: 7000: Customer 'a' not found` });
		});
	});

	it('leave every item unknown when an entry placed nowhere says `success: false`', async () => {
		await withStandIn(batchJob({ errors: [], results: [{ customerId: 'b', success: false, message: 'customer blocked' }] }), async (stand) => {
			const outputs = jsonOf((await runGameball(stand.credentials, EVENTS as never, ITEMS, true)).outputs);
			expect(outputs).toEqual([
				expect.objectContaining({ success: false, mayHaveBeenApplied: true }),
				expect.objectContaining({ success: false, mayHaveBeenApplied: true }),
			]);
		});
	});
});

describe('batch calls answered `success: false`', () => {
	it('fails a job creation as not applied', async () => {
		await withStandIn(() => ({ body: { success: false, message: 'batch disabled' } }), async (stand) => {
			const outputs = jsonOf((await runGameball(stand.credentials, EVENTS as never, ITEMS, true)).outputs);
			expect(outputs).toEqual([
				expect.objectContaining({ success: false, error: 'Gameball answered "success": false: batch disabled' }),
				expect.objectContaining({ success: false, error: 'Gameball answered "success": false: batch disabled' }),
			]);
			expect(outputs[0].mayHaveBeenApplied).toBeUndefined();
		});
	});

	it('reads a status answered with `success: false` beside a status as that status', async () => {
		await withStandIn(() => ({ body: { success: false, batchId: '77', status: 'completed', totalItems: 2, failedItems: 0, errors: [], results: [] } }), async (stand) => {
			const run = await runGameball(stand.credentials, { resource: 'batch', operation: 'getStatus', batchId: '77' } as never);
			expect(jsonOf(run.outputs)).toEqual([expect.objectContaining({ jobId: '77', state: 'completed' })]);
		});
	});

	it('keeps a Device Token a refused job creation echoes out of the error', async () => {
		const token = 'device-token-0123456789';
		await withStandIn(() => ({ body: { success: false, message: `invalid deviceToken ${token}` } }), async (stand) => {
			const parameters = { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', additionalFields: { deviceToken: token }, batching: { mode: 'always', pollSeconds: 0.1 } };
			const run = await runGameball(stand.credentials, parameters as never, ITEMS, true);
			const text = JSON.stringify(jsonOf(run.outputs));
			expect(text).toContain('invalid deviceToken [redacted]');
			expect(text).not.toContain(token);
		});
	});

	it('ends Wait Until Finished at once on a status read so answered, rather than polling to the limit', async () => {
		await withStandIn(() => ({ body: { success: false, message: 'unknown job' } }), async (stand) => {
			const started = Date.now();
			const run = await runGameball(stand.credentials, { resource: 'batch', operation: 'waitUntilFinished', batchId: '77', options: { timeoutSeconds: 30, pollSeconds: 0.1 } } as never);
			expect(run.error?.message).toBe('Gameball answered "success": false: unknown job');
			expect(Date.now() - started).toBeLessThan(10_000);
		});
	});
});

describe('batch failure entries', () => {
	it.each([
		['an error body under `error`', [{ index: 0, error: { code: 7000, message: "Customer 'a' not found" } }]],
		['a `code` beside an `error` text', [{ index: 0, code: 7000, error: "Customer 'a' not found" }]],
	])("keep Gameball's code and message from %s", async (_shape, errors) => {
		await withStandIn(batchJob({ failedItems: 1, results: [{ index: 1, customerId: 'b' }], errors }), async (stand) => {
			const run = await runGameball(stand.credentials, CASHBACK as never, ITEMS, true);
			const [failed, applied] = jsonOf(run.outputs);
			expect(failed).toMatchObject({ success: false, batchIndex: 0, error: '7000: customer not found' });
			expect(String(failed.description)).toContain("Customer 'a' not found");
			expect(applied).toMatchObject({ success: true, batchIndex: 1 });
		});
	});

	it('keep a failure listed as bare text as its message', async () => {
		await withStandIn(batchJob({ failedItems: 2, results: [], errors: ["Customer 'a' not found", 'Duplicate transaction'] }), async (stand) => {
			const run = await runGameball(stand.credentials, CASHBACK as never, ITEMS, true);
			expect(jsonOf(run.outputs).map((json) => json.error)).toEqual(["Customer 'a' not found", 'Duplicate transaction']);
		});
	});
});

describe('an answer no reading foresaw', () => {
	it('fails the items of a write job saying they may have been applied, rather than passing them on', async () => {
		// An `index` getter that throws stands for any answer the result reading trips on.
		await withStandIn(batchJob({ results: [{ index: 0 }, { index: 1 }] }), async (stand) => {
			const readResults = jest.spyOn(await import('../../nodes/Gameball/actions/batchResults'), 'withoutEntryIndex').mockImplementation(() => {
				throw new TypeError('unforeseen answer');
			});
			try {
				const onError = await runGameball(stand.credentials, EVENTS as never, ITEMS, true);
				expect(jsonOf(onError.outputs)).toEqual([
					expect.objectContaining({ success: false, batchJobId: '77', batchIndex: 0, mayHaveBeenApplied: true }),
					expect.objectContaining({ success: false, batchJobId: '77', batchIndex: 1, mayHaveBeenApplied: true }),
				]);
				const stopped = await runGameball(stand.credentials, EVENTS as never, ITEMS, false);
				expect(stopped.error?.description).toContain('Gameball already has the batch job 77 (items 0-1)');
			} finally {
				readResults.mockRestore();
			}
		});
	});
});

describe('a success code with `success: false`', () => {
	it.each([
		['Burn', { resource: 'coupon', operation: 'burn', customerId: 'c1', additionalFields: { coupons: 'X1' } }, {}],
		['Release Hold', { resource: 'transaction', operation: 'releaseHold', holdReferenceId: 'h1' }, { message: 'hold not found' }],
	])('fails a %s item with what Gameball said', async (_name, parameters, extra) => {
		await withStandIn(() => ({ body: { success: false, ...extra } }), async (stand) => {
			const stopped = await runGameball(stand.credentials, parameters as never);
			expect(stopped.error?.message).toBe(`Gameball answered "success": false${'message' in extra ? ': hold not found' : ''}`);
			const onError = await runGameball(stand.credentials, parameters as never, [{}], true);
			expect(jsonOf(onError.outputs)).toEqual([expect.objectContaining({ error: stopped.error?.message })]);
		});
	});

	it('passes `success: true` on', async () => {
		await withStandIn(() => ({ body: { success: true, burnedAt: '2026-12-07T10:00:00Z' } }), async (stand) => {
			const run = await runGameball(stand.credentials, { resource: 'coupon', operation: 'burn', customerId: 'c1', additionalFields: { coupons: 'X1' } } as never);
			expect(jsonOf(run.outputs)).toEqual([expect.objectContaining({ success: true })]);
		});
	});
});

describe('Create or Update', () => {
	it('fails the item, sending no tags, when the save answers `success: false`', async () => {
		await withStandIn(() => ({ body: { success: false, message: 'customer blocked' } }), async (stand) => {
			const run = await runGameball(stand.credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'c1', additionalFields: { tags: 'vip' } } as never);
			expect(run.error?.message).toBe('Gameball answered "success": false: customer blocked');
			expect(stand.calls()).toBe(1);
		});
	});

	it('keeps the Device Token sent out of the error when the refused save echoes it', async () => {
		const token = 'device-token-0123456789';
		await withStandIn(() => ({ body: { success: false, code: 'SUMMER20', message: `invalid deviceToken ${token}` } }), async (stand) => {
			const run = await runGameball(stand.credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'c1', additionalFields: { deviceToken: token } } as never);
			// A `code` that is no Gameball error code (four digits) is not shown as one.
			expect(run.error?.message).toBe('Gameball answered "success": false: invalid deviceToken [redacted]');
		});
	});
});

describe('Create or Update with Tags', () => {
	it('fails the item when the tag call answers `success: false`, saying the customer was saved', async () => {
		await withStandIn(({ url }) => ({ body: url.pathname.endsWith('/tags') ? { success: false, message: 'tag limit reached' } : { customerId: 'c1' } }), async (stand) => {
			const run = await runGameball(stand.credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'c1', additionalFields: { tags: 'vip' } } as never);
			expect(run.error?.message).toBe('Gameball answered "success": false: tag limit reached');
			expect(run.error?.description).toContain('The customer was saved; only its tags were not added.');
		});
	});
});

describe('a success answer that echoes the request (a debugging proxy, an echo mock)', () => {
	it('keeps neither key in the output', async () => {
		await withStandIn(({ headers }) => ({ body: { echoedHeaders: headers } }), async (stand) => {
			const { apiKey, secretKey } = stand.credentials.gameballApi;
			const run = await runGameball(stand.credentials, { resource: 'customer', operation: 'get', customerId: 'c1', simplify: false } as never);
			const text = JSON.stringify(jsonOf(run.outputs));
			expect(text).toContain('"apikey":"[redacted]"');
			expect(text).not.toContain(apiKey);
			expect(text).not.toContain(secretKey);
		});
	});

	it('keeps no part of a key that holds the other, nor of one nested too deep to walk', async () => {
		let deep: IDataObject = { message: 'keys: __SECRET__' };
		for (let level = 0; level < 70; level++) deep = { nested: deep };
		await withStandIn(({ headers }) => ({ status: 400, body: { message: `bad SecretKey ${String(headers.secretkey)}`, debug: JSON.parse(JSON.stringify(deep).replace('__SECRET__', String(headers.secretkey))) } }), async (stand) => {
			// The API key is the start of the Secret Key: redacted first, it would leave the Secret Key's tail shown.
			const credentials = { gameballApi: { ...stand.credentials.gameballApi, apiKey: 'gbKEY12345', secretKey: 'gbKEY12345-private-tail' } };
			const run = await runGameball(credentials, { resource: 'customer', operation: 'get', customerId: 'c1' } as never, [{}], true);
			expect(jsonOf(run.outputs)[0].error).toBe('Gameball answered 400: bad SecretKey [redacted]');
			// Stopped, the error n8n saves keeps Gameball's answer (the part nested too deep replaced, not dropped).
			const stopped = await runGameball(credentials, { resource: 'customer', operation: 'get', customerId: 'c1' } as never);
			expect(JSON.stringify((stopped.error as { errorResponse?: unknown } | undefined)?.errorResponse)).toContain('"nested":');
			for (const text of [JSON.stringify(run.outputs), JSON.stringify({ ...stopped.error, message: stopped.error?.message })]) {
				expect(text).not.toContain('private-tail');
				expect(text).not.toContain('gbKEY12345');
			}
		});
	});

	it('replaces a part nested too deep to walk that holds a key JSON writes escaped (a quote, a backslash)', () => {
		let deep: IDataObject = { message: 'token tok"en\\12345 echoed' };
		for (let level = 0; level < 70; level++) deep = { nested: deep };
		const cleaned = JSON.stringify(redactSecrets({ debug: deep }, ['tok"en\\12345']));
		expect(cleaned).toContain('[redacted: nested too deep to clean]');
		expect(cleaned).not.toContain('12345');
	});

	it('leaves a key too short to be Gameball\'s (a test key) where it is part of the data', async () => {
		await withStandIn(() => ({ body: { customerId: 'demo-customer-1' } }), async (stand) => {
			const credentials = { gameballApi: { ...stand.credentials.gameballApi, apiKey: 'demo' } };
			const run = await runGameball(credentials, { resource: 'customer', operation: 'get', customerId: 'demo-customer-1', simplify: false } as never);
			expect(jsonOf(run.outputs)).toEqual([{ customerId: 'demo-customer-1' }]);
		});
	});
});

describe('points and amounts below zero', () => {
	it.each([
		['Redeem', { resource: 'transaction', operation: 'redeem', customerId: 'c1', transactionId: 't1', additionalFields: { points: -5 } }, 'Points'],
		['Redeem', { resource: 'transaction', operation: 'redeem', customerId: 'c1', transactionId: 't1', additionalFields: { amount: -5 } }, 'Amount'],
		['Hold Points', { resource: 'transaction', operation: 'hold', customerId: 'c1', additionalFields: { pointsToHold: -5 } }, 'Points to Hold'],
		['Hold Points', { resource: 'transaction', operation: 'hold', customerId: 'c1', additionalFields: { amountToHold: -5 } }, 'Amount to Hold'],
		['Send OTP', { resource: 'transaction', operation: 'sendOtp', customerId: 'c1', additionalFields: { amount: -5 } }, 'Amount'],
		['Send OTP', { resource: 'transaction', operation: 'sendOtp', customerId: 'c1', additionalFields: { points: -5 } }, 'Points'],
	])('are refused by %s before anything is sent, as its batch form refuses them', async (_name, parameters, field) => {
		await withStandIn(() => ({ body: { success: true } }), async (stand) => {
			const run = await runGameball(stand.credentials, parameters as never);
			expect(run.error?.message).toBe(`"${field}" must be at least 0 (got -5)`);
			expect(stand.calls()).toBe(0);
		});
	});
});

describe('Create Job stopped at a later item', () => {
	it.each([[{ jobId: 77, error: null }], [{ jobId: 77, success: false, error: 'x' }]])('names the job an earlier item created, answered %j', async (first) => {
		await withStandIn(({ n }) => (n === 1 ? { body: first } : { status: 400, body: { code: 3000, message: 'bad' } }), async (stand) => {
			const parameters = { resource: 'batch', operation: 'createJob', kind: 'customers', entries: '={{ $json.entries }}' };
			const run = await runGameball(stand.credentials, parameters as never, [{ entries: [{ customerId: 'a' }] }, { entries: [{ customerId: 'b' }] }]);
			expect(run.error?.description).toContain('Gameball already has the batch job 77 (item 0)');
		});
	});
});
