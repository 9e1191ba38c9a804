// A list whose answer says "more" but gives nothing to read on from: the run says so instead of passing it as whole.
import type { INodeExecutionData } from 'n8n-workflow';

import { Gameball } from '../../nodes/Gameball/Gameball.node';
import { runGameball, simulatorFor } from '../harness/gameball';
import { withStandIn, type StandInRequest } from '../harness/standIn';

it('Get Referrals (Return All) warns with an execution hint when Gameball has more than one page', async () => {
	const { sim, credentials } = await simulatorFor();
	try {
		const friends = Array.from({ length: 201 }, (_, i) => ({ id: `friend-${i}` }));
		const created = await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}' }, [{ id: 'referrer' }, ...friends]);
		expect(created.error).toBeUndefined();
		for (const customer of sim.state.customers.values()) if (customer.customerId.startsWith('friend-')) customer.referredBy = 'referrer';

		const { outputs, error, run } = await runGameball(credentials, { resource: 'customer', operation: 'getReferrals', customerId: 'referrer', returnAll: true });
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(200);
		const hints = (run.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);
		expect(hints).toEqual([expect.stringContaining('Gameball has more records than the 200 returned')]);
	} finally {
		await sim.stop();
	}
});

it('the editor says so beside Return All, for the lists whose answer names no record to read on from only', () => {
	const notices = new Gameball().description.properties.filter((property) => property.name === 'oneLotNotice');
	expect(notices.map((notice) => notice.displayOptions?.show)).toEqual([{ resource: ['customer'], operation: ['getReferrals'] }]);
	expect(notices[0].displayName).toContain('at most 200 records');
});

it.each([
	['0', '"Limit" must be at least 1 (got 0)'],
	['-1', '"Limit" must be at least 1 (got -1)'],
	['2.5', '"Limit" must be a whole number (got 2.5)'],
])('a Limit of %s from an expression (or an AI agent) is refused by name, not read as "none found"', async (limit, message) => {
	const { sim, credentials } = await simulatorFor();
	try {
		await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'listed' });
		const sent = sim.requests.length;
		const { error } = await runGameball(credentials, { resource: 'customer', operation: 'getNotifications', customerId: 'listed', limit: `={{ ${limit} }}` });
		expect(error?.message).toBe(message);
		expect(sim.requests.length).toBe(sent);
	} finally {
		await sim.stop();
	}
});

