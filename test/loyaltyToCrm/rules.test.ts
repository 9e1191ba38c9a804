import type { IDataObject } from 'n8n-workflow';
import * as fixtures from './fixtures';
import { OUTPUT, runLoyalty } from './helpers';

/** The reasons each condition fires for, read from the Log Note output with only that condition chosen. */
async function fires(condition: string, input: IDataObject, extra: IDataObject = {}): Promise<boolean> {
	const { outputs, error } = await runLoyalty({ logNoteOn: [condition], ...extra }, [input]);
	if (error) throw error;
	const notes = outputs[OUTPUT.logNote];
	if (notes.length) expect(notes[0].json.reasons).toEqual([condition]);
	return notes.length === 1;
}

const profileWithPoints = (previous: number, current: number): IDataObject => ({
	...fixtures.triggerProfileItem,
	activatedPoints: current,
	changes: { activatedPoints: { previous, current, delta: current - previous } },
});

describe('rule conditions', () => {
	test('tier up / tier down', async () => {
		expect(await fires('tierUp', fixtures.triggerTierItem)).toBe(true);
		expect(await fires('tierDown', fixtures.triggerTierItem)).toBe(false);
		const down = { ...fixtures.triggerTierItem, direction: 'down', tierOrder: 1, tierName: 'Bronze' };
		expect(await fires('tierDown', down)).toBe(true);
		expect(await fires('tierUp', down)).toBe(false);
		expect(await fires('tierUp', fixtures.gameballProfileBody)).toBe(false);
	});

	test('tier changed: any move, and a tier event without a direction', async () => {
		expect(await fires('tierChanged', fixtures.triggerTierItem)).toBe(true);
		expect(await fires('tierChanged', { ...fixtures.triggerTierItem, direction: 'down' })).toBe(true);
		expect(await fires('tierChanged', fixtures.olLevelChanged)).toBe(true);
		expect(await fires('tierUp', fixtures.olLevelChanged)).toBe(false);
		expect(await fires('tierChanged', fixtures.gameballProfileBody)).toBe(false);
	});

	test('points changed: every points event, even one where only pending and total points moved, as its description says', async () => {
		const onlyPending = {
			...fixtures.triggerPointsItem,
			previousActivatedPoints: 90, activatedPoints: 90, activatedPointsDelta: 0,
			previousPendingPoints: 10, pendingPoints: 60, pendingPointsDelta: 50,
			previousTotalPoints: 100, totalPoints: 150, totalPointsDelta: 50,
		};
		expect(await fires('pointsChanged', onlyPending)).toBe(true);
		expect(await fires('pointsChanged', fixtures.triggerTierItem)).toBe(false);
	});

	test('points >= N looks at the available balance', async () => {
		expect(await fires('pointsAtLeast', fixtures.gameballProfileBody, { pointsThreshold: 90 })).toBe(true);
		expect(await fires('pointsAtLeast', fixtures.gameballProfileBody, { pointsThreshold: 91 })).toBe(false);
	});

	test('points crossed N only when the balance went from below N to N or more', async () => {
		expect(await fires('pointsCrossed', profileWithPoints(900, 1100), { pointsThreshold: 1000 })).toBe(true);
		expect(await fires('pointsCrossed', profileWithPoints(900, 1000), { pointsThreshold: 1000 })).toBe(true);
		expect(await fires('pointsCrossed', profileWithPoints(1000, 1200), { pointsThreshold: 1000 })).toBe(false);
		expect(await fires('pointsCrossed', profileWithPoints(1100, 900), { pointsThreshold: 1000 })).toBe(false);
		expect(await fires('pointsCrossed', fixtures.gameballProfileBody, { pointsThreshold: 50 })).toBe(false);
		expect(await fires('pointsCrossed', fixtures.olPointsChanged, { pointsThreshold: 110 })).toBe(true);
	});

	test('points changed', async () => {
		expect(await fires('pointsChanged', fixtures.triggerPointsItem)).toBe(true);
		expect(await fires('pointsChanged', fixtures.olPointsChanged)).toBe(true);
		expect(await fires('pointsChanged', { ...fixtures.triggerProfileItem, changes: {} })).toBe(false);
	});

	test('referral code assigned', async () => {
		const assigned = { ...fixtures.triggerProfileItem, changes: { referralCode: { previous: null, current: 'ADA123' } } };
		expect(await fires('referralCodeAssigned', assigned)).toBe(true);
		expect(await fires('referralCodeAssigned', fixtures.gameballProfileBody)).toBe(false);
	});

	test('contact changed: profile, tier, points and registration events, not notifications', async () => {
		expect(await fires('contactChanged', fixtures.gameballProfileBody)).toBe(true);
		expect(await fires('contactChanged', { ...fixtures.triggerProfileItem, changes: {} })).toBe(true);
		expect(await fires('contactChanged', fixtures.olNamedRegistered)).toBe(true);
		expect(await fires('contactChanged', fixtures.gameballCustomerDetails)).toBe(true);
		expect(await fires('contactChanged', fixtures.gameballNotificationBody)).toBe(false);
		expect(await fires('contactChanged', fixtures.olDeactivated)).toBe(false);
	});

	test('one condition per event kind', async () => {
		expect(await fires('notification', fixtures.triggerNotificationItem)).toBe(true);
		expect(await fires('memberRegistered', fixtures.olRegistered)).toBe(true);
		expect(await fires('memberDeactivated', fixtures.olNamedUpdated)).toBe(false);
		expect(await fires('memberDeactivated', fixtures.olDeactivated)).toBe(true);
		expect(await fires('transactionRegistered', fixtures.olTransactionAssigned)).toBe(true);
		expect(await fires('rewardRedeemed', fixtures.olNamedBoughtReward)).toBe(true);
		expect(await fires('pointsWillExpire', fixtures.olNamedPointsWillExpire)).toBe(true);
		expect(await fires('notification', fixtures.olNamedPointsWillExpire)).toBe(false);
	});

	test('any event', async () => {
		expect(await fires('anyEvent', fixtures.olUpdated)).toBe(true);
	});

	test('a step with no conditions chosen never fires', async () => {
		const { outputs } = await runLoyalty({ upsertContactOn: [], logNoteOn: [] }, [fixtures.triggerProfileItem]);
		expect(outputs[OUTPUT.upsertContact]).toHaveLength(0);
		expect(outputs[OUTPUT.logNote]).toHaveLength(0);
	});
});

