// Writes that move no money, applied by Gameball before their answer was lost (a 5xx or a reset after applying): the
// node sends them again, and its item must say what happened, not what the retry alone saw.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor, withFirstCallAppliedThenLost } from '../harness/gameball';
import { withStandIn, type StandInAnswer, type StandInRequest } from '../harness/standIn';

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
	const before = sim.requests.length;
	const { outputs, error } = await withFirstCallAppliedThenLost(sim, fault, async () => await runGameball(credentials, parameters, [{}], true));
	expect(error).toBeUndefined();
	expect(sim.requests[before].fault).toBe(`${fault} after applying`);
	expect(sim.requests.length - before).toBeGreaterThan(1);
	return outputs[0][0].json;
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
			customerId,
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
		expect(item).toMatchObject({ alreadyApplied: true, gameballCode: 9022, lockReference: String(lockReference) });
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
			transactionId: `earn-${fault}`,
			message: 'Activated, most likely: the retry found nothing pending after an earlier attempt lost its answer (unless nothing was pending; check the balance)',
		});
		expect((await ok({ resource: 'customer', operation: 'getBalance', customerId })).pendingPoints).toBe(0);
	});

	it('Set Activation: the retry answers stateChanged false, and the item says the state was set', async () => {
		const customerId = `toggled-${fault}`;
		await ok({ resource: 'customer', operation: 'createOrUpdate', customerId });
		const activities = () => sim.state.activities.filter((activity) => activity.customerId === customerId).length;
		const before = activities();
		const item = await appliedThenLost(fault, { resource: 'customer', operation: 'setActivation', customerId, isActive: false });
		expect(item).toEqual({
			alreadyApplied: true,
			customerId,
			message: 'Set: the retry found the customer already in this state after an earlier attempt lost its answer (unless it already was)',
		});
		expect(sim.state.customers.get(customerId)?.isActive).toBe(false);
		// Documented as idempotent: the repeat changed nothing, so one activity, not two.
		expect(activities() - before).toBe(1);
	});

	it('Release Hold: the retry is refused, and the failed item says the release may have been applied', async () => {
		const customerId = `holder-${fault}`;
		await customerWithPoints(customerId);
		const held = await ok({ resource: 'transaction', operation: 'hold', customerId, additionalFields: { pointsToHold: 5 } });
		const holdReferenceId = String(held.holdReference ?? held.holdReferenceId);
		const item = await appliedThenLost(fault, { resource: 'transaction', operation: 'releaseHold', holdReferenceId });
		expect(item.error).toMatch(/\(the change may have been applied\)$/);
		expect(item.description).toContain('An earlier attempt of this request may have been applied');
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

/** A stand-in that answers `path`'s first request 500 (its answer lost) and its second `then`; other requests 200. */
function lostThen(path: RegExp, then: StandInAnswer) {
	let seen = 0;
	return ({ url }: StandInRequest): StandInAnswer => {
		if (!path.test(url.pathname)) return { body: { customerId: 'c1' } };
		seen += 1;
		return seen === 1 ? { status: 500, body: { code: 5000, message: 'Internal server error' } } : then;
	};
}

const REFUSED: StandInAnswer = { status: 400, body: { code: 3001, message: 'bad request' } };

describe('writes sent by an operation of their own, refused on the retry after a lost answer', () => {
	it('Create or Update: the save is marked as maybe applied', async () => {
		await withStandIn(lostThen(/\/customers$/, REFUSED), async (stand) => {
			const { outputs } = await runGameball(stand.credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'c1' }, [{}], true);
			expect(outputs[0][0].json).toMatchObject({ mayHaveBeenApplied: true });
			expect(outputs[0][0].json.error).toMatch(/\(the change may have been applied\)$/);
		});
	});

	it('Create or Update: tags whose answer was lost are not said to be missing', async () => {
		await withStandIn(lostThen(/\/tags$/, REFUSED), async (stand) => {
			const { outputs } = await runGameball(stand.credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'c1', additionalFields: { tags: 'vip' } }, [{}], true);
			expect(outputs[0][0].json).toMatchObject({ mayHaveBeenApplied: true });
			expect(outputs[0][0].json.description).toContain('The customer was saved; its tags may or may not have been added.');
			expect(outputs[0][0].json.description).not.toContain('only its tags were not added');
		});
	});

	it('a customers batch job whose creation lost its answer marks its items; a balance-inquiry job does not', async () => {
		const items = [{ id: 'a' }, { id: 'b' }];
		const batching = { mode: 'always', timeoutSeconds: 1, pollSeconds: 0.1 };
		await withStandIn(lostThen(/\/batch\/customers$/, REFUSED), async (stand) => {
			const { outputs } = await runGameball(stand.credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: '={{ $json.id }}', batching }, items, true);
			expect(outputs[0].map(({ json }) => json.mayHaveBeenApplied)).toEqual([true, true]);
		});
		await withStandIn(lostThen(/\/batch\/balance-inquiry$/, REFUSED), async (stand) => {
			const { outputs } = await runGameball(stand.credentials, { resource: 'customer', operation: 'getBalance', customerId: '={{ $json.id }}', batching }, items, true);
			expect(outputs[0].map(({ json }) => json.mayHaveBeenApplied)).toEqual([undefined, undefined]);
			expect(outputs[0].map(({ json }) => typeof json.error)).toEqual(['string', 'string']);
		});
	});
});

