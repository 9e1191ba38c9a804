/**
 * What a long string costs V8, side by side in one process (R3's "static data in pieces"):
 *   parse   JSON.parse of the trigger's static data after N customers and deliveries (written through memory.ts),
 *           as this version stores it (tables in pieces) against one string per table (earlier versions)
 *   decode  Buffer#toString of 120,000 against 140,000 ASCII bytes, per byte: what n8n's database driver pays to
 *           turn a static-data column into a string, on either side of V8's large-object size (about 128 KB)
 *   npm run bench:strings                    10,000 customers and deliveries
 *   npm run bench:strings -- --customers 3000
 * Run it under n8n's Node too: node -r ts-node/register/transpile-only bench/string-sizes.ts
 */
import type { IDataObject } from 'n8n-workflow';

import { rememberCustomer, rememberDelivery } from '../nodes/GameballTrigger/memory';
import { isStoredText, joinedText } from '../nodes/GameballTrigger/textPieces';
import { readArgs } from './lib/args';
import { round } from './lib/report';

const args = readArgs();
const customers = args.number('customers', 10_000);
const repeats = args.number('repeats', 200);

/** Static data as the trigger leaves it after `count` distinct customers and deliveries (default memory sizes). */
function staticData(count: number): IDataObject {
	const memory: IDataObject = {};
	const now = Date.UTC(2026, 0, 1);
	for (let n = 0; n < count; n++) {
		const key = Buffer.from(`k${n}`.padEnd(9, '.')).toString('base64url');
		rememberDelivery(memory, key, now + n * 100, 5000);
		const snapshot = { tierOrder: 2, activatedPoints: n % 1000, pendingPoints: 10, totalPoints: (n % 1000) + 10, tierName: 'Silver', referralCode: `ref${n}`, madeAt: now + n * 100 };
		rememberCustomer(memory, `c${key.slice(1)}`, snapshot, 10_000);
	}
	return { 'node:Gameball Trigger': memory };
}

/** The same static data with every table joined into one string, as earlier versions stored it. */
function asOneStringPerTable(data: IDataObject): IDataObject {
	const memory = data['node:Gameball Trigger'] as IDataObject;
	const joined = Object.fromEntries(Object.entries(memory).map(([key, value]) => [key, isStoredText(value) ? joinedText(value) : value]));
	return { 'node:Gameball Trigger': joined };
}

/** Median µs of `run` over alternating rounds with the other variant. */
function alternate(variants: Record<string, () => unknown>, rounds = 9): Record<string, number> {
	const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
	for (let pass = 0; pass < rounds; pass++) {
		for (const [name, run] of Object.entries(variants)) {
			const started = process.hrtime.bigint();
			for (let i = 0; i < repeats; i++) run();
			samples[name].push(Number(process.hrtime.bigint() - started) / 1000 / repeats);
		}
	}
	return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, values.sort((a, b) => a - b)[values.length >> 1]]));
}

function main() {
	console.log(`String sizes · Node ${process.version}`);
	const pieces = JSON.stringify(staticData(customers));
	const oneString = JSON.stringify(asOneStringPerTable(JSON.parse(pieces) as IDataObject));
	const parse = alternate({ pieces: () => JSON.parse(pieces), oneString: () => JSON.parse(oneString) });
	console.log(`static data after ${customers} customers and deliveries: ${round(pieces.length / 1024, 1)} KB in pieces, ${round(oneString.length / 1024, 1)} KB as one string per table`);
	console.log(`JSON.parse  pieces ${round(parse.pieces, 0)} µs, one string per table ${round(parse.oneString, 0)} µs: ${round(parse.oneString / parse.pieces, 1)}x`);

	const bytes = Buffer.alloc(140_000, 'a');
	const decode = alternate({ below: () => bytes.toString('utf8', 0, 120_000), above: () => bytes.toString('utf8', 0, 140_000) });
	const perByte = { below: decode.below / 120_000, above: decode.above / 140_000 };
	console.log(`Buffer#toString  120,000 bytes ${round(decode.below, 1)} µs, 140,000 bytes ${round(decode.above, 1)} µs: ${round(perByte.above / perByte.below, 1)}x per byte`);
}

main();
