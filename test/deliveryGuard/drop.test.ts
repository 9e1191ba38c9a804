import * as lock from '../../nodes/GameballDeliveryGuard/lock';
import { deduplicator, resetDeduplication } from '../harness/deduplication';
import { runNode } from '../harness/run';
import { drop, GUARD, keptJson } from './helpers';

const delivery = (id: string, extra: Record<string, unknown> = {}) => ({ event: 'customer.profile.updated', deliveryId: id, ...extra });

beforeEach(() => resetDeduplication());

describe('Drop Duplicate Deliveries through n8n-core', () => {
	it('keeps a new delivery, then drops it in later executions', async () => {
		const first = await drop([delivery('a'), delivery('b')]);
		expect(first.error).toBeUndefined();
		expect(keptJson(first.outputs).map((item) => item.deliveryId)).toEqual(['a', 'b']);

		const second = await drop([delivery('b'), delivery('c'), delivery('a')]);
		expect(keptJson(second.outputs).map((item) => item.deliveryId)).toEqual(['c']);
		expect(second.outputs[0][0].pairedItem).toEqual({ item: 1 });
	});

	it('passes a kept item on whole, its binary data too', async () => {
		const binary = { data: { data: Buffer.from('receipt').toString('base64'), mimeType: 'text/plain', fileName: 'receipt.txt' } };
		const { outputs, error } = await runNode({ type: GUARD, parameters: { operation: 'dropDuplicates' } }, [{ json: delivery('with-file'), binary }]);
		expect(error).toBeUndefined();
		expect(outputs[0]).toEqual([{ json: delivery('with-file'), binary, pairedItem: { item: 0 } }]);
	});

	it('keeps the items of one delivery together (profile item and its derived items share the id)', async () => {
		const items = [delivery('x'), { event: 'gameball.tier.changed', deliveryId: 'x' }, delivery('y')];
		const result = await drop(items);
		expect(keptJson(result.outputs).map((item) => item.event)).toEqual([
			'customer.profile.updated',
			'gameball.tier.changed',
			'customer.profile.updated',
		]);
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(keptJson((await drop(items)).outputs)).toEqual([]);
	});

	it('stores the history in the workflow scope and leaves no lock behind', async () => {
		await drop([delivery('a'), delivery('b')]);
		const rows = [...deduplicator.rows.entries()];
		expect(rows).toHaveLength(1);
		const [key, row] = rows[0];
		expect(key).toBe('test-workflow\u0000');
		expect(row).toEqual({ mode: 'entries', data: expect.arrayContaining([expect.any(String), expect.any(String)]) });
		expect(row.data).toHaveLength(2);
		expect(JSON.stringify(row)).not.toContain('"a"');
	});

	it('a second guard in the same workflow drops what the first one passed: both use the workflow-scope history', async () => {
		const first = await drop([delivery('a')]);
		expect(keptJson(first.outputs).map((item) => item.deliveryId)).toEqual(['a']);
		const second = await runNode({ type: GUARD, parameters: { operation: 'dropDuplicates' }, nodeId: 'second-guard' }, [delivery('a')]);
		expect(second.error).toBeUndefined();
		expect(keptJson(second.outputs)).toEqual([]);
		expect([...deduplicator.rows.keys()]).toEqual(['test-workflow\u0000']);
	});

	it('forgets the oldest ids beyond History Size', async () => {
		const options = { options: { historySize: 2 } };
		await drop([delivery('a'), delivery('b'), delivery('c')], options);
		const again = await drop([delivery('a'), delivery('b'), delivery('c')], options);
		expect(keptJson(again.outputs).map((item) => item.deliveryId)).toEqual(['a']);
	});

	it('keeps each delivery exactly once when executions race, as on two queue-mode workers', async () => {
		// 60 executions at once: 20 deliveries, each sent 3 times, the copies interleaved.
		const sends = [0, 1, 2].flatMap(() => Array.from({ length: 20 }, (_, index) => `delivery-${index}`));
		const results = await Promise.all(sends.map((id) => drop([delivery(id)])));
		expect(results.filter((result) => result.error)).toEqual([]);
		const kept = results.flatMap((result) => keptJson(result.outputs).map((item) => item.deliveryId));
		expect(kept).toHaveLength(20);
		expect(new Set(kept).size).toBe(20);
	});

	it('harness self-check: the same race on the stand-in check-and-record alone keeps some deliveries twice', async () => {
		// What the lock prevents: check-and-record reads the row and writes it back, so concurrent calls overwrite
		// each other's ids (the stand-in models n8n's two round trips; PostgreSQL behaves the same way).
		const workflow = { id: 'test-workflow' } as never;
		await deduplicator.checkProcessedAndRecord(['earlier'], 'workflow', { workflow }, { mode: 'entries' });
		const sends = [0, 1, 2].flatMap(() => Array.from({ length: 20 }, (_, index) => `delivery-${index}`));
		const answers = await Promise.all(
			sends.map((id) =>
				deduplicator.checkProcessedAndRecord([id], 'workflow', { workflow }, { mode: 'entries' }),
			),
		);
		expect(answers.flatMap((answer) => answer.new).length).toBeGreaterThan(20);
	});

	it('needs its lock: through the node, the race keeps duplicates without the lock and each delivery once with it', async () => {
		// Both halves start from an existing history row, so that racing INSERTs do not fail executions instead.
		const race = async (run: string) => {
			resetDeduplication();
			expect(keptJson((await drop([delivery(`${run}-earlier`)])).outputs)).toHaveLength(1);
			const sends = [0, 1, 2].flatMap(() => Array.from({ length: 20 }, (_, index) => `${run}-${index}`));
			const results = await Promise.all(sends.map((id) => drop([delivery(id)])));
			expect(results.filter((result) => result.error)).toEqual([]);
			return results.flatMap((result) => keptJson(result.outputs).map((item) => item.deliveryId));
		};
		// Without the lock: withLock runs the step alone.
		const unlocked = jest.spyOn(lock, 'withLock').mockImplementation(async (_helpers, _settings, step) => await step());
		let keptUnlocked: unknown[];
		try {
			keptUnlocked = await race('unlocked');
			expect(unlocked).toHaveBeenCalledTimes(61);
		} finally {
			unlocked.mockRestore();
		}
		expect(new Set(keptUnlocked).size).toBe(20);
		expect(keptUnlocked.length).toBeGreaterThan(20);

		const locked = jest.spyOn(lock, 'withLock');
		try {
			const keptLocked = await race('locked');
			expect(locked).toHaveBeenCalledTimes(61);
			expect(keptLocked).toHaveLength(20);
			expect(new Set(keptLocked).size).toBe(20);
		} finally {
			locked.mockRestore();
		}
	});

	it('fails an item without a delivery id, or returns it as an error item under continueOnFail', async () => {
		const failed = await drop([delivery('a'), { event: 'x' }]);
		expect(failed.error?.message).toBe('The item has no delivery ID');

		const continued = await drop([{ event: 'x' }, delivery('b')], {}, true);
		expect(continued.error).toBeUndefined();
		expect(continued.outputs[0]).toEqual([
			// The error item carries what to do, as the stopped run's error does.
			{ json: { error: 'The item has no delivery ID', description: 'Gameball Trigger items carry deliveryId ({{ $json.deliveryId }}). For items from elsewhere, set "Delivery ID" to an expression that gives a text that is the same for every retry of one delivery.' }, pairedItem: { item: 0 } },
			{ json: delivery('b'), pairedItem: { item: 1 } },
		]);
	});

	it('refuses a delivery ID that is no ID: NaN from Number() of a missing field, or an expression left as text', async () => {
		const notANumber = await drop([delivery('n-1'), { event: 'x' }], { deliveryId: '={{ Number($json.id) }}' }, true);
		expect(notANumber.outputs[0].map((item) => item.json.error)).toEqual(["The item's delivery ID is NaN, not an ID", "The item's delivery ID is NaN, not an ID"]);
		const fixedText = await drop([delivery('f-1')], { deliveryId: '{{ $json.deliveryId }}' });
		expect(fixedText.error?.message).toBe('The delivery ID "{{ $json.deliveryId }}" is an expression left as text: switch the field to Expression');
		expect(fixedText.error?.description).toBe('Gameball Trigger items carry deliveryId ({{ $json.deliveryId }}). For items from elsewhere, set "Delivery ID" to an expression that gives a text that is the same for every retry of one delivery.');
		expect(deduplicator.rows.size).toBe(0);
		// A number that is an ID is one.
		expect(keptJson((await drop([{ event: 'x', id: 7 }], { deliveryId: '={{ $json.id }}' })).outputs)).toEqual([{ event: 'x', id: 7 }]);
		// Fixed text would be every delivery's ID: all but the first would be dropped.
		const rowsBefore = JSON.stringify([...deduplicator.rows]);
		const constant = await drop([delivery('c-1')], { deliveryId: 'deliveryId' });
		expect(constant.error?.message).toBe('"Delivery ID" is fixed text: every delivery would share it, and all but the first would be dropped');
		// A list, an object or a boolean is no ID (not "no delivery ID").
		const notText = await drop([{ event: 'x', body: { a: 1 } }, { event: 'x', body: [1] }, { event: 'x', body: true }], { deliveryId: '={{ $json.body }}' }, true);
		expect(notText.outputs[0].map((item) => item.json.error)).toEqual([
			"The item's delivery ID is an object, not a text",
			"The item's delivery ID is a list, not a text",
			"The item's delivery ID is true, not a text",
		]);
		expect(JSON.stringify([...deduplicator.rows])).toBe(rowsBefore);
	});

	it('refuses Options that an expression made unreadable, by name, before recording anything', async () => {
		const historySize = await drop([delivery('opt-1')], { options: { historySize: '={{ "many" }}' } });
		expect(historySize.error?.message).toBe('"History Size" must be a number (got "many")');
		const lockTimeout = await drop([delivery('opt-1')], { options: { lockTimeoutSeconds: '={{ "soon" }}' } });
		expect(lockTimeout.error?.message).toBe('"Lock Timeout (Seconds)" must be a number (got "soon")');
		expect(deduplicator.rows.size).toBe(0);
	});

	it('sends an item without a delivery id to the error output under "Continue (using error output)", paired', async () => {
		const { outputs, error } = await runNode(
			{ type: GUARD, parameters: { operation: 'dropDuplicates' }, onError: 'continueErrorOutput' },
			[{ json: delivery('eo-1') }, { json: { event: 'x' } }, { json: delivery('eo-2') }],
		);
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(2);
		expect(outputs[0].map((item) => [item.json.deliveryId, item.pairedItem])).toEqual([
			['eo-1', { item: 0 }],
			['eo-2', { item: 2 }],
		]);
		expect(outputs[1].map((item) => [item.json.error, item.pairedItem])).toEqual([['The item has no delivery ID', { item: 1 }]]);
	});

	it('sends every item to the error output when the lock cannot be taken, under "Continue (using error output)"', async () => {
		const failing = jest.spyOn(lock, 'withLock').mockRejectedValue(new Error('Could not take the lock'));
		try {
			const { outputs, error } = await runNode(
				{ type: GUARD, parameters: { operation: 'dropDuplicates' }, onError: 'continueErrorOutput' },
				[{ json: delivery('lock-1') }, { json: delivery('lock-2') }],
			);
			expect(error).toBeUndefined();
			expect(outputs[0]).toEqual([]);
			expect(outputs[1].map((item) => [item.json.error, item.pairedItem])).toEqual([
				['Could not take the lock', { item: 0 }],
				['Could not take the lock', { item: 1 }],
			]);
		} finally {
			failing.mockRestore();
		}
	});
});
