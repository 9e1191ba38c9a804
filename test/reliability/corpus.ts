/**
 * R1's hostile corpus: generated deliveries that must each get a documented status and start no execution.
 * Used in-process (hostile.test.ts, through n8n-core's WebhookContext) and on a live n8n (e2e scenario 10).
 *
 * `status` is what the Gameball Trigger answers. `liveStatus` is set where n8n answers before the node runs:
 *   404  a method the webhook is not registered for (the node would answer 405);
 *   422  a JSON (or XML) content type whose body does not parse (the node would answer 400 or 401).
 * Assumed trigger settings: source v4, verification on, deduplication on, all events, maxBodySizeKb 1024.
 */
import { createHash } from 'node:crypto';

export interface HostileDelivery {
	category: string;
	name: string;
	method: string;
	headers: Record<string, string>;
	body: string;
	status: number;
	liveStatus?: number;
}

const PROFILE = 'customer.profile.updated';
const NOTIFICATION = 'customer.notification.push';

export function sign(body: string, secretKey: string, encoding: 'hex' | 'base64' = 'hex'): string {
	return createHash('sha1').update(`${body}:${secretKey}`).digest(encoding);
}

function profile(customerId: string, extra: Record<string, unknown> = {}) {
	return {
		event: PROFILE,
		client_id: 'hostile-client',
		customer_id: customerId,
		gb_customer_id: 4242,
		created_at: '2026-11-23T10:00:00.000Z',
		data: { email: `${customerId}@example.com`, tier_name: 'Gold', tier_order: 3, activated_points: 50, pending_points: 0, total_points: 50 },
		...extra,
	};
}

function notification(customerId: string) {
	return {
		event: NOTIFICATION,
		client_id: 'hostile-client',
		customer_id: customerId,
		gb_customer_id: 4343,
		created_at: '2026-11-23T10:00:00.000Z',
		data: [{ local: 'en', icon: '', title: 'Hi', body: 'You earned points' }],
	};
}

const JSON_TYPE = 'application/json';

function headers(contentType: string | undefined, signature: string | undefined): Record<string, string> {
	return {
		...(contentType === undefined ? {} : { 'content-type': contentType }),
		'x-gb-webhook-version': 'v4',
		...(signature === undefined ? {} : { 'x-gb-signature': signature }),
	};
}

/** Wrong-typed values for a field: every JSON type but the documented one. */
const WRONG_VALUES: unknown[] = [null, true, 0, -1, 1e308, '', 'x'.repeat(300), [], [1, 'a'], {}, { nested: { deep: true } }];

