'use strict';
// Benchmark-only (bench/p1-ingest.ts, workflow e): workflow d's method, declared with n8n-workflow's
// webhookDescriptionFields/fromFunction (n8n 2.x), which n8n resolves natively instead of in the expression engine.
Object.defineProperty(exports, '__esModule', { value: true });
exports.BenchResolvedTrigger = void 0;
const { webhookDescriptionFields, fromFunction } = require('n8n-workflow');

class BenchResolvedTrigger {
	constructor() {
		this.description = {
			displayName: 'Bench Resolved-Method Trigger',
			name: 'benchResolvedTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Returns the request body as one item; its webhook method is resolved natively',
			defaults: { name: 'Bench Resolved-Method Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{
					name: 'default',
					...webhookDescriptionFields({
						httpMethod: fromFunction((p) => (p.source === 'automation' ? p.automationMethod : 'POST')),
					}),
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
exports.BenchResolvedTrigger = BenchResolvedTrigger;
