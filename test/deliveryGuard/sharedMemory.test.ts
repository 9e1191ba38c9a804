import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { IDataObject } from 'n8n-workflow';

import { memorySize, recallCustomer, rememberCustomer } from '../../nodes/GameballTrigger/memory';
import { handOver, RESTART_OVERLAP_MS, snapshotsForRun, stampWriter, writtenByAnotherProcess, type SharedMarker } from '../../nodes/GameballDeliveryGuard/sharedMemory';

const LIMIT = 100;
const snapshot = (tierOrder: number, madeAt: number) => ({ tierOrder, tierName: null, activatedPoints: 0, pendingPoints: 0, totalPoints: 0, referralCode: null, madeAt });
const withCustomer = (key: string, tierOrder: number, madeAt: number, stamp?: string): IDataObject => {
	const copy: IDataObject = stamp ? { trackWriter: stamp } : {};
	rememberCustomer(copy, key, snapshot(tierOrder, madeAt), LIMIT);
	return copy;
};
const anotherProcessNow = () => `other@${Date.now() + 1000}`;

/** A processed_data marker kept in memory, counting writes. */
function markerOf(recorded = false) {
	const state = { recorded, records: 0 };
	const marker: SharedMarker = { recorded: async () => state.recorded, record: async () => void (state.records++, (state.recorded = true)) };
	return { state, marker };
}

describe('sharedMemory.ts: another process writing the snapshots', () => {
	it('is not assumed from this process\'s own stamp, nor from a stamp older than the process', async () => {
		const { state, marker } = markerOf();
		const own: IDataObject = {};
		stampWriter(own);
		expect(await writtenByAnotherProcess('wf:own', own, marker)).toBe(false);
		expect(await writtenByAnotherProcess('wf:own', { trackWriter: 'other@1000' }, marker)).toBe(false);
		expect(state.records).toBe(0);
	});

	it('is known from a newer stamp of another process, recorded once, and kept for the process\'s later runs', async () => {
		const { state, marker } = markerOf();
		expect(await writtenByAnotherProcess('wf:seen', { trackWriter: anotherProcessNow() }, marker)).toBe(true);
		const own: IDataObject = {};
		stampWriter(own);
		expect(await writtenByAnotherProcess('wf:seen', own, marker)).toBe(true);
		expect(state.records).toBe(1);
	});

	it('where this process answers the deliveries, a stamp from its first minutes is the process it replaced (a rolling restart)', async () => {
		const { state, marker } = markerOf();
		const otherAt = (ms: number) => ({ trackWriter: `other@${Date.now() + ms}` });
		expect(await writtenByAnotherProcess('wf:rolling', otherAt(1000), marker, true)).toBe(false);
		expect(state.records).toBe(0);
		// Later than a restart's overlap: two processes.
		expect(await writtenByAnotherProcess('wf:rolling', otherAt(RESTART_OVERLAP_MS + 60_000), marker, true)).toBe(true);
		// Where it does not answer them (a queue-mode worker), the same early stamp is another worker's.
		expect(await writtenByAnotherProcess('wf:worker', otherAt(1000), markerOf().marker, false)).toBe(true);
	});

	it('is known from the marker a process recorded before this one started, whatever the stamp', async () => {
		const { state, marker } = markerOf(true);
		expect(await writtenByAnotherProcess('wf:marked', { trackWriter: 'other@1000' }, marker)).toBe(true);
		expect(state.records).toBe(0);
	});

	it('stays known for a node after the process has found 150 other shared nodes (through the marker)', async () => {
		const { state, marker } = markerOf();
		expect(await writtenByAnotherProcess('wf:first', { trackWriter: anotherProcessNow() }, marker)).toBe(true);
		for (let node = 0; node < 150; node++) {
			expect(await writtenByAnotherProcess(`wf:n${node}`, { trackWriter: anotherProcessNow() }, markerOf().marker)).toBe(true);
		}
		const own: IDataObject = {};
		stampWriter(own);
		expect(await writtenByAnotherProcess('wf:first', own, marker)).toBe(true);
		expect(state.records).toBe(1);
	});
});

