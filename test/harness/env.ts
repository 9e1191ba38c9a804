// n8n-core writes <N8N_USER_FOLDER>/.n8n/config on first use: keep it out of $HOME.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER?.includes('n8n-nodes-gameball-test-')) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-nodes-gameball-test-'));
}
process.env.N8N_ENCRYPTION_KEY ??= 'test-encryption-key';
