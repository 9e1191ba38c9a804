import { createHash } from 'node:crypto';

import { decodeSignature, signatureDigest, verifySignature } from '../../nodes/GameballTrigger/signature';
import { CREDENTIALS, emittedJson, newTrigger, profilePayload, SECRET_KEY, sign, signedRequest } from './fixtures';

describe('signature.ts', () => {
	const raw = JSON.stringify(profilePayload());

	it('decodes hex (any case) and Base64 (standard, URL-safe, unpadded) to the same 20 bytes', () => {
		const hex = sign(raw, 'hex');
		const base64 = sign(raw, 'base64');
		const expected = Buffer.from(hex, 'hex');
		expect(base64).toHaveLength(28);
		for (const value of [hex, hex.toUpperCase(), base64, base64.replace(/=$/, ''), Buffer.from(expected).toString('base64url')]) {
			expect(decodeSignature(value)).toEqual(expected);
		}
	});

	it('refuses values that are neither a hex nor a Base64 SHA-1 digest', () => {
		const hex = sign(raw);
		const notHexAt = (i: number) => `${hex.slice(0, i)}g${hex.slice(i + 1)}`;
		for (const value of ['', hex.slice(0, 39), `${hex}0`, 'zz'.repeat(20), notHexAt(0), notHexAt(21), notHexAt(39), 'd755uJWQ5U6S7LmgLbg3Fjx9q5MaBW=']) {
			expect(decodeSignature(value)).toBeUndefined();
		}
	});

	it('accepts a signature over the raw bytes, and says so', () => {
		const verdict = verifySignature({ header: sign(raw), raw: Buffer.from(raw), reserialise: () => raw, secretKey: SECRET_KEY });
		expect(verdict).toBe('valid-raw');
	});

	it('falls back to the re-serialised body when Gameball signed JSON.stringify(body) but sent other bytes', () => {
		const pretty = JSON.stringify(profilePayload(), null, 2);
		const compact = JSON.stringify(JSON.parse(pretty));
		const verdict = verifySignature({
			header: sign(compact, 'base64'),
			raw: Buffer.from(pretty),
			reserialise: () => compact,
			secretKey: SECRET_KEY,
		});
		expect(verdict).toBe('valid-reserialised');
	});

	it('digests `<body>:<key>` right for any body size, key and order of calls', () => {
		const keys = ['k', 'secret-ключ-🔑', 'x'.repeat(200)];
		const bodies = [5_000, 3, 0, 70_000, 1_024, 65_536, 2].map((size, n) => Buffer.from('é'.repeat(size / 2) + 'a'.repeat(size % 2 + n)));
		for (const key of keys) {
			for (const body of bodies) {
				const expected = createHash('sha1').update(Buffer.concat([body, Buffer.from(`:${key}`)])).digest();
				expect(signatureDigest(body, key)).toEqual(expected);
				expect(signatureDigest(body.toString('utf8'), key)).toEqual(expected);
			}
		}
		// A short body after a long one: the long one's bytes must not be hashed along.
		expect(signatureDigest('{}', 'k')).toEqual(createHash('sha1').update('{}:k').digest());
	});

	it('leaves no byte of the key in its scratch buffer', () => {
		const scratch = Buffer.alloc(256, 0xaa);
		const key = 'scratch-key-€';
		const body = Buffer.from('{"a":1}');
		const expected = createHash('sha1').update(`{"a":1}:${key}`).digest();
		expect(signatureDigest(body, key, scratch)).toEqual(expected);
		expect(scratch.includes(Buffer.from(key))).toBe(false);
		// The key's bytes (after the body) are zero; past them the buffer is as it was.
		const keyEnd = body.length + Buffer.byteLength(`:${key}`);
		expect(scratch.subarray(body.length, keyEnd).every((byte) => byte === 0)).toBe(true);
		expect(scratch.subarray(keyEnd).every((byte) => byte === 0xaa)).toBe(true);
		// A body too long for the scratch buffer is hashed without it.
		const long = Buffer.alloc(300, 0x61);
		const before = Buffer.from(scratch);
		expect(signatureDigest(long, key, scratch)).toEqual(createHash('sha1').update(Buffer.concat([long, Buffer.from(`:${key}`)])).digest());
		expect(scratch).toEqual(before);
	});

	it('names each refusal: no secret, missing, malformed, mismatch', () => {
		const base = { raw: Buffer.from(raw), reserialise: () => raw };
		expect(verifySignature({ ...base, header: sign(raw), secretKey: '' })).toBe('no-secret');
		expect(verifySignature({ ...base, header: undefined, secretKey: SECRET_KEY })).toBe('missing');
		expect(verifySignature({ ...base, header: 'not-a-digest', secretKey: SECRET_KEY })).toBe('malformed');
		expect(verifySignature({ ...base, header: sign(raw, 'hex', 'another-secret'), secretKey: SECRET_KEY })).toBe('mismatch');
	});
});

