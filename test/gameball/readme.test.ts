import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { operationsTable } from '../../scripts/operations-table';

describe('README', () => {
	const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

	it('lists every operation of the Gameball node, as the node defines it', () => {
		const table = readme.split('<!-- operations:start -->')[1]?.split('<!-- operations:end -->')[0]?.trim();
		// Regenerate with: npx ts-node --transpile-only scripts/operations-table.ts
		expect(table).toBe(operationsTable());
	});

	it('keeps the two Quick start command lines', () => {
		expect(readme).toContain('npm install && npm run demo\nnpm test\n');
	});
});