describe('a coupon check refused on the retry after a lost answer', () => {
	const validate = (additionalFields: INodeParameters) => ({ resource: 'coupon', operation: 'validate', code: 'SAVE10', customerId: 'c1', additionalFields });

	it('without Lock changes nothing, so it is not said to be maybe applied', async () => {
		await withStandIn(lostThen(/\/validate$/, REFUSED), async (stand) => {
			const { outputs } = await runGameball(stand.credentials, validate({}), [{}], true);
			expect(outputs[0][0].json.error).toMatch(/^3001: /);
			expect(outputs[0][0].json.mayHaveBeenApplied).toBeUndefined();
			expect(stand.calls()).toBe(2);
		});
	});

	it('with Lock and a Lock Reference (so repeated) may have locked: it is said so', async () => {
		await withStandIn(lostThen(/\/validate$/, REFUSED), async (stand) => {
			const { outputs } = await runGameball(stand.credentials, validate({ lock: true, lockReference: 'session-1' }), [{}], true);
			expect(outputs[0][0].json.mayHaveBeenApplied).toBe(true);
		});
	});
});

describe('a retry after a lost answer that Gameball answers 2xx with `success: false`', () => {
	const SAYS_NOT_DONE: StandInAnswer = { body: { success: false, message: 'Hold is not active' } };

	it('Release Hold: the refusal is marked as maybe applied, and says an earlier attempt may have done it', async () => {
		await withStandIn(lostThen(/\/transactions\/hold\//, SAYS_NOT_DONE), async (stand) => {
			const { outputs } = await runGameball(stand.credentials, { resource: 'transaction', operation: 'releaseHold', holdReferenceId: 'h1' }, [{}], true);
			expect(outputs[0][0].json).toMatchObject({ mayHaveBeenApplied: true });
			expect(outputs[0][0].json.error).toBe('Gameball answered "success": false: Hold is not active (the change may have been applied)');
			expect(outputs[0][0].json.description).toContain('An earlier attempt of this request may have been applied');
			// One "check before sending again", the marker's: not the plain refusal's too.
			expect(String(outputs[0][0].json.description).match(/before sending/g)).toHaveLength(1);
		});
	});

	it('Create or Update: a save answered so is marked too', async () => {
		await withStandIn(lostThen(/\/customers$/, SAYS_NOT_DONE), async (stand) => {
			const { outputs } = await runGameball(stand.credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'c1' }, [{}], true);
			expect(outputs[0][0].json).toMatchObject({ mayHaveBeenApplied: true });
		});
	});

	it('without a lost answer, the same refusal is not marked', async () => {
		await withStandIn(() => SAYS_NOT_DONE, async (stand) => {
			const { outputs } = await runGameball(stand.credentials, { resource: 'transaction', operation: 'releaseHold', holdReferenceId: 'h1' }, [{}], true);
			expect(outputs[0][0].json.error).toBe('Gameball answered "success": false: Hold is not active');
			expect(outputs[0][0].json.mayHaveBeenApplied).toBeUndefined();
			expect(outputs[0][0].json.description).toMatch(/did not succeed\. Check in Gameball before sending the item again\.$/);
		});
	});
});

describe('Release Lock after a lost answer, answered 404 without a Gameball code', () => {
	it.each([[{ message: 'Resource not found' }], [{ code: null, message: 'Resource not found' }]])('%j is not read as released (a proxy page or a wrong route says nothing of the lock)', async (body) => {
		await withStandIn(lostThen(/\/coupons\//, { status: 404, body }), async (stand) => {
			const { outputs } = await runGameball(stand.credentials, { resource: 'coupon', operation: 'releaseLock', lockReference: 'lock-1' }, [{}], true);
			expect(outputs[0][0].json.alreadyApplied).toBeUndefined();
			expect(outputs[0][0].json).toMatchObject({ mayHaveBeenApplied: true });
		});
	});
});