describe('default rules', () => {
	const counts = async (input: IDataObject) => {
		const { outputs, error } = await runLoyalty({}, [input]);
		if (error) throw error;
		return outputs.map((items) => items.length);
	};

	test('tier up: upsert, tag, task, note', async () => {
		expect(await counts(fixtures.triggerTierItem)).toEqual([1, 1, 1, 1, 0]);
	});

	test('tier down: upsert, tag, task, note', async () => {
		expect(await counts({ ...fixtures.triggerTierItem, direction: 'down' })).toEqual([1, 1, 1, 1, 0]);
	});

	test('plain profile update: upsert only', async () => {
		expect(await counts(fixtures.gameballProfileBody)).toEqual([1, 0, 0, 0, 0]);
	});

	test('points crossing the default 1000: upsert, task, note', async () => {
		expect(await counts(profileWithPoints(950, 1010))).toEqual([1, 0, 1, 1, 0]);
	});

	test('notification: send message only (three channels)', async () => {
		expect(await counts(fixtures.triggerNotificationItem)).toEqual([0, 0, 0, 0, 3]);
	});

	test('Open Loyalty reward, expiry, deactivation: notes (and upsert on deactivation)', async () => {
		expect(await counts(fixtures.olNamedBoughtReward)).toEqual([0, 0, 0, 1, 0]);
		expect(await counts(fixtures.olNamedPointsWillExpire)).toEqual([0, 0, 0, 1, 0]);
		expect(await counts(fixtures.olDeactivated)).toEqual([1, 0, 0, 1, 0]);
	});

	test('an Open Loyalty level change without a direction: upsert, tag, note; no task', async () => {
		expect(await counts(fixtures.olLevelChanged)).toEqual([1, 1, 0, 1, 0]);
	});

	test('rules are parameters: each can be changed', async () => {
		const { outputs } = await runLoyalty({ createTaskOn: ['tierDown'], addTagOn: [] }, [fixtures.triggerTierItem]);
		expect(outputs.map((items) => items.length)).toEqual([1, 0, 0, 1, 0]);
	});
});
