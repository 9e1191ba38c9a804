import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { resources } from '../../nodes/Gameball/actions/resources';

/** The derived OpenAPI contract (scripts/derive-contract.js), committed so this test runs without ../shared. */
const contract = JSON.parse(readFileSync(join(__dirname, '..', 'contract', 'gameball-v4.contract.json'), 'utf8')) as {
	operations: Array<{ method: string; path: string }>;
};
const PREFIX = '/api/v4.0/integrations';

const nodeEndpoints = resources.flatMap((resource) =>
	resource.operations.flatMap((operation) =>
		[operation.endpoint, ...(operation.otherEndpoints ?? [])].map((endpoint) => ({
			endpoint: endpoint.replace(' /', ` ${PREFIX}/`),
			operation: `${resource.value}.${operation.value}`,
		})),
	),
);

describe('coverage of the OpenAPI document', () => {
	it('has a node operation for every method and path of the contract', () => {
		const covered = new Set(nodeEndpoints.map(({ endpoint }) => endpoint));
		const missing = contract.operations.map(({ method, path }) => `${method} ${path}`).filter((key) => !covered.has(key));
		expect(contract.operations).toHaveLength(75);
		expect(missing).toEqual([]);
	});

	it('calls no endpoint that the contract lacks', () => {
		const known = new Set(contract.operations.map(({ method, path }) => `${method} ${path}`));
		expect(nodeEndpoints.filter(({ endpoint }) => !known.has(endpoint))).toEqual([]);
	});

	it('names every operation once per resource', () => {
		for (const resource of resources) {
			const values = resource.operations.map(({ value }) => value);
			expect(new Set(values).size).toBe(values.length);
		}
	});
});
