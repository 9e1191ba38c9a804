import type { IDataObject } from 'n8n-workflow';

import { hasEntries, keyCount, readEntry, writeEntries, writeEntry, type TableNames } from '../../nodes/GameballTrigger/textTables';

const NAMES: TableNames = { current: 'things', previous: 'previousThings', legacyCount: 'thingCount' };

/** The static data as n8n hands it to the next delivery: parsed again from its saved JSON. */
const reloaded = (store: IDataObject): IDataObject => JSON.parse(JSON.stringify(store)) as IDataObject;

describe('textTables.ts: generations stored as text', () => {
	it('stores one line per entry and reads the same values back after n8n saves and reloads it', () => {
		const store: IDataObject = {};
		const values = ['plain', 'with\nnewline', 'back\\slash', 'a=b|c', '\\n literally', ''];
		values.forEach((value, i) => writeEntry(store, NAMES, `key-${i}`, value, 100));
		expect(typeof store.things).toBe('string');
		expect((store.things as string).split('\n')).toHaveLength(values.length + 1);
		const again = reloaded(store);
		values.forEach((value, i) => expect(readEntry(again, NAMES, `key-${i}`)).toBe(value));
		expect(readEntry(again, NAMES, 'missing')).toBeUndefined();
	});

	it('reads the object format of earlier versions and stores text from the next write on', () => {
		const store: IDataObject = { things: { old1: 'a', old2: 7 }, thingCount: 2, previousThings: { older: 'b' } };
		expect(readEntry(store, NAMES, 'old2')).toBe('7');
		expect(readEntry(store, NAMES, 'older')).toBe('b');
		writeEntry(store, NAMES, 'new', 'c', 100);
		expect(store.things).toBe('old1=a\nold2=7\nnew=c\n');
		expect(store.thingCount).toBeUndefined();
		expect(keyCount(reloaded(store), NAMES)).toBe(4);
	});

	it('writes nothing when a value is unchanged, so n8n has nothing to save', () => {
		const store: IDataObject = {};
		writeEntry(store, NAMES, 'k', 'v', 10);
		let assignments = 0;
		const watched = new Proxy(store, {
			set(target, name, value) {
				assignments++;
				return Reflect.set(target, name, value);
			},
		});
		writeEntry(watched, NAMES, 'k', 'v', 10);
		expect(assignments).toBe(0);
		writeEntry(watched, NAMES, 'k', 'w', 10);
		expect(assignments).toBe(1);
	});

	it('drops the stale lines of rewritten keys once they outnumber the live ones', () => {
		const store: IDataObject = {};
		for (let i = 0; i < 500; i++) writeEntry(store, NAMES, `k${i % 5}`, `v${i}`, 10);
		const lines = (store.things as string).split('\n').length - 1;
		expect(lines).toBeLessThanOrEqual(2 * 5 + 64);
		for (let k = 0; k < 5; k++) expect(readEntry(reloaded(store), NAMES, `k${k}`)).toBe(`v${495 + k}`);
	});

	it('keeps a full generation as the previous one and drops the one before it', () => {
		const store: IDataObject = {};
		for (let i = 0; i < 7; i++) writeEntry(store, NAMES, `k${i}`, `${i}`, 3);
		// k0-k2 were dropped when k6 started the third generation; k3-k5 are the previous one.
		expect(store.previousThings).toBe('k3=3\nk4=4\nk5=5\n');
		expect(store.things).toBe('k6=6\n');
		expect(keyCount(store, NAMES)).toBe(4);
		expect(readEntry(reloaded(store), NAMES, 'k2')).toBeUndefined();
	});

	it('stores a batch of writes as the same writes one by one would, across generations, in one assignment', () => {
		// Rewrites, an unchanged value, escapes, and two generation changes inside one batch (limit 4).
		const writes: Array<[string, string]> = [
			['a', '1'], ['b', '2'], ['a', '3'], ['c', '3'], ['d', '4'], ['d', '4'], ['e', '5'], ['b', '6'],
			['f', '7'], ['g', 'x\ny'], ['h', '9'], ['i', '10'], ['a', '11'],
		];
		const oneByOne: IDataObject = { things: 'z=0\n', thingCount: 1 };
		for (const [key, value] of writes) writeEntry(oneByOne, NAMES, key, value, 4);
		const batched: IDataObject = { things: 'z=0\n', thingCount: 1 };
		const assigned: string[] = [];
		const watched = new Proxy(batched, {
			set(target, name, value) {
				assigned.push(String(name));
				return Reflect.set(target, name, value);
			},
		});
		writeEntries(watched, NAMES, writes, 4);
		expect(batched).toEqual(oneByOne);
		// Each generation change stores the retired text; the current text is stored once, at the end.
		expect(assigned).toEqual(['previousThings', 'previousThings', 'things']);
		expect(readEntry(reloaded(batched), NAMES, 'g')).toBe('x\ny');
	});

	it('says whether anything is stored without parsing', () => {
		expect(hasEntries({}, NAMES)).toBe(false);
		expect(hasEntries({ things: '' }, NAMES)).toBe(false);
		expect(hasEntries({ previousThings: 'k=v\n' }, NAMES)).toBe(true);
		expect(hasEntries({ things: { k: 'v' } }, NAMES)).toBe(true);
	});

	it('parses a text once for every copy that holds it, and a write to one copy reaches no other', () => {
		const original: IDataObject = {};
		for (let i = 0; i < 500; i++) writeEntry(original, NAMES, `k${i}`, `v${i}`, 1000);
		const [first, second, third] = [reloaded(original), reloaded(original), reloaded(original)];
		expect(readEntry(first, NAMES, 'k1')).toBe('v1');
		const mapSet = jest.spyOn(Map.prototype, 'set');
		try {
			expect(readEntry(second, NAMES, 'k499')).toBe('v499');
			// No line of the 500 was parsed again for the second copy (a parse sets one Map entry per line).
			expect(mapSet.mock.calls.length).toBeLessThan(10);
		} finally {
			mapSet.mockRestore();
		}
		writeEntry(second, NAMES, 'k1', 'changed', 1000);
		writeEntry(second, NAMES, 'new', 'n', 1000);
		expect([readEntry(second, NAMES, 'k1'), readEntry(second, NAMES, 'new')]).toEqual(['changed', 'n']);
		expect([readEntry(first, NAMES, 'k1'), readEntry(first, NAMES, 'new')]).toEqual(['v1', undefined]);
		expect([readEntry(third, NAMES, 'k1'), readEntry(third, NAMES, 'new')]).toEqual(['v1', undefined]);
		const afterWrite = reloaded(second);
		expect([readEntry(afterWrite, NAMES, 'k1'), readEntry(afterWrite, NAMES, 'new')]).toEqual(['changed', 'n']);
		expect(keyCount(reloaded(original), NAMES)).toBe(500);
	});
});