describe('sharedMemory.ts: one copy of the snapshots per process', () => {
	it('hands the latest snapshots to every recent run\'s copy, so the one saved last holds them all', () => {
		const [first, second] = [withCustomer('alice', 1, 100), withCustomer('alice', 1, 100)];
		const memory = snapshotsForRun('wf:handed', first, { shared: false, deliveredHere: false }, LIMIT);
		rememberCustomer(memory, 'alice', snapshot(2, 200), LIMIT);
		handOver('wf:handed', first, memory, LIMIT, true);
		expect(snapshotsForRun('wf:handed', second, { shared: false, deliveredHere: false }, LIMIT)).toBe(memory);
		rememberCustomer(memory, 'bob', snapshot(1, 300), LIMIT);
		handOver('wf:handed', second, memory, LIMIT, true);
		for (const copy of [first, second]) expect([recallCustomer(copy, 'alice')?.tierOrder, recallCustomer(copy, 'bob')?.tierOrder]).toEqual([2, 1]);
	});

	it('leaves the copy of a run that stored no profile as it loaded it (n8n then does not save it)', () => {
		const stored = withCustomer('alice', 1, 100);
		const memory = snapshotsForRun('wf:nothing', stored, { shared: false, deliveredHere: false }, LIMIT);
		const notificationOnly = withCustomer('alice', 1, 100);
		expect(snapshotsForRun('wf:nothing', notificationOnly, { shared: false, deliveredHere: false }, LIMIT)).toBe(memory);
		const before = JSON.stringify(notificationOnly);
		handOver('wf:nothing', notificationOnly, memory, LIMIT, false);
		rememberCustomer(memory, 'bob', snapshot(1, 200), LIMIT);
		handOver('wf:nothing', stored, memory, LIMIT, true);
		expect(JSON.stringify(notificationOnly)).toBe(before);
		expect(recallCustomer(stored, 'bob')?.tierOrder).toBe(1);
	});

	it('does not merge again a copy it has merged (it would bring back customers the process has forgotten)', () => {
		const restartedFrom = withCustomer('xena', 1, 100, 'gone@1000');
		const memory = snapshotsForRun('wf:forgotten', restartedFrom, { shared: false, deliveredHere: false }, 1);
		rememberCustomer(memory, 'yuri', snapshot(1, 300), 1);
		rememberCustomer(memory, 'zoe', snapshot(1, 400), 1); // xena leaves both generations
		expect(recallCustomer(memory, 'xena')).toBeUndefined();
		expect(snapshotsForRun('wf:forgotten', withCustomer('xena', 1, 100, 'gone@1000'), { shared: false, deliveredHere: false }, 1)).toBe(memory);
		expect(recallCustomer(memory, 'xena')).toBeUndefined();
	});

	it('merges a copy another process saved, the newest update of each customer winning', () => {
		const memory = snapshotsForRun('wf:merged', withCustomer('alice', 3, 300), { shared: false, deliveredHere: false }, LIMIT);
		stampWriter(memory);
		const theirs = withCustomer('alice', 2, 200, anotherProcessNow());
		rememberCustomer(theirs, 'bob', snapshot(1, 100), LIMIT);
		expect(snapshotsForRun('wf:merged', theirs, { shared: true, deliveredHere: false }, LIMIT)).toBe(memory);
		expect([recallCustomer(memory, 'alice')?.tierOrder, recallCustomer(memory, 'bob')?.tierOrder]).toEqual([3, 1]);
		expect(memory.trackWriter).toBe(theirs.trackWriter);
	});

	it('does not merge a copy it saved itself (its own copy already holds newer profiles)', () => {
		const loaded = withCustomer('alice', 1, 100);
		stampWriter(loaded);
		const memory = snapshotsForRun('wf:own-save', loaded, { shared: false, deliveredHere: false }, LIMIT);
		rememberCustomer(memory, 'alice', snapshot(2, 50), LIMIT); // a late update, kept as the process stored it
		expect(snapshotsForRun('wf:own-save', loaded, { shared: false, deliveredHere: false }, LIMIT)).toBe(memory);
		expect(recallCustomer(memory, 'alice')?.tierOrder).toBe(2);
	});

	it('answers a run that loaded no profiles from its own copy, then adds what it stored to the process copy', () => {
		const memory = snapshotsForRun('wf:empty', withCustomer('alice', 1, 100), { shared: false, deliveredHere: false }, LIMIT);
		const empty: IDataObject = {};
		expect(snapshotsForRun('wf:empty', empty, { shared: false, deliveredHere: false }, LIMIT)).toBe(empty);
		rememberCustomer(empty, 'bob', snapshot(1, 200), LIMIT);
		handOver('wf:empty', empty, empty, LIMIT, true);
		expect(memorySize(memory).customers).toBe(2);
		expect(memorySize(empty).customers).toBe(2);
	});

	it('answers such a run from the process copy where this process answers the deliveries (regular mode)', () => {
		const regular = { shared: false, deliveredHere: true };
		const first: IDataObject = {};
		expect(snapshotsForRun('wf:regular', first, regular, LIMIT)).toBe(first); // nothing stored by anyone yet
		rememberCustomer(first, 'alice', snapshot(1, 100), LIMIT);
		handOver('wf:regular', first, first, LIMIT, true);
		// A run that began before `first` was saved: it loaded nothing, and reads what the process holds.
		const overlapping: IDataObject = {};
		const memory = snapshotsForRun('wf:regular', overlapping, regular, LIMIT);
		expect(memory).not.toBe(overlapping);
		expect(recallCustomer(memory, 'alice')?.tierOrder).toBe(1);
		rememberCustomer(memory, 'alice', snapshot(2, 150), LIMIT);
		handOver('wf:regular', overlapping, memory, LIMIT, true);
		expect([first, overlapping].map((copy) => recallCustomer(copy, 'alice')?.tierOrder)).toEqual([2, 2]);
	});

	it('does not keep a run\'s copy alive once n8n has dropped it (it holds the execution\'s whole static data)', async () => {
		setFlagsFromString('--expose-gc');
		const collectGarbage = runInNewContext('gc') as () => void;
		let copy: IDataObject | undefined = withCustomer('alice', 1, 100);
		const probe = new WeakRef(copy);
		handOver('wf:weak', copy, snapshotsForRun('wf:weak', copy, { shared: false, deliveredHere: false }, LIMIT), LIMIT, true);
		copy = undefined;
		for (let round = 0; round < 5 && probe.deref() !== undefined; round++) {
			await new Promise((resolve) => setImmediate(resolve));
			collectGarbage();
		}
		expect(probe.deref()).toBeUndefined();
	});
});
