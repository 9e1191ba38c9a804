'use strict';
// Benchmark-only trigger (bench/p1-ingest.ts, workflow c): the cost floor of any community trigger in n8n. Plain
// JavaScript so that n8n loads it as it is, with no build step. It returns the parsed body and does nothing else.
Object.defineProperty(exports, '__esModule', { value: true });
exports.BenchNoopTrigger = void 0;

class BenchNoopTrigger {
	constructor() {
		this.description = {
			displayName: 'Bench No-op Trigger',
			name: 'benchNoopTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Returns the request body as one item (benchmark floor)',
			defaults: { name: 'Bench No-op Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
			properties: [],
		};
	}

	async webhook() {
		return { workflowData: [[{ json: this.getBodyData() }]] };
	}
}
exports.BenchNoopTrigger = BenchNoopTrigger;
