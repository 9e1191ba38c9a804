// A list whose answer says "more" but gives nothing to read on from: the run says so instead of passing it as whole.
import { Gameball } from '../../nodes/Gameball/Gameball.node';
import { runGameball, simulatorFor } from '../harness/gameball';

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
