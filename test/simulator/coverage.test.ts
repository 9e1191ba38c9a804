/**
 * Every contract operation has a route that answers a valid request with 2xx, and the answer's fields
 * have the types the contract's response schema gives them, and values in its enums. An answer carries no field
 * its schema lacks: a workflow built against the simulator would read it, and get nothing from Gameball.
 */
import { checkValue, loadContract, type ContractOperation, type ContractSchema } from '../../simulator/contract';
import { nowIso, useSimulator } from './client';

type Json = Record<string, unknown>;

/** A value of the schema's type with every required field filled in. */
function sample(schema: ContractSchema | undefined): unknown {
	if (!schema) return {};
	if (schema.enum) return schema.enum[0];
	const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
	switch (type) {
		case 'string':
			return schema.format === 'date-time' ? nowIso() : 'sample';
		case 'integer':
		case 'number':
			return schema.minimum ?? 1;
		case 'boolean':
			return true;
		case 'array':
			return schema.minItems ? [sample(schema.items)] : [];
		default: {
			const out: Json = {};
			for (const name of schema.required ?? []) out[name] = sample(schema.properties?.[name]);
			return out;
		}
	}
}

function withoutNulls(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutNulls);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null).map(([key, entry]) => [key, withoutNulls(entry)]));
	}
	return value;
}

const contract = loadContract();
const { sim, call } = useSimulator();
const fixture: Record<string, string> = {};

beforeAll(async () => {
	const ok = async (method: string, path: string, body?: unknown) => {
		const answer = await call(method, path, body);
		if (answer.status >= 300) throw new Error(`fixture ${method} ${path}: ${answer.status} ${answer.text}`);
		return answer.json;
	};
	await ok('POST', '/customers', { customerId: 'cov', email: 'cov@example.com' });
	await ok('POST', '/customers', { customerId: 'cov-del' });
	await ok('POST', '/transactions/manual', { customerId: 'cov', transactionId: 'COV-SEED', username: 'test', reason: 'seed', points: 2000 });
	fixture.referralCode = (await ok('GET', '/customers/cov')).referralCode;
	await ok('POST', '/customers', { customerId: 'cov-friend', referrerCode: fixture.referralCode });
	await ok('POST', '/customers/cov/tags', { tags: 'vip' });
	await ok('POST', '/orders', { customerId: 'cov', orderId: 'COV-O1', orderDate: nowIso(), totalPaid: 50 });
	await ok('POST', '/orders', { customerId: 'cov', orderId: 'COV-O2', orderDate: nowIso(), totalPaid: 50 });
	await ok('POST', '/orders', { customerId: 'cov', orderId: 'COV-P', orderDate: nowIso(), totalPaid: 20, cashbackConfigurations: { returnWindow: 7 } });
	fixture.holdToRead = (await ok('POST', '/transactions/hold', { customerId: 'cov', transactionTime: nowIso(), pointsToHold: 10 })).holdReference;
	fixture.holdToRelease = (await ok('POST', '/transactions/hold', { customerId: 'cov', transactionTime: nowIso(), pointsToHold: 10 })).holdReference;
	fixture.couponToValidate = (await ok('POST', '/coupons/predefined', { customerId: 'cov', ruleId: 4 })).code;
	fixture.couponInList = (await ok('POST', '/coupons/predefined', { customerId: 'cov', ruleId: 4 })).code;
	fixture.couponToBurn = (await ok('POST', '/coupons/predefined', { customerId: 'cov', ruleId: 4 })).code;
	const locked = (await ok('POST', '/coupons/predefined', { customerId: 'cov', ruleId: 4 })).code;
	fixture.lock = (await ok('POST', `/coupons/${locked}/validate`, { customerId: 'cov', lock: true })).lockReference;
	fixture.jobToRead = String((await ok('POST', '/batch/customers', { body: [{ customerId: 'cov-b1' }] })).jobId);
	fixture.jobToStop = String((await ok('POST', '/batch/customers', { body: [{ customerId: 'cov-b2' }] })).jobId);
	await sim().sendNotification('cov');
	fixture.notification = sim().state.notifications[sim().state.notifications.length - 1].id;
});

/** Path parameter values by "METHOD path" or by name. */
function pathParams(operation: ContractOperation): Record<string, string> {
	const key = `${operation.method} ${operation.path}`;
	const byOperation: Record<string, Record<string, string>> = {
		'DELETE /api/v4.0/integrations/customers/{customerId}': { customerId: 'cov-del' },
		'GET /api/v4.0/integrations/transactions/hold/{holdReferenceId}': { holdReferenceId: fixture.holdToRead },
		'DELETE /api/v4.0/integrations/transactions/hold/{holdReferenceId}': { holdReferenceId: fixture.holdToRelease },
		'GET /api/v4.0/integrations/orders/{orderId}/transactions': { orderId: 'COV-O1' },
		'DELETE /api/v4.0/integrations/orders/{orderId}/transactions': { orderId: 'COV-O2' },
		'GET /api/v4.0/integrations/batches/{batchId}/status': { batchId: fixture.jobToRead },
		'POST /api/v4.0/integrations/batches/{batchId}/stop': { batchId: fixture.jobToStop },
	};
	const byName: Record<string, string> = {
		customerId: 'cov',
		code: fixture.couponToValidate,
		lockReference: fixture.lock,
		transactionId: 'COV-P',
		challengeId: '105',
		campaignId: '106',
		tag: 'vip',
	};
	return { ...byName, ...byOperation[key] };
}

