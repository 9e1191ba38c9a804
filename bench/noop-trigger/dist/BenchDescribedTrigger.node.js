'use strict';
// Benchmark-only trigger (bench/p1-ingest.ts, workflow h): the credential no-op (workflow f) with the Gameball
// Trigger's own description (properties, webhook, credential), so n8n does for it all it does for the Gameball
// Trigger's description on each run; its webhook() still returns the body and nothing more.
Object.defineProperty(exports, '__esModule', { value: true });
exports.BenchDescribedTrigger = void 0;
const { GameballTrigger } = require('n8n-nodes-gameball/dist/nodes/GameballTrigger/GameballTrigger.node.js');
const { BenchNoopTrigger } = require('./BenchNoopTrigger.node.js');

class BenchDescribedTrigger extends BenchNoopTrigger {
	constructor() {
		super();
		this.description = {
			...new GameballTrigger().description,
			displayName: 'Bench Described No-op Trigger',
			name: 'benchDescribedTrigger',
			description: "Returns the request body as one item; the Gameball Trigger's description, credential attached",
			defaults: { name: 'Bench Described No-op Trigger' },
		};
	}
}
exports.BenchDescribedTrigger = BenchDescribedTrigger;
