/**
 * P2, in-process cost of one 1 KB delivery, in one process, measured side by side in alternating rounds:
 *   baseline  JSON.parse of the bytes + SHA-1 of the same bytes with the one-shot crypto.hash, the faster way the
 *             trigger itself hashes (the least any verifying trigger must do): the goal's baseline
 *   baselineStreaming  the same with a streaming Hash (the goal's baseline until stop 41; reported beside it)
 *   pipeline  handleV4Delivery() alone: size, signature, JSON, topic, deduplication, derived-event state, write log,
 *             items (not the request and parameter reads of webhook(), which `webhook` includes)
 *   webhook   GameballTrigger.webhook() through n8n-core's real WebhookContext (test/harness WebhookHarness)
 *   floor     the same harness running bench/noop-trigger (returns the body): n8n-core's and the harness's share
 *   settings  the Gameball Trigger reading only its request, parameters and (cached) Secret Key, then answering {}:
 *             what n8n's parameter and credential API costs the trigger before its pipeline starts
 * Verification and deduplication on; every delivery distinct and correctly signed. The body bytes are built before a
 * round's clock starts (n8n hands the trigger a Buffer). Ratios are medians of the per-round ratios: each round runs
 * every variant once, so a machine that speeds up or slows down between rounds moves both sides.
 *   npm run bench:p2              20 rounds x 1,000 deliveries
 *   npm run bench:p2 -- --small   5 rounds x 300 deliveries (seconds; CI)
 *   npm run bench:p2 -- --stages  also the pipeline with one part left out, to see what each part costs:
 *             noDedup (deduplication off), noVerify (signature not checked), notSelected (profile updates not
 *             selected: size, signature, JSON, digest and topic only, no memory and no item)
 */
import '../test/harness/env';

import { createHash, hash } from 'node:crypto';
import type { IDataObject, INodeType, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readParameter } from '../nodes/GameballTrigger/parameters';
import { handleV4Delivery, type Delivery, type V4Settings } from '../nodes/GameballTrigger/pipeline';
import { RecentWrites } from '../nodes/GameballTrigger/recentWrites';
import { readDelivery, readV4Settings } from '../nodes/GameballTrigger/settings';
import { packageNodes } from '../test/harness/nodeTypes';
import { WebhookHarness } from '../test/harness/run';
import { v4Settings } from '../test/trigger/fixtures';
import { readArgs } from './lib/args';
import { deliveryHeaders, signedDeliveries, type SignedDelivery } from './lib/deliveries';
import { finish, goal, machine, round } from './lib/report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BenchNoopTrigger } = require('./noop-trigger/dist/BenchNoopTrigger.node.js') as { BenchNoopTrigger: new () => INodeType };

const SECRET = 'bench-secret-key';
const args = readArgs();
const small = args.flag('small');
const rounds = args.number('rounds', small ? 5 : 20);
const perRound = args.number('deliveries', small ? 300 : 1000);
const credentials = { gameballApi: { apiKey: 'bench-api-key', secretKey: SECRET, apiVersion: 'v4.0', baseUrl: 'http://127.0.0.1:1' } };

packageNodes['n8n-nodes-gameball.benchNoopTrigger'] = new BenchNoopTrigger();

/** The Gameball Trigger up to its pipeline: request, parameters, Secret Key; then it answers `{}`. */
packageNodes['n8n-nodes-gameball.benchSettingsOnly'] = {
	description: (packageNodes['n8n-nodes-gameball.gameballTrigger'] as INodeType).description,
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		await readDelivery.call(this);
		readParameter(this, 'source', 'v4');
		await readV4Settings.call(this, this.getNode(), Date.now());
		this.getWorkflowStaticData('node');
		return {};
	},
};

const settings = v4Settings({ secretKey: SECRET });

/** A delivery with its body bytes, built before the clock starts. */
type Prepared = SignedDelivery & { bytes: Buffer };
type Variant = (deliveries: Prepared[]) => Promise<number>;

const baseline: Variant = async (deliveries) => {
	let sink = 0;
	for (const { bytes } of deliveries) {
		const parsed = JSON.parse(bytes.toString('utf8')) as IDataObject;
		sink += hash('sha1', bytes, 'hex').length + (parsed.event ? 1 : 0);
	}
	return sink;
};

/** The baseline with a streaming Hash, slower for 1 KB than `crypto.hash`: reported, not the goal's. */
const baselineStreaming: Variant = async (deliveries) => {
	let sink = 0;
	for (const { bytes } of deliveries) {
		const parsed = JSON.parse(bytes.toString('utf8')) as IDataObject;
		sink += createHash('sha1').update(bytes).digest('hex').length + (parsed.event ? 1 : 0);
	}
	return sink;
};

/** `handleV4Delivery` with its own static data and write log (webhook() keeps one log per trigger node). */
function pipelineWith(variantSettings: V4Settings): Variant {
	const memory: IDataObject = {};
	const log = new RecentWrites();
	return async (deliveries) => {
		let emitted = 0;
		for (const item of deliveries) {
			const delivery: Delivery = { method: 'POST', bytes: item.bytes, headers: deliveryHeaders(item.signature), query: {} };
			const outcome = handleV4Delivery(delivery, variantSettings, memory, Date.now(), log);
			if (outcome.kind === 'emit') emitted++;
		}
		return emitted;
	};
}