describe('Gameball Trigger signature checks through n8n-core', () => {
	it.each(['hex', 'base64'] as const)('runs the workflow for a %s signature over the raw body', async (encoding) => {
		const result = await newTrigger().deliver(signedRequest(profilePayload(), { encoding }));
		expect(result.status).toBe(200);
		expect(result.response.noWebhookResponse).toBe(true);
		expect(emittedJson(result)).toHaveLength(1);
	});

	it.each(['false', 0, null])('keeps verifying when Verify Signature holds %j, not false', async (value) => {
		const unsigned = signedRequest(profilePayload(), { signature: null });
		const result = await newTrigger({ verifySignature: value as never }).deliver(unsigned);
		expect(result.status).toBe(401);
		expect(emittedJson(result)).toHaveLength(0);
	});

	it('accepts pretty-printed JSON signed over its exact bytes', async () => {
		const pretty = JSON.stringify(profilePayload(), null, 4);
		const result = await newTrigger().deliver(signedRequest(undefined, { raw: pretty }));
		expect(emittedJson(result)[0]).toMatchObject({ customerId: 'webhook-test', totalPoints: 100 });
	});

	it('accepts unicode signed over the raw UTF-8 bytes, and over the re-serialised body', async () => {
		const payload = profilePayload({ customer_id: 'عميل-٤٢ 👋' }, { tier_name: 'ذهبي', email: 'zoë@example.com' });
		const raw = JSON.stringify(payload, null, 1);
		const overRaw = await newTrigger().deliver(signedRequest(undefined, { raw }));
		expect(emittedJson(overRaw)[0]).toMatchObject({ customerId: 'عميل-٤٢ 👋', tierName: 'ذهبي', email: 'zoë@example.com' });
		const overReserialised = await newTrigger().deliver(signedRequest(undefined, { raw, signature: sign(JSON.stringify(payload), 'base64') }));
		expect(emittedJson(overReserialised)).toHaveLength(1);
	});

	it('knows a delivery verified only once re-serialised by those bytes: re-spaced, it is a duplicate', async () => {
		const payload = profilePayload({ customer_id: 'respaced' });
		const compact = JSON.stringify(payload);
		const compactId = createHash('sha1').update(compact).digest('hex');
		const respaced = (indent: number) => signedRequest(undefined, { raw: JSON.stringify(payload, null, indent), signature: sign(compact) });

		const trigger = newTrigger();
		expect(emittedJson(await trigger.deliver(signedRequest(payload)))[0]).toMatchObject({ deliveryId: compactId });
		for (const indent of [1, 2, 4]) {
			const again = await trigger.deliver(respaced(indent));
			expect(again.status).toBe(200);
			expect(again.emitted).toBeUndefined();
		}
		// Arriving re-spaced first, it carries the id of the bytes Gameball signed.
		expect(emittedJson(await newTrigger().deliver(respaced(2)))[0]).toMatchObject({ deliveryId: compactId });
	});

	it('accepts a body whose key order differs from the documented sample', async () => {
		const payload = profilePayload();
		const reordered = Object.fromEntries(Object.entries(payload).reverse());
		const result = await newTrigger().deliver(signedRequest(reordered));
		expect(emittedJson(result)[0]).toMatchObject({ event: 'customer.profile.updated', gbCustomerId: '1234' });
	});

	it('refuses a signature made over the re-serialised body when the key order changed in transit', async () => {
		// Not a Gameball behaviour, but it pins down what "re-serialised" means: JSON.stringify of what arrived.
		const payload = profilePayload();
		const reordered = JSON.stringify(Object.fromEntries(Object.entries(payload).reverse()));
		const result = await newTrigger().deliver(signedRequest(undefined, { raw: reordered, signature: sign(JSON.stringify(payload)) }));
		expect(result.status).toBe(401);
	});

	it.each([
		['forged (signed with another secret)', (raw: string) => sign(raw, 'hex', 'attacker-secret')],
		['missing', () => null],
		['truncated', (raw: string) => sign(raw).slice(0, 20)],
		['for another body', () => sign('{"event":"customer.profile.updated"}')],
		['empty', () => ''],
	])('answers 401 and runs nothing when the signature is %s', async (_label, makeSignature) => {
		const raw = JSON.stringify(profilePayload());
		const result = await newTrigger().deliver(signedRequest(undefined, { raw, signature: makeSignature(raw) }));
		expect(result.status).toBe(401);
		expect(result.response.noWebhookResponse).toBe(true);
		expect(result.emitted).toBeUndefined();
		expect(JSON.stringify(result.sent)).not.toContain(SECRET_KEY);
	});

	it('answers 401 when the body was altered after signing', async () => {
		const raw = JSON.stringify(profilePayload());
		const tampered = raw.replace('"total_points":100', '"total_points":100000');
		const result = await newTrigger().deliver(signedRequest(undefined, { raw: tampered, signature: sign(raw) }));
		expect(result.status).toBe(401);
	});

	it('answers 401 to every delivery when the credential has no Secret Key', async () => {
		const harness = newTrigger({}, {}, { gameballApi: { ...CREDENTIALS.gameballApi, secretKey: '' } });
		const result = await harness.deliver(signedRequest(profilePayload(), { signature: sign(JSON.stringify(profilePayload()), 'hex', '') }));
		expect(result.status).toBe(401);
	});

	it('runs unsigned deliveries only when verification was explicitly turned off', async () => {
		const unsigned = signedRequest(profilePayload(), { signature: null });
		expect((await newTrigger().deliver(unsigned)).status).toBe(401);
		const result = await newTrigger({ verifySignature: false }).deliver(unsigned);
		expect(emittedJson(result)).toHaveLength(1);
	});
});
