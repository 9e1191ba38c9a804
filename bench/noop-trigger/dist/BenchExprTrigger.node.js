'use strict';
// Benchmark-only (bench/p1-ingest.ts, workflow d): the no-op trigger, with the Gameball Trigger's webhook method
// expression. Measures what evaluating that one expression per delivery costs under each engine.
Object.defineProperty(exports, '__esModule', { value: true });
exports.BenchExprTrigger = void 0;

class BenchExprTrigger {
	constructor() {
		this.description = {
			displayName: 'Bench Expression-Method Trigger',
			name: 'benchExprTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Returns the request body as one item; its webhook method is an expression',
			defaults: { name: 'Bench Expression-Method Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{
					name: 'default',
					httpMethod: '={{$parameter["source"] === "automation" ? $parameter["automationMethod"] : "POST"}}',
					responseMode: 'onReceived',
					path: 'webhook',
				},
			],
			properties: [],
		};
	}

	async webhook() {
		return { workflowData: [[{ json: this.getBodyData() }]] };
	}
}
exports.BenchExprTrigger = BenchExprTrigger;