function bodyOverrides(operation: ContractOperation): Json {
	const time = nowIso();
	const resource = operation.path.replace('/api/v4.0/integrations', '');
	const overrides: Record<string, Json> = {
		'POST /customers': { customerId: 'cov-new' },
		'POST /customers/social-challenges': { customerId: 'cov', challengeId: 104 },
		'POST /payments': { customerId: 'cov', paymentId: 'COV-PAY', paymentDate: time, totalPaid: 10 },
		'POST /transactions/redeem': { customerId: 'cov', transactionId: 'COV-R', points: 10 },
		'POST /transactions/cashback': { customerId: 'cov', transactionId: 'COV-C', amount: 10 },
		'POST /transactions/refund': { customerId: 'cov', refundTransactionId: 'COV-RF', reverseTransactionId: 'COV-O1', refundAmount: 1 },
		'POST /transactions/hold': { customerId: 'cov', pointsToHold: 10 },
		'POST /transactions/manual': { customerId: 'cov', transactionId: 'COV-M', points: 5 },
		'POST /transactions/otp': { customerId: 'cov', points: 10 },
		'POST /coupons/predefined': { customerId: 'cov', ruleId: 2 },
		'POST /coupons/{code}/validate': { customerId: 'cov' },
		'POST /coupons/validate': { customerId: 'cov', coupons: [fixture.couponInList] },
		'POST /coupons/burn': { customerId: 'cov', coupons: [fixture.couponToBurn] },
		'POST /coupons/automatic': { customerId: 'cov', totalPrice: 150 },
		'PUT /configurations/coupon': { method: 'POST' },
		'POST /events': { customerId: 'cov', events: { write_review: { rating: 5 } } },
		'POST /events/reward-preview': { customerId: 'cov', events: { write_review: {} } },
		'POST /orders': { customerId: 'cov', orderId: 'COV-O3', totalPaid: 20 },
		'POST /orders/reward-preview': { customerId: 'cov', totalPaid: 20 },
		'POST /customers/{customerId}/tags': { tags: 'gold, early' },
		'DELETE /customers/{customerId}/tags': { tags: 'gold' },
		'PUT /customers/{customerId}/notifications/read': { notificationIds: [fixture.notification] },
		'POST /batch/customers': { body: [{ customerId: 'cov-b3' }] },
		'POST /batch/orders': { body: [{ customerId: 'cov', orderId: 'COV-BO', orderDate: time, totalPaid: 5 }] },
		'POST /batch/orders/transactions': { body: ['COV-O1'] },
		'POST /batch/balance-inquiry': { body: [{ customerId: 'cov' }] },
		'POST /batch/balance-adjustment': { body: [{ customerId: 'cov', amount: 3 }] },
		'POST /batch/cashback': { body: [{ customerId: 'cov', transactionId: 'COV-BC', transactionTime: time, amount: 5 }] },
		'POST /batch/redeem': { body: [{ customerId: 'cov', transactionId: 'COV-BR', transactionTime: time, points: 5 }] },
		'POST /batch/events': { body: [{ customerId: 'cov', events: { daily_check_in: {} } }] },
	};
	return overrides[`${operation.method} ${resource}`] ?? {};
}

function queryFor(operation: ContractOperation): string {
	const values: Record<string, string> = { referrerCode: fixture.referralCode };
	const required = operation.queryParams.filter((param) => param.required).map((param) => `${param.name}=${encodeURIComponent(values[param.name] ?? 'sample')}`);
	return required.length > 0 ? `?${required.join('&')}` : '';
}

describe('contract coverage', () => {
	it('has 75 operations to cover', () => {
		expect(contract.operations).toHaveLength(75);
	});

	it('refuses an answer value outside a documented enum', () => {
		const coupons = contract.operations.find((operation) => operation.method === 'GET' && operation.path.endsWith('/customers/{customerId}/coupons'));
		const schema = coupons?.response?.schema as ContractSchema;
		expect(schema.properties?.coupons.items?.properties?.type.enum).toContain('Free Shipping');
		const answer = (type: string) => ({ coupons: [{ code: 'C', type, target: 'Reward' }] });
		expect(checkValue(schema, answer('Free Shipping'), 'response')).toBeUndefined();
		expect(checkValue(schema, answer('shipping'), 'response')).toMatchObject({ field: 'response.coupons[0].type' });
	});

	it.each(contract.operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))('%s answers 2xx with the contract types', async (_name, operation) => {
		const params = pathParams(operation);
		const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => encodeURIComponent(params[name]));
		const body = operation.requestBody ? { ...(sample(operation.requestBody.schema) as Json), ...bodyOverrides(operation) } : undefined;
		const answer = await call(operation.method, `${path}${queryFor(operation)}`, body);
		expect({ status: answer.status, body: answer.status >= 300 ? answer.json : 'ok' }).toEqual({ status: operation.response?.status ?? expect.any(Number), body: 'ok' });
		expect(answer.status).toBeLessThan(300);
		if (operation.response?.schema) {
			expect(checkValue(operation.response.schema, withoutNulls(answer.json), 'response', true)).toBeUndefined();
		}
	});

	it('answers a coupon that is not valid with the documented fields only', async () => {
		const schemaOf = (path: string) => contract.operations.find((operation) => operation.method === 'POST' && operation.path.endsWith(path))?.response?.schema as ContractSchema;
		const one = await call('POST', '/coupons/NO-SUCH-CODE/validate', { customerId: 'cov' });
		const many = await call('POST', '/coupons/validate', { customerId: 'cov', coupons: ['NO-SUCH-CODE'] });
		expect([one.json.valid, many.json.valid]).toEqual([false, false]);
		expect(checkValue(schemaOf('/coupons/{code}/validate'), withoutNulls(one.json), 'response', true)).toBeUndefined();
		expect(checkValue(schemaOf('/coupons/validate'), withoutNulls(many.json), 'response', true)).toBeUndefined();
	});
});
