import type { IDataObject } from 'n8n-workflow';

import { ObservableObject, type IDataObject as StaticData } from 'n8n-workflow';

import { PIECE_CHARS } from '../../nodes/GameballTrigger/textPieces';
import { hasEntries, keyCount, readEntry, writeEntries, writeEntry, type TableNames } from '../../nodes/GameballTrigger/textTables';

const NAMES: TableNames = { current: 'things', previous: 'previousThings', legacyCount: 'thingCount' };
const RUNS: TableNames = { ...NAMES, sharesValues: true };

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

	describe('a table whose keys share values (runs)', () => {
		it('stores a run of keys with one value as one value line and a bare line per key, and reads them back', () => {
			const store: IDataObject = {};
			const writes: Array<[string, string]> = [['a', '100'], ['b', '100'], ['c', '101'], ['d', '101'], ['e', '100'], ['f', 'x\ny']];
			for (const [key, value] of writes) writeEntry(store, RUNS, key, value, 100);
			expect(store.things).toBe('=100\na\nb\n=101\nc\nd\n=100\ne\n=x\\ny\nf\n');
			const again = reloaded(store);
			for (const [key, value] of writes) expect(readEntry(again, RUNS, key)).toBe(value);
			expect(keyCount(again, RUNS)).toBe(6);
		});

		it('continues a run across saves and reloads, and after a text of the key=value format', () => {
			const store: IDataObject = { things: 'old=99\n', previousThings: 'older=98\n' };
			writeEntry(store, RUNS, 'a', '100', 100);
			const reloadedOnce = reloaded(store);
			writeEntry(reloadedOnce, RUNS, 'b', '100', 100);
			writeEntry(reloadedOnce, RUNS, 'old', '100', 100);
			expect(reloadedOnce.things).toBe('old=99\n=100\na\nb\nold\n');
			const again = reloaded(reloadedOnce);
			expect(['old', 'older', 'a', 'b'].map((key) => readEntry(again, RUNS, key))).toEqual(['100', '98', '100', '100']);
		});

		it('a key=value table reads runs, so either setting reads what the other wrote', () => {
			const store: IDataObject = {};
			writeEntries(store, RUNS, [['a', '1'], ['b', '1']], 100);
			writeEntry(store, NAMES, 'c', '1', 100);
			expect(store.things).toBe('=1\na\nb\nc=1\n');
			expect(['a', 'b', 'c'].map((key) => readEntry(reloaded(store), RUNS, key))).toEqual(['1', '1', '1']);
		});

		it('a batch reads back as one-by-one writes do, across generations and the dropping of stale lines', () => {
			const writes: Array<[string, string]> = [];
			for (let i = 0; i < 300; i++) writes.push([`k${i % 7}`, String(1000 + Math.floor(i / 9))]);
			for (let i = 0; i < 30; i++) writes.push([`n${i}`, String(2000 + Math.floor(i / 4))]);
			const oneByOne: IDataObject = {};
			for (const [key, value] of writes) writeEntry(oneByOne, RUNS, key, value, 20);
			const batched: IDataObject = {};
			writeEntries(batched, RUNS, writes, 20);
			// Stale lines are dropped at different moments, so the texts may differ; what they hold may not (below).
			const lines = (batched.things as string).split('\n').filter((line) => line && !line.startsWith('=')).length;
			expect(lines).toBeLessThanOrEqual(2 * 20 + 64);
			// k0-k6 and n0-n12 fill the first generation (now the previous one), n13-n29 the current one: every key is
			// kept, with its last value.
			const again = reloaded(batched);
			for (const [key, value] of new Map(writes)) {
				expect(readEntry(again, RUNS, key)).toBe(value);
				expect(readEntry(reloaded(oneByOne), RUNS, key)).toBe(value);
			}
			expect(keyCount(again, RUNS)).toBe(37);
		});

		it('rewrites the text from its entries when stale lines pile up, keeping every value', () => {
			const store: IDataObject = {};
			for (let i = 0; i < 400; i++) writeEntry(store, RUNS, `k${i % 5}`, String(100 + Math.floor(i / 3)), 10);
			const text = store.things as string;
			expect(text.split('\n').filter((line) => line && !line.startsWith('=')).length).toBeLessThanOrEqual(2 * 5 + 64);
			// The last write of each key wins: k0..k4 were last written at i = 395..399.
			for (let k = 0; k < 5; k++) expect(readEntry(reloaded(store), RUNS, `k${k}`)).toBe(String(100 + Math.floor((395 + k) / 3)));
		});
	});

	describe('a long text (stored in pieces)', () => {
		const key = (i: number) => `key${String(i).padStart(9, '0')}`;
		const value = (i: number) => `#7|ref${i}|2|${i}|10|${i + 10}|Silver`;
		const writeMany = (store: IDataObject, from: number, to: number, limit = 100_000) =>
			writeEntries(store, NAMES, Array.from({ length: to - from }, (_, n): [string, string] => [key(from + n), value(from + n)]), limit);

		it('is stored as pieces of at most PIECE_CHARS, which n8n saves and reloads, and every value reads back', () => {
			const store: IDataObject = {};
			writeMany(store, 0, 6000);
			const stored = store.things as string[];
			expect(Array.isArray(stored)).toBe(true);
			expect(stored.length).toBeGreaterThan(5);
			for (const piece of stored) expect(piece.length).toBeLessThanOrEqual(PIECE_CHARS);
			const again = reloaded(store);
			for (const i of [0, 1, 2999, 5999]) expect(readEntry(again, NAMES, key(i))).toBe(value(i));
			expect(keyCount(again, NAMES)).toBe(6000);
			expect(hasEntries(again, NAMES)).toBe(true);
		});

		it('grows by its last piece, write after write, and reads back after each save', () => {
			let store: IDataObject = {};
			for (let batch = 0; batch < 30; batch++) {
				writeMany(store, batch * 200, (batch + 1) * 200);
				store = reloaded(store);
			}
			const again = reloaded(store);
			for (const i of [0, 199, 200, 4321, 5999]) expect(readEntry(again, NAMES, key(i))).toBe(value(i));
			writeEntry(again, NAMES, key(0), 'rewritten', 100_000);
			expect(readEntry(reloaded(again), NAMES, key(0))).toBe('rewritten');
		});

		it('reads a long single string of the previous version, and stores pieces from the next write on', () => {
			const pieces: IDataObject = {};
			writeMany(pieces, 0, 3000);
			const previousVersion: IDataObject = { things: (pieces.things as string[]).join('') };
			expect(readEntry(previousVersion, NAMES, key(2999))).toBe(value(2999));
			writeEntry(previousVersion, NAMES, 'new', 'n', 100_000);
			expect(Array.isArray(previousVersion.things)).toBe(true);
			expect([readEntry(reloaded(previousVersion), NAMES, key(1)), readEntry(reloaded(previousVersion), NAMES, 'new')]).toEqual([value(1), 'n']);
		});

		it('retires a full generation in pieces and still reads it', () => {
			const store: IDataObject = {};
			writeMany(store, 0, 6000, 3000);
			expect(Array.isArray(store.previousThings)).toBe(true);
			const again = reloaded(store);
			for (const i of [0, 2999, 3000, 5999]) expect(readEntry(again, NAMES, key(i))).toBe(value(i));
			expect(keyCount(again, NAMES)).toBe(6000);
		});

		it('parses pieces once for every copy that holds them, also through n8n\'s change-tracking proxy', () => {
			const original: IDataObject = {};
			writeMany(original, 0, 3000);
			const copies = [0, 1].map(() => ObservableObject.create(reloaded(original) as StaticData) as IDataObject);
			expect(readEntry(copies[0], NAMES, key(5))).toBe(value(5));
			const mapSet = jest.spyOn(Map.prototype, 'set');
			try {
				expect(readEntry(copies[1], NAMES, key(2999))).toBe(value(2999));
				expect(mapSet.mock.calls.length).toBeLessThan(10);
			} finally {
				mapSet.mockRestore();
			}
			writeEntry(copies[1], NAMES, 'new', 'n', 100_000);
			expect((copies[1] as { __dataChanged?: boolean }).__dataChanged).toBe(true);
			expect(readEntry(copies[0], NAMES, 'new')).toBeUndefined();
			expect(readEntry(reloaded(copies[1]), NAMES, 'new')).toBe('n');
		});
	});
});
