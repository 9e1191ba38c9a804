// Scenario 13: every example workflow's n8n nodes (HubSpot, Salesforce, Twilio, HTTP Request, ...) as the n8n under
// test describes them: parameters that exist and are shown, option values it offers, required ones set, credentials
// it takes. The unit tests check the package's own nodes and the fields read from Loyalty to CRM items.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runContext } from './support';

const context = runContext();
const folder = join(__dirname, '..', '..', 'examples');
const files = readdirSync(folder).filter((file) => file.endsWith('.json')).sort();

/** { file: { nodeName: problems } }, checked by the n8n install's own Node.js (n8n-nodes-base needs it). */
function problemsByFile(): Record<string, Record<string, string[]>> {
	const checker = join(__dirname, '..', 'lib', 'nodeParameters.js');
	const paths = files.map((file) => join(folder, file));
	const report = JSON.parse(execFileSync(context.nodeBin, [checker, context.installDir, ...paths], { encoding: 'utf8' }));
	return Object.fromEntries(files.map((file, index) => [file, report[paths[index]]]));
}

describe(`n8n ${context.n8nVersion}: the examples' n8n nodes take their parameters as set`, () => {
	const problems = problemsByFile();

	test.each(files)('%s', (file) => {
		expect(problems[file]).toEqual({});
	});
});
