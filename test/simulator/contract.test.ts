import { readFileSync } from 'fs';
import { checkValue, CONTRACT_FILE, findOperation, isContractError, loadContract, validateRequest } from '../../simulator/contract';

describe('derived contract', () => {
	const contract = loadContract();

	it('holds all 75 operations of the OpenAPI document, sorted and without prose', () => {
		expect(contract.operationCount).toBe(75);
		expect(contract.operations).toHaveLength(75);
		const keys = contract.operations.map((operation) => `${operation.path} ${operation.method}`);
		expect([...keys].sort((a, b) => a.localeCompare(b))).toEqual(keys);
		expect(new Set(keys).size).toBe(75);
		const text = readFileSync(CONTRACT_FILE, 'utf8');
		expect(text).not.toMatch(/"(summary|example|examples|x-codeSamples)"/);
		for (const operation of contract.operations) {
			expect(operation.path.startsWith('/api/v4.0/integrations/')).toBe(true);
			expect(operation.security).toContain('apiKey');
		}
	});

	it('derives path parameters from the path template', () => {
		const reverse = contract.operations.find((operation) => operation.method === 'DELETE' && operation.path === '/api/v4.0/integrations/orders/{orderId}/transactions');
		expect(reverse?.pathParams).toEqual([{ name: 'orderId', type: 'string' }]);
	});

	it('prefers literal segments over parameters', () => {
		expect(findOperation('POST', '/api/v4.0/integrations/coupons/validate').match?.operation.path).toBe('/api/v4.0/integrations/coupons/validate');
		const byCode = findOperation('POST', '/api/v4.0/integrations/coupons/ABC%20D/validate').match;
		expect(byCode?.operation.path).toBe('/api/v4.0/integrations/coupons/{code}/validate');
		expect(byCode?.pathParams).toEqual({ code: 'ABC D' });
		expect(findOperation('GET', '/api/v4.0/integrations/transactions/count').match?.operation.path).toBe('/api/v4.0/integrations/transactions/count');
	});
});