/** `{"a":{"a":...}}` `depth` levels deep. */
function nestedObject(depth: number): string {
	return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function nestedArray(depth: number): string {
	return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** The whole corpus for one secret key; `run` keeps customer ids apart between runs. */
export function hostileCorpus(secretKey: string, run = 'r1'): HostileDelivery[] {
	const cases: HostileDelivery[] = [];
	const add = (c: HostileDelivery) => cases.push(c);
	const bodies = [
		JSON.stringify(profile(`${run}-p1`)),
		JSON.stringify(profile(`${run}-p2`, { data: { tier_order: 1, total_points: 0 } })),
		JSON.stringify(notification(`${run}-n1`)),
		JSON.stringify(profile(`${run}-p3`, { gb_customer_id: '4244' })),
	];

	// Forged signatures: other keys, both encodings, random digests, near misses.
	const otherKeys = ['', 'wrong-secret', secretKey.toUpperCase(), `${secretKey} `, secretKey.slice(0, -1), 'sim-secret-key', 'e2e-api-key'];
	for (const body of bodies) {
		for (const key of otherKeys) {
			if (key === secretKey) continue;
			add({ category: 'forged signature', name: `key ${JSON.stringify(key)}`, method: 'POST', headers: headers(JSON_TYPE, sign(body, key)), body, status: 401 });
		}
		add({ category: 'forged signature', name: 'base64, wrong key', method: 'POST', headers: headers(JSON_TYPE, sign(body, 'nope', 'base64')), body, status: 401 });
		add({ category: 'forged signature', name: 'SHA-1 of the body alone', method: 'POST', headers: headers(JSON_TYPE, createHash('sha1').update(body).digest('hex')), body, status: 401 });
		add({ category: 'forged signature', name: 'SHA-256, right key', method: 'POST', headers: headers(JSON_TYPE, createHash('sha256').update(`${body}:${secretKey}`).digest('hex')), body, status: 401 });
		add({ category: 'forged signature', name: 'key before the body', method: 'POST', headers: headers(JSON_TYPE, createHash('sha1').update(`${secretKey}:${body}`).digest('hex')), body, status: 401 });
		const good = sign(body, secretKey);
		const flipped = `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`;
		add({ category: 'forged signature', name: 'last hex digit flipped', method: 'POST', headers: headers(JSON_TYPE, flipped), body, status: 401 });
		add({ category: 'forged signature', name: 'truncated digest', method: 'POST', headers: headers(JSON_TYPE, good.slice(0, 39)), body, status: 401 });
		add({ category: 'forged signature', name: 'digest with extra digit', method: 'POST', headers: headers(JSON_TYPE, `${good}0`), body, status: 401 });
		add({ category: 'forged signature', name: 'the secret itself', method: 'POST', headers: headers(JSON_TYPE, secretKey), body, status: 401 });
		add({ category: 'forged signature', name: 'empty header', method: 'POST', headers: headers(JSON_TYPE, ''), body, status: 401 });
		add({ category: 'forged signature', name: 'not hex or Base64', method: 'POST', headers: headers(JSON_TYPE, 'z'.repeat(40)), body, status: 401 });
		add({ category: 'missing signature', name: 'no X-GB-Signature', method: 'POST', headers: headers(JSON_TYPE, undefined), body, status: 401 });
		add({ category: 'missing signature', name: 'signature in another header', method: 'POST', headers: { ...headers(JSON_TYPE, undefined), 'x-gb-sig': good }, body, status: 401 });
	}

	// Signatures for another body: a valid signature, replayed onto changed bytes. (Whitespace-only changes are not
	// here: the node also accepts a signature over `JSON.stringify(body)`, as Gameball's sample verifier computes it.)
	const base = bodies[0];
	const tampered: Array<[string, string]> = [
		['points raised', base.replace('"total_points":50', '"total_points":50000')],
		['customer changed', base.replace(`${run}-p1`, `${run}-victim`)],
		['topic changed', base.replace(PROFILE, NOTIFICATION)],
		['field appended', `${base.slice(0, -1)},"extra":1}`],
		['keys reordered', JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(base) as object).reverse()))],
		['other delivery', bodies[2]],
	];
	for (const [name, body] of tampered) {
		add({ category: 'signature for another body', name, method: 'POST', headers: headers(JSON_TYPE, sign(base, secretKey)), body, status: 401 });
		add({ category: 'signature for another body', name: `${name} (base64)`, method: 'POST', headers: headers(JSON_TYPE, sign(base, secretKey, 'base64')), body, status: 401 });
	}

	// Truncated bodies: signed over the full body (401), or signed over the cut bytes (not JSON: 400).
	for (const cut of [1, 10, Math.floor(base.length / 2), base.length - 1]) {
		const body = base.slice(0, cut);
		add({ category: 'truncated body', name: `cut at ${cut}, signature of the whole`, method: 'POST', headers: headers(JSON_TYPE, sign(base, secretKey)), body, status: 401, liveStatus: 422 });
		add({ category: 'truncated body', name: `cut at ${cut}, signed as cut, JSON type`, method: 'POST', headers: headers(JSON_TYPE, sign(body, secretKey)), body, status: 400, liveStatus: 422 });
		add({ category: 'truncated body', name: `cut at ${cut}, signed as cut, text type`, method: 'POST', headers: headers('text/plain', sign(body, secretKey)), body, status: 400 });
	}

	// Not JSON, correctly signed: the node's 400; with a JSON content type n8n answers 422 first.
	const notJson = ['hello', 'event=customer.profile.updated&customer_id=1', '<xml><event>x</event></xml>', "{'event':'x'}", '{"event":}', 'undefined', 'NaN', '{"a":1}{"b":2}', '\u0000\u0001\u0002', '{"event":"customer.profile.updated",}'];
	for (const body of notJson) {
		add({ category: 'not JSON', name: `${JSON.stringify(body.slice(0, 20))} as text`, method: 'POST', headers: headers('text/plain', sign(body, secretKey)), body, status: 400 });
		add({ category: 'not JSON', name: `${JSON.stringify(body.slice(0, 20))} as JSON`, method: 'POST', headers: headers(JSON_TYPE, sign(body, secretKey)), body, status: 400, liveStatus: 422 });
		add({ category: 'not JSON', name: `${JSON.stringify(body.slice(0, 20))} unsigned`, method: 'POST', headers: headers('text/plain', undefined), body, status: 401 });
	}
	// JSON, correctly signed, but not an object.
	for (const body of ['[]', '[1,2,3]', '"customer.profile.updated"', '42', 'null', 'true', `[${bases(bodies)}]`]) {
		add({ category: 'not a JSON object', name: body.slice(0, 30), method: 'POST', headers: headers(JSON_TYPE, sign(body, secretKey)), body, status: 400 });
	}

	// Deeply nested: forged (401), or signed with no known topic (200, no run), or signed and not an object (400).
	cases.push(...nestedCorpus(secretKey, run, [100, 1000, 4000]));

	// Oversized: over the node's 1,024 KB limit (413), before the signature is even looked at.
	for (const kb of [1025, 1536, 3072]) {
		const padded = JSON.stringify(profile(`${run}-big-${kb}`, { padding: 'x'.repeat(kb * 1024) }));
		add({ category: 'oversized', name: `${kb} KB, signed`, method: 'POST', headers: headers(JSON_TYPE, sign(padded, secretKey)), body: padded, status: 413 });
		add({ category: 'oversized', name: `${kb} KB, unsigned`, method: 'POST', headers: headers(JSON_TYPE, undefined), body: padded, status: 413 });
		add({ category: 'oversized', name: `${kb} KB, text`, method: 'POST', headers: headers('text/plain', sign(padded, secretKey)), body: padded, status: 413 });
	}

	// Wrong types in every field, forged: refused before anything reads them.
	for (const field of ['event', 'client_id', 'customer_id', 'gb_customer_id', 'created_at', 'data']) {
		for (const value of WRONG_VALUES) {
			const body = JSON.stringify({ ...profile(`${run}-types`), [field]: value });
			add({ category: 'wrong types', name: `${field} = ${JSON.stringify(value).slice(0, 20)}, forged`, method: 'POST', headers: headers(JSON_TYPE, sign(body, 'forged-key')), body, status: 401 });
		}
	}
	for (const field of ['email', 'tier_name', 'tier_order', 'activated_points', 'total_points']) {
		for (const value of WRONG_VALUES.slice(0, 6)) {
			const payload = profile(`${run}-types`);
			const body = JSON.stringify({ ...payload, data: { ...payload.data, [field]: value } });
			add({ category: 'wrong types', name: `data.${field} = ${JSON.stringify(value).slice(0, 20)}, unsigned`, method: 'POST', headers: headers(JSON_TYPE, undefined), body, status: 401 });
		}
	}
	// A correctly signed `event` of the wrong type is no known topic: 200, and nothing runs.
	for (const value of WRONG_VALUES) {
		const body = JSON.stringify({ ...profile(`${run}-event-type`), event: value });
		add({ category: 'wrong types', name: `event = ${JSON.stringify(value).slice(0, 20)}, signed`, method: 'POST', headers: headers(JSON_TYPE, sign(body, secretKey)), body, status: 200 });
	}

	// Unknown topics, correctly signed: 200 (so Gameball does not retry), and nothing runs.
	const topics = ['customer.deleted', 'customer.profile.created', 'order.placed', '', ' ', 'CUSTOMER.PROFILE.UPDATED', `${PROFILE} `, ` ${PROFILE}`, `${PROFILE}.v2`, 'customer.notification', 'customer.notification.push\u0000', 'customer\u200b.profile.updated', '../customer.profile.updated', 'constructor', '__proto__', 'toString'];
	for (const topic of topics) {
		const body = JSON.stringify({ ...profile(`${run}-topic`), event: topic });
		add({ category: 'unknown topic', name: JSON.stringify(topic), method: 'POST', headers: headers(JSON_TYPE, sign(body, secretKey)), body, status: 200 });
	}
	const noEvent = JSON.stringify({ client_id: 'x', customer_id: `${run}-no-event`, data: {} });
	add({ category: 'unknown topic', name: 'no event field', method: 'POST', headers: headers(JSON_TYPE, sign(noEvent, secretKey)), body: noEvent, status: 200 });

	// Notifications with more language entries than the node splits into items, correctly signed: 400.
	for (const [name, entries] of [
		['201 languages', Array.from({ length: 201 }, (_unused, index) => ({ local: `l${index}`, title: 'Hi' }))],
		['300,000 empty entries', Array.from({ length: 300_000 }, () => ({}))],
	] as const) {
		const body = JSON.stringify({ ...notification(`${run}-languages`), data: entries });
		add({ category: 'notification flood', name, method: 'POST', headers: headers(JSON_TYPE, sign(body, secretKey)), body, status: 400 });
	}

	// Empty bodies.
	add({ category: 'empty body', name: 'unsigned, JSON type', method: 'POST', headers: headers(JSON_TYPE, undefined), body: '', status: 401 });
	add({ category: 'empty body', name: 'signed, JSON type', method: 'POST', headers: headers(JSON_TYPE, sign('', secretKey)), body: '', status: 400 });
	add({ category: 'empty body', name: 'signed, no content type', method: 'POST', headers: headers(undefined, sign('', secretKey)), body: '', status: 400 });
	add({ category: 'empty body', name: 'signed, text type', method: 'POST', headers: headers('text/plain', sign('', secretKey)), body: '', status: 400 });
	add({ category: 'empty body', name: 'whitespace, signed', method: 'POST', headers: headers('text/plain', sign('   ', secretKey)), body: '   ', status: 400 });
	add({ category: 'empty body', name: 'empty object, signed', method: 'POST', headers: headers(JSON_TYPE, sign('{}', secretKey)), body: '{}', status: 200 });

	// Wrong methods, even with a valid signature: n8n has no webhook for them (404); the node itself says 405.
	for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
		for (const body of method === 'GET' || method === 'DELETE' ? [''] : [base, bodies[2]]) {
			add({ category: 'wrong method', name: `${method} ${body ? 'signed body' : 'no body'}`, method, headers: headers(body ? JSON_TYPE : undefined, sign(body, secretKey)), body, status: 405, liveStatus: 404 });
		}
	}

	// Wrong content types: forged (401), or a correctly signed body in that format, which is not JSON (400).
	const formats: Array<[string, string]> = [
		['application/x-www-form-urlencoded', 'event=customer.profile.updated&customer_id=form-1'],
		['application/xml', '<event>customer.profile.updated</event>'],
		['text/csv', 'event,customer_id\ncustomer.profile.updated,csv-1'],
		['application/octet-stream', '\u0089PNG\r\n'],
		['text/html', '<html><body>customer.profile.updated</body></html>'],
	];
	for (const [type, body] of formats) {
		add({ category: 'wrong content type', name: `${type}, signed`, method: 'POST', headers: headers(type, sign(body, secretKey)), body, status: 400 });
		add({ category: 'wrong content type', name: `${type}, forged`, method: 'POST', headers: headers(type, sign(body, 'forged')), body, status: 401 });
		// n8n parses XML bodies itself, and answers 422 to one that is not XML.
		const liveStatus = type === 'application/xml' ? 422 : undefined;
		add({ category: 'wrong content type', name: `JSON body sent as ${type}, forged`, method: 'POST', headers: headers(type, sign(base, 'forged')), body: base, status: 401, liveStatus });
	}
	return cases;
}

