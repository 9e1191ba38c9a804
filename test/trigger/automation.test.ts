import type { IDataObject } from 'n8n-workflow';

import { keptHeaders, secretHeaderMatches } from '../../nodes/GameballTrigger/automation';
import { emittedJson, newTrigger } from './fixtures';

const SHARED_SECRET = 'automation-shared-secret-42';

function automationTrigger(extra: Record<string, unknown> = {}, options: Record<string, unknown> = {}) {
	const parameters = {
		source: 'automation',
		automationMethod: 'POST',
		headerName: 'X-Campaign-Secret',
		headerSecret: SHARED_SECRET,
		options,
		...extra,
	};
	// No credentials: the automation mode does not use the Gameball credential.
	return newTrigger(parameters as never, {}, {});
}

/** A POST call authenticated by `secret` (header), with Include Query on. */
async function callWithSecret(secret: string, query: IDataObject, rawBody = '{}') {
	const result = await automationTrigger({ headerSecret: secret }, { includeQuery: true }).deliver({
		method: 'POST',
		rawBody,
		query,
		headers: { 'x-campaign-secret': secret },
	});
	return emittedJson(result)[0];
}

describe('automation.ts', () => {
	it('matches the secret header exactly, in constant time, never an empty secret', () => {
		expect(secretHeaderMatches(SHARED_SECRET, SHARED_SECRET)).toBe(true);
		expect(secretHeaderMatches(`${SHARED_SECRET} `, SHARED_SECRET)).toBe(false);
		expect(secretHeaderMatches(SHARED_SECRET.slice(0, -1), SHARED_SECRET)).toBe(false);
		expect(secretHeaderMatches(undefined, SHARED_SECRET)).toBe(false);
		expect(secretHeaderMatches('', '')).toBe(false);
	});

	it('keeps only the chosen headers and never the secret one', () => {
		const headers = { 'x-campaign-secret': 's', 'x-campaign-name': 'n', accept: '*/*' };
		expect(keptHeaders(headers, ['x-campaign-name', 'x-campaign-secret', 'missing'], 'X-Campaign-Secret')).toEqual({
			'x-campaign-name': 'n',
		});
	});
});

