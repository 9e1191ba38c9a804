'use strict';
// Benchmark-only trigger (bench/p1-ingest.ts, workflow f): the no-op (workflow c) with a declared credential. n8n
// checks a run's credential access only for credentials the node type declares, so this is the floor of a community
// trigger that has one. It never reads the credential.
Object.defineProperty(exports, '__esModule', { value: true });
exports.BenchCredTrigger = void 0;
const { BenchNoopTrigger } = require('./BenchNoopTrigger.node.js');

class BenchCredTrigger extends BenchNoopTrigger {
	constructor() {
		super();
		this.description = {
			...this.description,
			displayName: 'Bench Credential No-op Trigger',
			name: 'benchCredTrigger',
			description: 'Returns the request body as one item; declares the Gameball credential and never reads it',
			defaults: { name: 'Bench Credential No-op Trigger' },
			credentials: [{ name: 'gameballApi', required: true }],
		};
	}
}
exports.BenchCredTrigger = BenchCredTrigger;