/**
 * Deeply nested bodies. Depths of 5,000 and more are a known failure (see STACK_BREAKING_DEPTHS): the node
 * re-serialises every parsed body for its signature fallback, and JSON.stringify overflows the stack there.
 */
export function nestedCorpus(secretKey: string, run: string, depths: number[]): HostileDelivery[] {
	const cases: HostileDelivery[] = [];
	const add = (c: HostileDelivery) => cases.push(c);
	for (const depth of depths) {
		const object = nestedObject(depth);
		const array = nestedArray(depth);
		add({ category: 'deeply nested', name: `object ${depth} deep, unsigned`, method: 'POST', headers: headers(JSON_TYPE, undefined), body: object, status: 401 });
		add({ category: 'deeply nested', name: `object ${depth} deep, forged`, method: 'POST', headers: headers(JSON_TYPE, sign(object, 'wrong')), body: object, status: 401 });
		add({ category: 'deeply nested', name: `object ${depth} deep, signed, no topic`, method: 'POST', headers: headers(JSON_TYPE, sign(object, secretKey)), body: object, status: 200 });
		add({ category: 'deeply nested', name: `array ${depth} deep, signed`, method: 'POST', headers: headers(JSON_TYPE, sign(array, secretKey)), body: array, status: 400 });
		const inData = JSON.stringify(profile(`${run}-deep-${depth}`)).replace(/"data":\{[^}]*\}/, `"data":${object}`);
		add({ category: 'deeply nested', name: `profile with data ${depth} deep, forged`, method: 'POST', headers: headers(JSON_TYPE, sign(inData, 'wrong')), body: inData, status: 401 });
		const unknown = inData.replace(PROFILE, 'customer.deep.nested');
		add({ category: 'deeply nested', name: `unknown topic, data ${depth} deep, signed`, method: 'POST', headers: headers(JSON_TYPE, sign(unknown, secretKey)), body: unknown, status: 200 });
	}
	return cases;
}

/** Depths at which JSON.stringify overflows Node's default stack (the node's answer is then an exception). */
export const STACK_BREAKING_DEPTHS = [5000, 20000];

function bases(bodies: string[]): string {
	return bodies.slice(0, 2).join(',');
}

/** Valid, distinct, correctly signed deliveries: the control group that must run. */
export function validDeliveries(secretKey: string, run: string, count: number): HostileDelivery[] {
	return Array.from({ length: count }, (_, i) => {
		const body = JSON.stringify(i % 4 === 3 ? notification(`${run}-ok-${i}`) : profile(`${run}-ok-${i}`));
		return { category: 'control', name: `valid ${i}`, method: 'POST', headers: headers(JSON_TYPE, sign(body, secretKey)), body, status: 200 };
	});
}