describe('answers that page wrongly', () => {
	/** A stand-in answer that answers every list call with `answer(url, n)`, n counting from 1; past 40 calls, an empty last page. */
	const listAnswer =
		(answer: (url: URL, n: number) => unknown) =>
		({ url, n }: StandInRequest) => ({ body: n > 40 ? { transactions: [], notifications: [], hasMore: false } : answer(url, n) });
	const transactions = (ids: number[]) => ids.map((id) => ({ gameballTransactionId: id, transactionId: `T${id}` }));
	const listAll = { resource: 'transaction', operation: 'list', returnAll: true };
	const hintsOf = (run: Awaited<ReturnType<typeof runGameball>>['run']) => (run.data.resultData.runData['Node under test'][0].hints ?? []).map((hint) => hint.message);
	const ids = (outputs: INodeExecutionData[][]) => outputs[0].map((item) => item.json.gameballTransactionId ?? item.json.id);

	it.each([
		['the same page again (startAfter ignored)', () => ({ transactions: transactions([1, 2, 3]), hasMore: true }), [1, 2, 3], 'a page it had already sent'],
		[
			'a cursor that cycles back',
			(url: URL) => ({ transactions: url.searchParams.get('startAfter') === '10' ? transactions([11, 20]) : url.searchParams.get('startAfter') === '20' ? transactions([5, 10]) : transactions([1, 10]), hasMore: true }),
			[1, 10, 11, 20, 5],
			'a cursor already read',
		],
		['more, then an empty page', (_url: URL, n: number) => ({ transactions: n === 1 ? transactions([1]) : [], hasMore: true }), [1], 'an empty page'],
		[
			'a last ID that is no whole number (startAfter is an integer: Gameball would refuse the next page, and the list)',
			() => ({ transactions: [{ gameballTransactionId: 'tx-a1', transactionId: 'A' }], hasMore: true }),
			['tx-a1'],
			'a last gameballTransactionId that is not a whole number',
		],
	])('Return All stops on %s, with every record once and a warning', async (_case, answer, expected, why) => {
		await withStandIn(listAnswer(answer), async (stand) => {
			const { outputs, error, run } = await runGameball(stand.credentials, listAll);
			expect(error).toBeUndefined();
			expect(ids(outputs)).toEqual(expected);
			expect(stand.calls()).toBeLessThan(5);
			expect(hintsOf(run)).toEqual([expect.stringContaining(`its answer gives ${why}`)]);
		});
	});

	it('Return All stops when each page has a new cursor but the same records (Get Notifications)', async () => {
		await withStandIn(listAnswer((_url, n) => ({ notifications: [{ id: 1 }, { id: 2 }], nextCursor: String(100 + n) })), async (stand) => {
			const { outputs, run } = await runGameball(stand.credentials, { resource: 'customer', operation: 'getNotifications', customerId: 'c1', returnAll: true });
			expect(ids(outputs)).toEqual([1, 2]);
			expect(stand.calls()).toBe(2);
			expect(hintsOf(run)).toEqual([expect.stringContaining('a page it had already sent')]);
		});
	});

	const notificationsOf = (outputs: INodeExecutionData[][]) => outputs[0].map((item) => item.json.title);
	const allNotifications = { resource: 'customer', operation: 'getNotifications', customerId: 'c1', returnAll: true };

	it('Return All stops when each page has a new cursor but the same records without IDs, each once', async () => {
		// Records without the cursor field were each taken as new: the same page was read until the server stopped.
		await withStandIn(listAnswer((_url, n) => ({ notifications: [{ title: 'Same' }, { title: 'Same' }], nextCursor: String(100 + n) })), async (stand) => {
			const { outputs, run } = await runGameball(stand.credentials, allNotifications);
			expect(notificationsOf(outputs)).toEqual(['Same', 'Same']);
			expect(stand.calls()).toBe(2);
			expect(hintsOf(run)).toEqual([expect.stringContaining('a page it had already sent')]);
		});
	});

	it.each([
		['a blank nextCursor ends the list', { nextCursor: '' }, []],
		['a hasMore of "false" (text) ends the list', { hasMore: 'false', nextCursor: '7' }, []],
		[
			'a nextCursor that is no whole number (startAfter is an integer) ends the list with a warning, keeping the records read',
			{ nextCursor: 'eyJpZCI6MX0=' },
			[expect.stringContaining('its answer gives a nextCursor that is not a whole number')],
		],
	])('%s, after one call', async (_case, paging, hints) => {
		await withStandIn(listAnswer(() => ({ notifications: [{ title: 'First' }], ...paging })), async (stand) => {
			const { outputs, error, run } = await runGameball(stand.credentials, allNotifications);
			expect(error).toBeUndefined();
			expect(notificationsOf(outputs)).toEqual(['First']);
			expect(stand.calls()).toBe(1);
			expect(hintsOf(run)).toEqual(hints);
		});
	});

	it.each([
		['blank, beside a nextCursor', { hasMore: '', nextCursor: '7' }, ['a', 'b'], []],
		['of no known form, on a last page', { hasMore: 'no' }, ['a'], []],
	])('a hasMore that is %s is read by the cursor', async (_case, paging, expected, hints) => {
		await withStandIn(listAnswer((_url, n) => ({ notifications: [{ id: n, title: n === 1 ? 'a' : 'b' }], ...(n === 1 ? paging : {}) })), async (stand) => {
			const { outputs, run } = await runGameball(stand.credentials, allNotifications);
			expect(notificationsOf(outputs)).toEqual(expected);
			expect(hintsOf(run)).toEqual(hints);
		});
	});

	it('a page sent again as the last one (hasMore false) ends the list without a hint: nothing is missing', async () => {
		await withStandIn(listAnswer((_url, n) => ({ notifications: [{ id: 1, title: 'a' }], ...(n === 1 ? { nextCursor: '1' } : { hasMore: false }) })), async (stand) => {
			const { outputs, run } = await runGameball(stand.credentials, allNotifications);
			expect(notificationsOf(outputs)).toEqual(['a']);
			expect(stand.calls()).toBe(2);
			expect(hintsOf(run)).toEqual([]);
		});
	});

	it('a last page of records without IDs, some like an earlier page\'s, is no page sent again', async () => {
		await withStandIn(listAnswer((_url, n) => (n === 1 ? { notifications: [{ id: 1, title: 'a' }, { title: 'Welcome' }], nextCursor: '5' } : { notifications: [{ title: 'Welcome' }], hasMore: false })), async (stand) => {
			const { outputs, run } = await runGameball(stand.credentials, allNotifications);
			expect(notificationsOf(outputs)).toEqual(['a', 'Welcome', 'Welcome']);
			expect(hintsOf(run)).toEqual([]);
		});
	});

	it.each([
		['"true" and "false" (text)', 'true', 'false'],
		['"True" and "FALSE"', 'True', 'FALSE'],
		['1 and 0', 1, 0],
	])('a hasMore of %s reads on, then ends the list', async (_case, more, noMore) => {
		await withStandIn(listAnswer((_url, n) => ({ notifications: [{ id: n, title: `Page ${n}` }], hasMore: n < 2 ? more : noMore })), async (stand) => {
			const { outputs, run } = await runGameball(stand.credentials, allNotifications);
			expect(notificationsOf(outputs)).toEqual(['Page 1', 'Page 2']);
			expect(stand.calls()).toBe(2);
			expect(hintsOf(run)).toEqual([]);
		});
	});

	it('a record without an ID is kept when it repeats one of an earlier page beside new records; a nextCursor is read trimmed', async () => {
		await withStandIn(
			listAnswer((url, n) => ({
				notifications: [{ title: 'Welcome' }, { id: n, title: `Page ${n}`, startAfter: url.searchParams.get('startAfter') }],
				...(n < 2 ? { nextCursor: ' 12 ' } : {}),
			})),
			async (stand) => {
				const { outputs, run } = await runGameball(stand.credentials, allNotifications);
				expect(notificationsOf(outputs)).toEqual(['Welcome', 'Page 1', 'Welcome', 'Page 2']);
				expect(outputs[0][3].json.startAfter).toBe('12');
				expect(hintsOf(run)).toEqual([]);
			},
		);
	});

	it('entries that are not objects come out as { value }, null included, paired', async () => {
		await withStandIn(listAnswer(() => ({ transactions: [{ gameballTransactionId: 1 }, null, 7], hasMore: false })), async (stand) => {
			const { outputs, error } = await runGameball(stand.credentials, listAll, [{}], true);
			expect(error).toBeUndefined();
			expect(outputs[0].map((item) => [item.json, item.pairedItem])).toEqual([
				[{ gameballTransactionId: 1 }, { item: 0 }],
				[{ value: null }, { item: 0 }],
				[{ value: 7 }, { item: 0 }],
			]);
		});
	});

	it('a list key that holds no list is an error; a missing one reads as none found, with a hint', async () => {
		await withStandIn(listAnswer(() => ({ transactions: 'abc', hasMore: false })), async (notList) => {
			const { error } = await runGameball(notList.credentials, listAll);
			expect(error?.message).toBe('Gameball\'s answer to GET /transactions has "transactions" that is not a list');
		});
		await withStandIn(listAnswer(() => ({ message: 'ok', hasMore: false })), async (missing) => {
			const { outputs, error, run } = await runGameball(missing.credentials, listAll);
			expect(error).toBeUndefined();
			expect(outputs[0] ?? []).toEqual([]);
			expect(hintsOf(run)).toEqual(['Gameball\'s answer to GET /transactions has no "transactions" list: read as none found']);
		});
	});

	// Read as "none found" (a first page) or as the whole list (a later page) before: a failure passed on as data.
	it.each([
		['the first page', false, 'It was the first page.'],
		['a later page', true, '1 record had been read from earlier pages.'],
	])('a page answered `success: false` fails the item: %s', async (_case, laterPageFails, description) => {
		await withStandIn(
			listAnswer((url) =>
				url.searchParams.has('startAfter') === laterPageFails ? { success: false, code: 4001, message: 'Try again later' } : { transactions: transactions([1]), hasMore: true },
			),
			async (stand) => {
				const { outputs, error } = await runGameball(stand.credentials, listAll, [{}, {}], true);
				expect(error).toBeUndefined();
				const expected = { error: 'Gameball answered "success": false: 4001: Try again later', description: `${description} Reading is safe to repeat: run the node again.` };
				expect(outputs[0].map((item) => [item.json, item.pairedItem])).toEqual([
					[expected, { item: 0 }],
					[expected, { item: 1 }],
				]);
			},
		);
	});
});