const pipeline = pipelineWith(settings);
const stages: Record<string, Variant> = {
	noDedup: pipelineWith({ ...settings, deduplicate: false }),
	noVerify: pipelineWith({ ...settings, verifySignature: false }),
	notSelected: pipelineWith({ ...settings, events: ['notification'] }),
};
/** Variants that emit nothing by design. */
const EMIT_NOTHING = ['baseline', 'baselineStreaming', 'settings', 'notSelected'];

function throughHarness(harness: WebhookHarness): Variant {
	return async (deliveries) => {
		let emitted = 0;
		for (const item of deliveries) {
			const result = await harness.deliver({ method: 'POST', rawBody: item.bytes, headers: deliveryHeaders(item.signature) });
			if (result.emitted) emitted++;
		}
		return emitted;
	};
}

const trigger = new WebhookHarness({ type: 'gameballTrigger', parameters: { source: 'v4', events: [], verifySignature: true, simplify: true, options: {} }, credentials });
const floor = new WebhookHarness({ type: 'benchNoopTrigger', parameters: {} });
const settingsOnly = new WebhookHarness({ type: 'benchSettingsOnly', parameters: { source: 'v4', events: [], verifySignature: true, simplify: true, options: {} }, credentials });
const variants: Record<string, Variant> = {
	baseline,
	baselineStreaming,
	pipeline,
	webhook: throughHarness(trigger),
	floor: throughHarness(floor),
	settings: throughHarness(settingsOnly),
	...(args.flag('stages') ? stages : {}),
};

function median(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
	console.log(`P2 in-process cost per 1 KB delivery · ${machine()}`);
	const names = Object.keys(variants);
	const all = signedDeliveries((rounds + 1) * perRound * names.length, `p2-${Date.now()}`, SECRET);
	const take = (() => {
		let next = 0;
		return (): Prepared[] => all.slice(next, (next += perRound)).map((item) => ({ ...item, bytes: Buffer.from(item.body) }));
	})();
	// Warm-up round (not counted): JIT, n8n-core's first-use set-up.
	for (const name of names) await variants[name](take());
	const micros: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
	let broken = false;
	for (let r = 0; r < rounds; r++) {
		const order = r % 2 ? [...names].reverse() : names;
		for (const name of order) {
			const batch = take();
			const started = process.hrtime.bigint();
			const count = await variants[name](batch);
			micros[name].push(Number(process.hrtime.bigint() - started) / 1000 / batch.length);
			if (!EMIT_NOTHING.includes(name) && count !== batch.length) broken = true;
		}
	}
	const us = Object.fromEntries(names.map((name) => [name, median(micros[name])]));
	for (const name of names) console.log(`${name.padEnd(17)} ${round(us[name], 1)} µs per delivery (median of ${rounds} rounds of ${perRound})`);
	/** The median over rounds of a per-round quotient. */
	const medianRatio = (quotient: (r: number) => number) => median(Array.from({ length: rounds }, (_, r) => quotient(r)));
	const of = (name: string, r: number) => micros[name][r];
	const pipelineRatio = medianRatio((r) => of('pipeline', r) / of('baseline', r));
	const ownRatio = medianRatio((r) => (of('webhook', r) - of('floor', r)) / of('baseline', r));
	console.log('Ratios: medians of the per-round ratios.');
	console.log(`(webhook() - floor) / baseline      ${round(ownRatio, 2)}x  (the node's own share of webhook(): request, parameters, pipeline, answer)`);
	console.log(`  of which (settings - floor) / baseline  ${round(medianRatio((r) => (of('settings', r) - of('floor', r)) / of('baseline', r)), 2)}x  (n8n's parameter and credential API)`);
	console.log(`pipeline alone / baseline           ${round(pipelineRatio, 2)}x`);
	console.log(`pipeline alone / baselineStreaming  ${round(medianRatio((r) => of('pipeline', r) / of('baselineStreaming', r)), 2)}x  (the baseline hashing with a streaming Hash)`);
	console.log(`webhook() / baseline                ${round(medianRatio((r) => of('webhook', r) / of('baseline', r)), 2)}x  (includes n8n-core's WebhookContext and the harness)`);
	for (const stage of Object.keys(stages).filter((name) => name in us)) {
		const stageRatio = medianRatio((r) => of(stage, r) / of('baseline', r));
		const partRatio = medianRatio((r) => (of('pipeline', r) - of(stage, r)) / of('baseline', r));
		console.log(`${stage.padEnd(11)} / baseline     ${round(stageRatio, 2)}x  (pipeline - ${stage}: ${round(partRatio, 2)}x)`);
	}
	if (broken) console.log('RUN BROKEN: a variant did not accept every delivery');
	if (small) {
		// Five short rounds of code that is still warming up swing from 2x to 8x between runs: no verdict.
		console.log('Goals not judged: a --small run is a smoke test (it fails only when a run breaks); judge with the full run');
		finish([], args.flag('strict'), broken);
	}
	finish(
		[
			goal('webhook() minus floor <= 2x baseline', ownRatio <= 2, `${round(ownRatio, 2)}x`),
			goal('pipeline alone <= 2x baseline', pipelineRatio <= 2, `${round(pipelineRatio, 2)}x`),
		],
		args.flag('strict'),
		broken,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