describe('validateRequest', () => {
	const redeemPath = '/api/v4.0/integrations/transactions/redeem';
	const validRedeem = { customerId: 'c1', transactionId: 't1', transactionTime: '2026-01-01T10:00:00Z', points: 10 };

	it('accepts a valid request and returns the operation', () => {
		const result = validateRequest('POST', redeemPath, {}, validRedeem);
		expect(isContractError(result)).toBe(false);
		if (!isContractError(result)) expect(result.operation.security).toEqual(['apiKey', 'secretKey']);
	});

	it('names a missing required field', () => {
		const { transactionId: _omitted, ...body } = validRedeem;
		void _omitted;
		const result = validateRequest('POST', redeemPath, {}, body);
		expect(result).toEqual({ error: expect.objectContaining({ status: 400, code: 3001, field: 'transactionId' }) });
	});

	it('rejects wrong types, including integers and date-times', () => {
		expect(validateRequest('POST', redeemPath, {}, { ...validRedeem, points: 1.5 })).toEqual({ error: expect.objectContaining({ code: 3002, field: 'points' }) });
		expect(validateRequest('POST', redeemPath, {}, { ...validRedeem, amount: '10' })).toEqual({ error: expect.objectContaining({ code: 3002, field: 'amount' }) });
		expect(validateRequest('POST', redeemPath, {}, { ...validRedeem, transactionTime: 'yesterday' })).toEqual({ error: expect.objectContaining({ field: 'transactionTime' }) });
		// RFC 3339 with its zone, as `date-time` means: text Date.parse reads otherwise (a local time, a US date) is refused.
		for (const time of ['12/31/2024 10:00', '2024-12-31 10:00', 'December 31, 2024', '2024-12-31T10:00:00']) {
			expect(validateRequest('POST', redeemPath, {}, { ...validRedeem, transactionTime: time })).toEqual({ error: expect.objectContaining({ code: 3002, field: 'transactionTime' }) });
		}
		for (const time of ['2024-12-31T10:00:00Z', '2024-12-31T10:00:00.123Z', '2024-12-31T12:00:00+02:00']) {
			expect(validateRequest('POST', redeemPath, {}, { ...validRedeem, transactionTime: time })).toMatchObject({ operation: { path: redeemPath } });
		}
		expect(validateRequest('POST', redeemPath, {}, [validRedeem])).toEqual({ error: expect.objectContaining({ code: 3002, message: expect.stringMatching(/^body must be of type object/) }) });
	});

	it("types extra's values as the document says in words: text or numbers", () => {
		const orderPath = '/api/v4.0/integrations/orders';
		const order = { customerId: 'c1', orderId: 'o1', orderDate: '2024-12-31T10:00:00Z', totalPaid: 10 };
		expect(validateRequest('POST', orderPath, {}, { ...order, extra: { coupon: 'SUMMER', bags: 2 } })).toMatchObject({ operation: { path: orderPath } });
		expect(validateRequest('POST', orderPath, {}, { ...order, extra: { gift: true } })).toEqual({ error: expect.objectContaining({ code: 3002, field: 'extra.gift' }) });
		const lineItem = { productId: 'p1', price: 1, quantity: 1, extra: { sizes: ['M'] } };
		expect(validateRequest('POST', orderPath, {}, { ...order, lineItems: [lineItem] })).toEqual({ error: expect.objectContaining({ code: 3002, field: 'lineItems[0].extra.sizes' }) });
	});

	it('checks nested objects, array items and enums', () => {
		const nested = validateRequest('POST', redeemPath, {}, { ...validRedeem, merchant: { branch: { name: 'x' } } });
		expect(nested).toEqual({ error: expect.objectContaining({ code: 3001, field: 'merchant.branch.uniqueId' }) });
		const batch = validateRequest('POST', '/api/v4.0/integrations/batch/customers', {}, { body: [{ customerId: 'a' }, { email: 'x' }] });
		expect(batch).toEqual({ error: expect.objectContaining({ code: 3001, field: 'body[1].customerId' }) });
		const channel = validateRequest('POST', '/api/v4.0/integrations/batch/customers', {}, { body: [{ customerId: 'a', customerAttributes: { channel: 'fax' } }] });
		expect(channel).toEqual({ error: expect.objectContaining({ code: 3003, field: 'body[0].customerAttributes.channel' }) });
	});

	it('refuses null for an optional field the contract does not mark nullable, naming it; accepts it where it does', () => {
		expect(validateRequest('POST', redeemPath, {}, { ...validRedeem, amount: null })).toEqual({ error: { status: 400, code: 3002, field: 'amount', message: 'amount must not be null' } });
		expect(validateRequest('POST', redeemPath, {}, { ...validRedeem, merchant: { name: null } })).toEqual({ error: expect.objectContaining({ code: 3002, field: 'merchant.name' }) });
		const batch = validateRequest('POST', '/api/v4.0/integrations/batch/customers', {}, { body: [{ customerId: 'a', email: null }] });
		expect(batch).toEqual({ error: expect.objectContaining({ code: 3002, field: 'body[0].email' }) });
		// A required field sent as null is still "missing".
		expect(validateRequest('POST', redeemPath, {}, { ...validRedeem, transactionId: null })).toEqual({ error: expect.objectContaining({ code: 3001, field: 'transactionId' }) });
		// expiryAfter is `nullable: true` in the OpenAPI document (an event's metadata may be null too).
		const manual = { customerId: 'c1', transactionId: 't1', username: 'u', reason: 'r', points: 5, expiryAfter: null };
		expect(isContractError(validateRequest('POST', '/api/v4.0/integrations/transactions/manual', {}, manual))).toBe(false);
		const preview = { customerId: 'c1', events: { write_review: null } };
		expect(isContractError(validateRequest('POST', '/api/v4.0/integrations/events/reward-preview', {}, preview))).toBe(false);
	});

	it('takes a null type, alone or in a oneOf, as nullable', () => {
		expect(checkValue({ oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] }, null, 'x')).toBeUndefined();
		expect(checkValue({ type: ['string', 'null'] }, null, 'x')).toBeUndefined();
		expect(checkValue({ oneOf: [{ type: 'string' }, { type: 'integer' }] }, null, 'x')).toMatchObject({ code: 3002, field: 'x' });
	});

	it('checks query parameters', () => {
		const path = '/api/v4.0/integrations/referrals/validate';
		expect(validateRequest('GET', path, {}, undefined)).toEqual({ error: expect.objectContaining({ code: 3001, field: 'referrerCode' }) });
		expect(isContractError(validateRequest('GET', path, { referrerCode: 'ABC' }, undefined))).toBe(false);
		const limit = validateRequest('GET', '/api/v4.0/integrations/customers/c1/activities', new URLSearchParams('limit=abc'), undefined);
		expect(limit).toEqual({ error: expect.objectContaining({ code: 3002, field: 'limit' }) });
		const tooMany = validateRequest('GET', '/api/v4.0/integrations/customers/c1/activities', { limit: '500' }, undefined);
		expect(tooMany).toEqual({ error: expect.objectContaining({ code: 3003, field: 'limit' }) });
	});

	it('answers 404 for unknown paths and 405 for a wrong method', () => {
		expect(validateRequest('GET', '/api/v4.0/integrations/nothing-here', {}, undefined)).toEqual({ error: expect.objectContaining({ status: 404 }) });
		expect(validateRequest('PATCH', '/api/v4.0/integrations/customers', {}, {})).toEqual({ error: expect.objectContaining({ status: 405 }) });
	});
});