describe('automation campaign webhooks through n8n-core', () => {
	it('reads header names such as "constructor" as headers only: kept as absent, and a secret header by that name refused with 401', async () => {
		const kept = await automationTrigger({}, { keepHeaders: 'constructor, toString' }).deliver({
			method: 'POST',
			rawBody: '{}',
			headers: { 'x-campaign-secret': SHARED_SECRET },
		});
		expect(emittedJson(kept)[0].headers).toEqual({});
		const refused = await automationTrigger({ headerName: 'constructor' }).deliver({ method: 'POST', rawBody: '{}', headers: {} });
		expect(refused.status).toBe(401);
		expect(emittedJson(refused)).toEqual([]);
	});


	it.each(['GET', 'POST', 'PUT'])('accepts a %s call with the secret header and outputs it as received', async (method) => {
		const body = method === 'GET' ? undefined : JSON.stringify({ customer: 'c-1', reward: { points: 50 } });
		const result = await automationTrigger({ automationMethod: method }, { keepHeaders: 'X-Campaign-Name' }).deliver({
			method,
			rawBody: body,
			query: { campaign: 'spring', customer: 'c-1' },
			headers: { 'x-campaign-secret': SHARED_SECRET, 'x-campaign-name': 'Spring', 'user-agent': 'Gameball' },
		});
		// Nothing in static data: n8n answers, once it has recorded the run.
		expect(result).toMatchObject({ status: 200, sent: { received: true }, answeredByNode: false });
		const [item] = emittedJson(result);
		expect(item).toEqual({
			event: 'gameball.automation.webhook',
			method,
			body: method === 'GET' ? null : { customer: 'c-1', reward: { points: 50 } },
			query: { campaign: 'spring', customer: 'c-1' },
			headers: { 'x-campaign-name': 'Spring' },
			deliveryId: item.deliveryId,
		});
		expect(item.deliveryId).toMatch(/^[0-9a-f]{40}$/);
		expect(result.emitted?.[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('gives a call with the shared secret in its URL a deliveryId that does not depend on the secret', async () => {
		const call = (secret: string) => callWithSecret(secret, { token: secret, campaign: 'welcome' }, '{"customer":"c-1"}');
		const first = await call('482913');
		const second = await call('771204');
		expect(first.query).toEqual({ campaign: 'welcome' });
		// An id over the secret would let anyone who reads the item try every short secret against it offline.
		expect(first.deliveryId).toBe(second.deliveryId);
	});

	it('keeps calls that differ only in a query value holding the secret apart', async () => {
		const first = await callWithSecret('42', { ids: '42,7' });
		const second = await callWithSecret('42', { ids: '42,9' });
		expect(first.deliveryId).not.toBe(second.deliveryId);
	});

	it('hashes a shown query value holding the secret inside a word as shown, so the id names no secret', async () => {
		const withSecret = await callWithSecret('42', { order: 'A-1042' });
		const withAnother = await callWithSecret('77', { order: 'A-1042' });
		expect(withSecret.query).toEqual({ order: 'A-1042' });
		expect(withSecret.deliveryId).toBe(withAnother.deliveryId);
	});

	it('masks the secret under a name the item leaves out, value included', async () => {
		const call = (secret: string) => callWithSecret(secret, { [secret]: `${secret}-x` });
		const first = await call('s3cr3t');
		const second = await call('0ther1');
		expect(first.query).toEqual({});
		expect(first.deliveryId).toBe(second.deliveryId);
	});

	it('keeps a body that is not JSON as text', async () => {
		const result = await automationTrigger().deliver({
			method: 'POST',
			rawBody: 'customer=c-1&points=50',
			headers: { 'x-campaign-secret': SHARED_SECRET, 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(emittedJson(result)[0].body).toBe('customer=c-1&points=50');
	});

	it('leaves out of the query a value that is the shared secret (put in the URL too): no secret in an item', async () => {
		const result = await automationTrigger().deliver({
			method: 'POST',
			rawBody: '{}',
			query: { token: SHARED_SECRET, tokens: [SHARED_SECRET, 'x'], auth: `Bearer ${SHARED_SECRET}`, [SHARED_SECRET]: '', nested: { key: SHARED_SECRET, keep: 'y' }, customer: 'c-1' },
			headers: { 'x-campaign-secret': SHARED_SECRET },
		});
		const [item] = emittedJson(result);
		expect(item.query).toEqual({ tokens: ['x'], nested: { keep: 'y' }, customer: 'c-1' });
		// A secret is matched where it stands alone: inside a word or an ID, a short or numeric secret would take ordinary values away.
		const short = await automationTrigger({ headerSecret: '2024' }).deliver({
			method: 'POST',
			rawBody: '{}',
			query: { token: '2024', auth: 'Bearer 2024', customerId: 'cust-2024', mobile: '+2012024' },
			headers: { 'x-campaign-secret': '2024' },
		});
		expect(emittedJson(short)[0].query).toEqual({ customerId: 'cust-2024', mobile: '+2012024' });
		// A secret with a space (an Authorization header's "Bearer …"), and one standing alone inside a value.
		const spaced = await automationTrigger({ headerName: 'Authorization', headerSecret: 'Bearer abc123' }).deliver({
			method: 'POST',
			rawBody: '{}',
			query: { auth: 'Bearer abc123', list: ['Bearer abc123', 'x'], link: 'https://x.example/?token=Bearer abc123', keep: 'abc123' },
			headers: { authorization: 'Bearer abc123' },
		});
		expect(emittedJson(spaced)[0].query).toEqual({ list: ['x'], keep: 'abc123' });
		expect(JSON.stringify(item)).not.toContain(SHARED_SECRET);
	});

	it('leaves the query out when "Include Query" is off', async () => {
		const result = await automationTrigger({}, { includeQuery: false }).deliver({
			method: 'POST',
			rawBody: '{}',
			query: { a: '1' },
			headers: { 'x-campaign-secret': SHARED_SECRET },
		});
		expect(emittedJson(result)[0].query).toEqual({});
	});

	it.each([
		['no secret header', {}],
		['a wrong secret', { 'x-campaign-secret': 'guess' }],
		['the secret in another header', { authorization: SHARED_SECRET }],
	])('answers 401 to a call with %s', async (_label, headers) => {
		const result = await automationTrigger().deliver({ method: 'POST', rawBody: '{}', headers });
		expect(result.status).toBe(401);
		expect(result.emitted).toBeUndefined();
		expect(JSON.stringify(result.sent)).not.toContain(SHARED_SECRET);
	});

	it('answers 401 to every call while no secret is configured', async () => {
		const result = await automationTrigger({ headerSecret: '' }).deliver({
			method: 'POST',
			rawBody: '{}',
			headers: { 'x-campaign-secret': '' },
		});
		expect(result.status).toBe(401);
	});

	it.each([
		['={{ undefined }}', 'undefined'],
		['={{ null }}', 'null'],
		['={{ $json.nothing }}', 'undefined'],
		['={{ "   " }}', ''],
	])('a Header Secret whose expression gives nothing (%s) lets no call in, not even one sending "%s"', async (headerSecret, sent) => {
		const result = await automationTrigger({ headerSecret }).deliver({ method: 'POST', rawBody: '{}', headers: { 'x-campaign-secret': sent } });
		expect([result.status, result.sent, result.emitted]).toEqual([401, { message: 'secret-header-not-set' }, undefined]);
	});

	it('a Header Name whose expression gives nothing lets no call in either', async () => {
		const result = await automationTrigger({ headerName: '={{ undefined }}' }).deliver({ method: 'POST', rawBody: '{}', headers: { undefined: SHARED_SECRET } });
		expect([result.status, result.sent]).toEqual([401, { message: 'secret-header-not-set' }]);
	});

	it('a Header Secret with end spaces or a line break still matches (n8n strips a header value\'s end spaces)', async () => {
		const result = await automationTrigger({ headerSecret: ` ${SHARED_SECRET}\n` }).deliver({
			method: 'POST',
			rawBody: '{"a":1}',
			headers: { 'x-campaign-secret': SHARED_SECRET },
		});
		expect(result.status).toBe(200);
		expect(emittedJson(result)).toHaveLength(1);
	});

	it('answers 405 to another method than the configured one', async () => {
		const result = await automationTrigger({ automationMethod: 'PUT' }).deliver({
			method: 'POST',
			rawBody: '{}',
			headers: { 'x-campaign-secret': SHARED_SECRET },
		});
		expect(result.status).toBe(405);
	});

	it('answers 413 over the body size bound', async () => {
		const result = await automationTrigger({}, { maxBodySizeKb: 1 }).deliver({
			method: 'POST',
			rawBody: JSON.stringify({ note: 'x'.repeat(2000) }),
			headers: { 'x-campaign-secret': SHARED_SECRET },
		});
		expect(result.status).toBe(413);
	});

	it('needs no Gameball credential and runs a real execution', async () => {
		const trigger = automationTrigger();
		const result = await trigger.deliver({ method: 'POST', rawBody: '{"a":1}', headers: { 'x-campaign-secret': SHARED_SECRET } });
		const run = await trigger.execute(result.emitted ?? []);
		expect(run.run.status).toBe('success');
		expect(run.outputs[0][0].json).toMatchObject({ event: 'gameball.automation.webhook', body: { a: 1 } });
	});
});
