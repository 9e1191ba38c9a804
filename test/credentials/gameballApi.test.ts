// The credential's test request, resolved the way n8n resolves it ($credentials in expressions, the type's own
// authenticate), sent to a simulator that ignores the Secret Key on routes that need only the API key.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { GameballApi } from '../../credentials/GameballApi.credentials';
import { startSimulator, type Simulator } from '../../simulator';
import { PackageNodeTypes } from '../harness/nodeTypes';
import { request } from '../simulator/client';

const credentialType = new GameballApi();
let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ rateLimits: false, checkSecretKeyEverywhere: false });
});
afterAll(async () => await sim.stop());

function resolve(value: string, credentials: ICredentialDataDecryptedObject): string {
	const node = { id: 'n', name: 'Temp-Node', type: 'n8n-nodes-gameball.gameball', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new PackageNodeTypes() });
	return String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as never));
}

/** Runs the credential test and answers the message n8n would show, or 'ok'. */
async function testCredential(credentials: ICredentialDataDecryptedObject) {
	const { baseURL, url, method } = credentialType.test.request;
	const base = resolve(String(baseURL), credentials);
	const path = resolve(String(url), credentials);
	const authenticate = credentialType.authenticate as (c: ICredentialDataDecryptedObject, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
	const options = await authenticate(credentials, { url: base + path, method } as IHttpRequestOptions);
	const answer = await request(base, String(method), path, undefined, options.headers as Record<string, string>);
	const rule = credentialType.test.rules?.find((candidate) => (candidate.properties as INodeParameters).value === answer.status);
	return { path, status: answer.status, outcome: rule ? String((rule.properties as INodeParameters).message) : answer.status < 300 ? 'ok' : `HTTP ${answer.status}` };
}

const keys = (secretKey: string, apiVersion = 'v4.0') => ({ apiKey: sim.apiKey, secretKey, apiVersion, baseUrl: `${sim.url}/` });

describe('the Gameball API credential test', () => {
	it('passes with the right keys, on both API versions', async () => {
		expect(await testCredential(keys(sim.secretKey))).toMatchObject({ status: 200, outcome: 'ok' });
		expect(await testCredential(keys(sim.secretKey, 'v4.1'))).toMatchObject({ path: '/api/v4.1/integrations/transactions/count', outcome: 'ok' });
	});

	it('fails on a wrong Secret Key, though routes that need only the API key would accept it', async () => {
		const widget = await request(sim.url, 'GET', '/api/v4.0/integrations/configurations/widget', undefined, { APIKey: sim.apiKey, SecretKey: 'wrong' });
		expect(widget.status).toBe(200);
		const result = await testCredential(keys('wrong'));
		expect(result).toMatchObject({ path: '/api/v4.0/integrations/transactions/count', status: 401 });
		expect(result.outcome).toMatch(/rejected the keys/);
	});

	it('tests the API key alone on a route that needs no Secret Key when none is set', async () => {
		expect(await testCredential(keys(''))).toMatchObject({ path: '/api/v4.0/integrations/configurations/widget', outcome: 'ok' });
		// A Secret Key of spaces is none, as the node sends it.
		expect(await testCredential(keys('   '))).toMatchObject({ path: '/api/v4.0/integrations/configurations/widget', outcome: 'ok' });
		expect((await testCredential({ ...keys(''), apiKey: 'wrong' })).outcome).toMatch(/rejected the keys/);
	});

	it('on v4.1 without a Secret Key, says that v4.1 needs both keys', async () => {
		const result = await testCredential(keys('', 'v4.1'));
		expect(result).toMatchObject({ path: '/api/v4.1/integrations/configurations/widget', status: 401 });
		expect(result.outcome).toMatch(/v4\.1 and High Security Mode need both/);
	});

	it('on an account in High Security Mode without a Secret Key, says that High Security Mode needs both keys', async () => {
		const strict = await startSimulator({ rateLimits: false, highSecurityMode: true });
		try {
			const result = await testCredential({ apiKey: strict.apiKey, secretKey: '', apiVersion: 'v4.0', baseUrl: strict.url });
			expect(result).toMatchObject({ path: '/api/v4.0/integrations/configurations/widget', status: 401 });
			expect(result.outcome).toMatch(/v4\.1 and High Security Mode need both, so set the Secret Key/);
			expect(await testCredential({ apiKey: strict.apiKey, secretKey: strict.secretKey, apiVersion: 'v4.0', baseUrl: strict.url })).toMatchObject({ outcome: 'ok' });
		} finally {
			await strict.stop();
		}
	});

	it('follows no redirect, and says why a Base URL that redirects fails', async () => {
		// n8n stops at the 3xx only with this option; following it would send the keys to the other address.
		expect(credentialType.test.request.disableFollowRedirect).toBe(true);
		const redirecting = createServer((_request, response) => response.writeHead(301, { location: 'https://elsewhere.example/' }).end());
		await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
		try {
			const baseUrl = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
			const result = await testCredential({ ...keys(sim.secretKey), baseUrl });
			expect(result.status).toBe(301);
			expect(result.outcome).toMatch(/answered with a redirect \(301\), which the nodes do not follow/);
		} finally {
			await new Promise((resolve) => redirecting.close(resolve));
		}
	});

	it('takes a Base URL pasted with spaces around it', async () => {
		expect(await testCredential({ ...keys(sim.secretKey), baseUrl: `  ${sim.url}/ ` })).toMatchObject({ status: 200, outcome: 'ok' });
	});
});
