// Writes that move no money, applied by Gameball before their answer was lost (a 5xx or a reset after applying): the
// node sends them again, and its item must say what happened, not what the retry alone saw.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
});
afterEach(() => sim.setFaults(undefined));
afterAll(async () => await sim.stop());

async function ok(parameters: INodeParameters): Promise<IDataObject> {
	const { outputs, error } = await runGameball(credentials, parameters);
	expect(error).toBeUndefined();
	return outputs[0][0].json;
}

type Fault = 'error5xx' | 'reset';

/** Runs the node, Continue On Fail on, with its first attempt applied and then answered `fault`; later ones are not. */
async function appliedThenLost(fault: Fault, parameters: INodeParameters) {
	sim.setFaults({ [fault === 'reset' ? 'resetRate' : 'errorRate5xx']: 1, applyBeforeFault: true, applyBeforeFaultRate: 1 });
	const before = sim.requests.length;
	const watch = setInterval(() => {
		if (sim.requests.slice(before).some((request) => request.fault !== undefined)) {
			sim.setFaults(undefined);
			clearInterval(watch);
		}
	}, 5);
	try {
		const { outputs, error } = await runGameball(credentials, parameters, [{}], true);
		expect(error).toBeUndefined();
		expect(sim.requests[before].fault).toBe(`${fault} after applying`);
		expect(sim.requests.length - before).toBeGreaterThan(1);
		return outputs[0][0].json;
	} finally {
		clearInterval(watch);
	}
}

async function customerWithPoints(customerId: string) {
	await ok({ resource: 'customer', operation: 'createOrUpdate', customerId });
	await ok({ resource: 'order', operation: 'track', customerId, orderId: `seed-${customerId}`, totalPaid: 500 });
}

describe.each<Fault>(['error5xx', 'reset'])('a write applied, then answered %s', (fault) => {
	it('Delete Customer: the retry finds no such customer, and the item says it is deleted', async () => {
		const customerId = `gone-${fault}`;
		await ok({ resource: 'customer', operation: 'createOrUpdate', customerId });
		const item = await appliedThenLost(fault, { resource: 'customer', operation: 'delete', customerId });
		expect(item).toEqual({
			alreadyApplied: true,
			gameballCode: 7000,
			message: 'Deleted: the retry found no such customer after an earlier attempt lost its answer (unless the customer never existed)',
		});
		expect(sim.state.customers.has(customerId)).toBe(false);
	});

	it('Release Lock: the retry finds no such lock (404), and the item says it is released', async () => {
		const customerId = `locker-${fault}`;
		await customerWithPoints(customerId);
		const { code } = await ok({ resource: 'coupon', operation: 'createPredefined', customerId, ruleId: 1 });
		const { lockReference } = await ok({ resource: 'coupon', operation: 'validate', code: String(code), customerId, additionalFields: { lock: true } });
		const item = await appliedThenLost(fault, { resource: 'coupon', operation: 'releaseLock', lockReference: String(lockReference) });
		expect(item).toMatchObject({ alreadyApplied: true, gameballCode: 9022 });
		expect(item.message).toMatch(/^Released: the retry found no such lock/);
		expect(sim.state.couponLocks.has(String(lockReference))).toBe(false);
	});

	it('Activate: the retry finds nothing pending, and the item does not report 0 points activated', async () => {
		const customerId = `pending-${fault}`;
		await ok({ resource: 'customer', operation: 'createOrUpdate', customerId });
		await ok({ resource: 'transaction', operation: 'cashback', customerId, transactionId: `earn-${fault}`, amount: 50, additionalFields: { returnWindow: 14 } });
		const pendingBefore = (await ok({ resource: 'customer', operation: 'getBalance', customerId })).pendingPoints;
		expect(pendingBefore).toBeGreaterThan(0);
		const item = await appliedThenLost(fault, { resource: 'transaction', operation: 'activate', transactionId: `earn-${fault}` });
		expect(item).toEqual({
			alreadyApplied: true,
			message: 'Activated, most likely: the retry found nothing pending after an earlier attempt lost its answer (check the balance for how many points)',
		});
		expect((await ok({ resource: 'customer', operation: 'getBalance', customerId })).pendingPoints).toBe(0);
	});

	it('Release Hold: the retry is refused, and the failed item says the release may have been applied', async () => {
		const customerId = `holder-${fault}`;
		await customerWithPoints(customerId);
		const held = await ok({ resource: 'transaction', operation: 'hold', customerId, additionalFields: { pointsToHold: 5 } });
		const holdReferenceId = String(held.holdReference ?? held.holdReferenceId);
		const item = await appliedThenLost(fault, { resource: 'transaction', operation: 'releaseHold', holdReferenceId });
		expect(item.error).toMatch(/\(the change may have been applied\)$/);
		expect(item.mayHaveBeenApplied).toBe(true);
	});
});

describe('the same writes without a lost answer', () => {
	it('a Delete of an unknown customer still fails with 7000', async () => {
		const { error } = await runGameball(credentials, { resource: 'customer', operation: 'delete', customerId: 'never-there' });
		expect(error?.message).toMatch(/^7000: /);
		expect(error?.message).not.toContain('may have been applied');
	});

	it('an Activate with nothing pending still reports what Gameball answered', async () => {
		const customerId = 'nothing-pending';
		await ok({ resource: 'customer', operation: 'createOrUpdate', customerId });
		await ok({ resource: 'transaction', operation: 'cashback', customerId, transactionId: 'earn-now', amount: 50, additionalFields: { returnWindow: 14 } });
		await ok({ resource: 'transaction', operation: 'activate', transactionId: 'earn-now' });
		const again = await ok({ resource: 'transaction', operation: 'activate', transactionId: 'earn-now' });
		expect(again).toMatchObject({ pointsActivated: 0 });
		expect(again.alreadyApplied).toBeUndefined();
	});

	it('a write whose every attempt is applied and answered 5xx ends failed and marked as maybe applied', async () => {
		await ok({ resource: 'customer', operation: 'createOrUpdate', customerId: 'always-5xx' });
		sim.setFaults({ errorRate5xx: 1, applyBeforeFault: true, applyBeforeFaultRate: 1 });
		const before = sim.requests.length;
		const { outputs } = await runGameball(credentials, { resource: 'customer', operation: 'delete', customerId: 'always-5xx' }, [{}], true);
		sim.setFaults(undefined);
		expect(sim.requests[before].fault).toBe('error5xx after applying');
		expect(sim.state.customers.has('always-5xx')).toBe(false);
		expect(outputs[0][0].json).toMatchObject({ mayHaveBeenApplied: true });
		expect(outputs[0][0].json.error).toMatch(/\(the change may have been applied\)$/);
	}, 60_000);
});
