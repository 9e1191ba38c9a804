import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { operationsTable } from '../../scripts/operations-table';
import { loadContract } from '../../simulator/contract';

describe('README', () => {
	const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

	it('lists every operation of the Gameball node, as the node defines it', () => {
		const table = readme.split('<!-- operations:start -->')[1]?.split('<!-- operations:end -->')[0]?.trim();
		// Regenerate with: npx ts-node --transpile-only scripts/operations-table.ts
		expect(table).toBe(operationsTable());
	});

	it('names the Secret Key exceptions as the OpenAPI document lists them', () => {
		const row = readme.split('\n').find((line) => line.startsWith('| Secret Key |')) ?? '';
		const needsSecret = (method: string, path: string) =>
			loadContract().operations.find((operation) => operation.method === method && operation.path === `/api/v4.0/integrations${path}`)?.security.includes('secretKey');
		// A configuration read and a notifications call that do need it are not among "all but ...".
		expect(needsSecret('GET', '/configurations/coupon')).toBe(true);
		expect(needsSecret('PUT', '/customers/{customerId}/notifications/read')).toBe(true);
		expect(row).toContain('configuration reads (Get Coupon Integration needs it)');
		expect(row).toContain('Get and Count Notifications');
		expect(row).not.toMatch(/, notifications,/);
	});

	it('keeps the two Quick start command lines', () => {
		expect(readme).toContain('npm install && npm run demo\nnpm test\n');
	});
});
