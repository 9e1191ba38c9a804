import { startSimulator } from '../../simulator';
import { request, useSimulator } from './client';

const { sim, call } = useSimulator();

function expectGameballError(answer: { json: any }, code: number) {
	expect(answer.json).toEqual({ code, type: expect.any(String), message: expect.any(String), documentationUrl: expect.stringContaining(String(code)), requestId: expect.any(String) });
}

describe('authentication', () => {
	it('uses the documented default keys', () => {
		expect(sim().apiKey).toBe('sim-api-key');
		expect(sim().secretKey).toBe('sim-secret-key');
		expect(sim().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('answers 401 code 1001 without an APIKey or with a wrong one', async () => {
		const missing = await call('GET', '/configurations/tiers', undefined, { noKeys: true });
		expect(missing.status).toBe(401);
		expectGameballError(missing, 1001);
		const wrong = await call('GET', '/configurations/tiers', undefined, { noKeys: true, headers: { APIKey: 'nope' } });
		expect(wrong.status).toBe(401);
		expectGameballError(wrong, 1001);
	});

	it('matches header names case-insensitively', async () => {
		const answer = await request(sim().url, 'GET', '/api/v4.0/integrations/configurations/tiers', undefined, { apikey: sim().apiKey });
		expect(answer.status).toBe(200);
		const upper = await request(sim().url, 'GET', '/api/v4.0/integrations/configurations/tiers', undefined, { APIKEY: sim().apiKey });
		expect(upper.status).toBe(200);
	});

	it('rejects a SecretKey that is present but wrong, even where it is optional', async () => {
		const answer = await call('GET', '/configurations/tiers', undefined, { noKeys: true, headers: { APIKey: sim().apiKey, SecretKey: 'bad' } });
		expect(answer.status).toBe(401);
		expectGameballError(answer, 1001);
	});

	it('requires the SecretKey where the contract lists it', async () => {
		const body = { customerId: 'c', transactionId: 't', transactionTime: new Date().toISOString(), amount: 10 };
		const answer = await call('POST', '/transactions/cashback', body, { noKeys: true, headers: { APIKey: sim().apiKey } });
		expect(answer.status).toBe(401);
		expect(answer.json.code).toBe(1001);
		expect(answer.json.message).toMatch(/SecretKey/);
		const batch = await call('POST', '/batch/customers', { body: [{ customerId: 'x' }] }, { noKeys: true, headers: { APIKey: sim().apiKey } });
		expect(batch.status).toBe(401);
	});

	it('in High Security Mode, requires the SecretKey on every call', async () => {
		const strict = await startSimulator({ rateLimits: false, highSecurityMode: true });
		try {
			const apiKeyOnly = await request(strict.url, 'GET', '/api/v4.0/integrations/configurations/tiers', undefined, { APIKey: strict.apiKey });
			expect(apiKeyOnly.status).toBe(401);
			expectGameballError(apiKeyOnly, 1001);
			const both = await request(strict.url, 'GET', '/api/v4.0/integrations/configurations/tiers', undefined, { APIKey: strict.apiKey, SecretKey: strict.secretKey });
			expect(both.status).toBe(200);
		} finally {
			await strict.stop();
		}
		// Off by default: the same call with the API key alone passes.
		expect((await request(sim().url, 'GET', '/api/v4.0/integrations/configurations/tiers', undefined, { APIKey: sim().apiKey })).status).toBe(200);
	});

	it('requires both keys on every v4.1 call', async () => {
		const apiKeyOnly = await request(sim().url, 'GET', '/api/v4.1/integrations/configurations/tiers', undefined, { APIKey: sim().apiKey });
		expect(apiKeyOnly.status).toBe(401);
		const both = await request(sim().url, 'GET', '/api/v4.1/integrations/configurations/tiers', undefined, { APIKey: sim().apiKey, SecretKey: sim().secretKey });
		expect(both.status).toBe(200);
	});

	it('redacts the key values in the request log', async () => {
		await call('GET', '/configurations/widget');
		const last = sim().requests[sim().requests.length - 1];
		expect(last.headers.apikey).toBe('[REDACTED]');
		expect(last.headers.secretkey).toBe('[REDACTED]');
		expect(JSON.stringify(sim().requests)).not.toContain(sim().secretKey);
	});
});

describe('request validation', () => {
	it('names a missing required field with a 3xxx code', async () => {
		const answer = await call('POST', '/transactions/redeem', { customerId: 'c1', transactionTime: new Date().toISOString(), points: 5 });
		expect(answer.status).toBe(400);
		expectGameballError(answer, 3001);
		expect(answer.json.message).toContain('transactionId');
	});

	it('names a field of the wrong type', async () => {
		const answer = await call('POST', '/transactions/cashback', { customerId: 'c1', transactionId: 't', transactionTime: new Date().toISOString(), amount: '12' });
		expect(answer.status).toBe(400);
		expect(answer.json.code).toBe(3002);
		expect(answer.json.message).toContain('amount');
	});

	it('answers 400 (3002) naming an optional field sent as null that the contract does not mark nullable', async () => {
		expect((await call('POST', '/customers', { customerId: 'null-1' })).status).toBe(200);
		const body = { customerId: 'null-1', transactionId: 'null-t', transactionTime: new Date().toISOString(), amount: 12, merchant: null };
		const answer = await call('POST', '/transactions/cashback', body);
		expect(answer.status).toBe(400);
		expectGameballError(answer, 3002);
		expect(answer.json.message).toBe('merchant must not be null');
		expect(sim().ledger().filter((entry) => entry.transactionId === 'null-t')).toHaveLength(0);
	});

	it('checks nested fields, enums and query parameters', async () => {
		const nested = await call('POST', '/customers', { customerId: 'c1', customerAttributes: { channel: 'carrier-pigeon' } });
		expect(nested.status).toBe(400);
		expect(nested.json.message).toContain('customerAttributes.channel');
		const query = await call('GET', '/referrals/validate');
		expect(query.status).toBe(400);
		expect(query.json.message).toContain('referrerCode');
	});

	it('rejects a body that is not JSON', async () => {
		const answer = await call('POST', '/customers', undefined, { raw: '{"customerId": ' });
		expect(answer.status).toBe(400);
		expect(answer.json.code).toBe(3002);
	});

	it('answers 404 for an unknown path and 405 for a wrong method', async () => {
		const unknown = await call('GET', '/no/such/thing');
		expect(unknown.status).toBe(404);
		expect(unknown.json.code).toBe(4004);
		const outside = await request(sim().url, 'GET', '/elsewhere', undefined, { APIKey: sim().apiKey });
		expect(outside.status).toBe(404);
		const wrongMethod = await call('PATCH', '/customers');
		expect(wrongMethod.status).toBe(405);
	});

	it('answers 404 code 7000 for an unknown customer', async () => {
		const answer = await call('GET', '/customers/nobody/balance');
		expect(answer.status).toBe(404);
		expectGameballError(answer, 7000);
	});
});
