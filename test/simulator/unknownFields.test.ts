/** Body fields the contract does not list are refused by default, so a misspelt field cannot pass unnoticed. */
import { startSimulator, type Simulator } from '../../simulator';
import { checkValue, validateRequest } from '../../simulator/contract';
import { clientFor, waitFor } from './client';

const customersPath = '/api/v4.0/integrations/customers';

describe('validateRequest with rejectUnknownFields', () => {
	it('names an unknown field at the top level and inside a listed object', () => {
		expect(validateRequest('POST', customersPath, {}, { customerId: 'c1', emial: 'x@example.com' }, true)).toEqual({
			error: expect.objectContaining({ status: 400, code: 3003, field: 'emial', message: 'emial is not a field of this request' }),
		});
		const nested = validateRequest('POST', customersPath, {}, { customerId: 'c1', customerAttributes: { zipCode: '1' } }, true);
		expect(nested).toEqual({ error: expect.objectContaining({ code: 3003, field: 'customerAttributes.zipCode' }) });
	});

	it('accepts the same bodies when off, and free-form objects either way', () => {
		expect(validateRequest('POST', customersPath, {}, { customerId: 'c1', emial: 'x@example.com' })).toMatchObject({ operation: { path: customersPath } });
		const custom = { customerId: 'c1', customerAttributes: { custom: { anything: 1, nested: { deeper: true } } } };
		expect(validateRequest('POST', customersPath, {}, custom, true)).toMatchObject({ operation: { path: customersPath } });
	});

	it('names an unknown query parameter; listed ones match in any case; off, it is accepted', () => {
		const balance = '/api/v4.0/integrations/customers/c1/balance';
		expect(validateRequest('GET', balance, new URLSearchParams('lang=en'), undefined, true)).toEqual({
			error: expect.objectContaining({ status: 400, code: 3003, field: 'lang', message: 'lang is not a parameter of this request' }),
		});
		const referrals = '/api/v4.0/integrations/customers/c1/referrals';
		expect(validateRequest('GET', referrals, { Limit: '5', strtAfter: '10' }, undefined, true)).toEqual({ error: expect.objectContaining({ field: 'strtAfter' }) });
		expect(validateRequest('GET', referrals, { Limit: '5', startAfter: '10' }, undefined, true)).toMatchObject({ operation: { method: 'GET' } });
		expect(validateRequest('GET', balance, new URLSearchParams('lang=en'), undefined)).toMatchObject({ operation: { method: 'GET' } });
	});

	it('refuses unknown fields where a schema forbids them, whatever the option', () => {
		const closed = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false };
		expect(checkValue(closed, { a: 'x', b: 1 }, '')).toMatchObject({ code: 3003, field: 'b' });
		expect(checkValue({ ...closed, additionalProperties: true }, { a: 'x', b: 1 }, '', true)).toBeUndefined();
	});
});

describe('the simulator refuses unknown body fields and query parameters', () => {
	let strict: Simulator;
	let lenient: Simulator;
	afterAll(async () => {
		await strict.stop();
		await lenient.stop();
	});

	it('answers 400 (3003) by default, stores nothing, and accepts with rejectUnknownFields: false', async () => {
		strict = await startSimulator({ rateLimits: false });
		lenient = await startSimulator({ rateLimits: false, rejectUnknownFields: false });
		const refused = await clientFor(strict)('POST', '/customers', { customerId: 'u-1', deviceTokn: 't' });
		expect(refused.status).toBe(400);
		expect(refused.json).toMatchObject({ code: 3003, message: expect.stringContaining('deviceTokn') });
		expect(strict.state.customers.has('u-1')).toBe(false);
		const accepted = await clientFor(lenient)('POST', '/customers', { customerId: 'u-1', deviceTokn: 't' });
		expect(accepted.status).toBe(200);
		expect(lenient.state.customers.has('u-1')).toBe(true);
	});

	it('answers 400 (3003) to an unknown query parameter by default, and accepts it with rejectUnknownFields: false', async () => {
		await clientFor(lenient)('POST', '/customers', { customerId: 'u-4' });
		await clientFor(strict)('POST', '/customers', { customerId: 'u-4' });
		const refused = await clientFor(strict)('GET', '/customers/u-4/referrals?limt=5');
		expect(refused.status).toBe(400);
		expect(refused.json).toMatchObject({ code: 3003, message: 'limt is not a parameter of this request' });
		expect((await clientFor(strict)('GET', '/customers/u-4/referrals?limit=5')).status).toBe(200);
		expect((await clientFor(lenient)('GET', '/customers/u-4/referrals?limt=5')).status).toBe(200);
	});

	it('refuses a batch job whose body has a field besides body, by default', async () => {
		const refused = await clientFor(strict)('POST', '/batch/customers', { body: [{ customerId: 'u-5' }], extra: 1 });
		expect(refused.status).toBe(400);
		expect(refused.json).toMatchObject({ code: 3003, message: 'extra is not a field of this request' });
		expect((await clientFor(lenient)('POST', '/batch/customers', { body: [{ customerId: 'u-5' }], extra: 1 })).status).toBe(200);
	});

	it('fails only the batch item that has an unknown field', async () => {
		const call = clientFor(strict);
		const created = await call('POST', '/batch/customers', { body: [{ customerId: 'u-2' }, { customerId: 'u-3', mobil: '1' }] });
		let status: any;
		await waitFor(async () => {
			status = (await call('GET', `/batches/${created.json.jobId}/status`)).json;
			return status.status === 'completed';
		});
		expect(status.errors).toEqual([{ index: 1, code: 3003, message: expect.stringContaining('mobil') }]);
		expect(strict.state.customers.has('u-2')).toBe(true);
		expect(strict.state.customers.has('u-3')).toBe(false);
	});
});
