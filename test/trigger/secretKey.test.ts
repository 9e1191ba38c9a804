import { FRESH_READS_PER_SECOND, SECRET_KEY_CACHE_MS } from '../../nodes/GameballTrigger/secretKey';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { CREDENTIALS, emittedJson, newTrigger, profilePayload, sign, signedRequest } from './fixtures';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const NEW_KEY = 'sk_test_rotated_0000';

/** A trigger whose credential can be changed in place (same credential id, as when a key is rotated in n8n). */
function rotatableTrigger(secretKey: string) {
	const credentials = { gameballApi: { ...CREDENTIALS.gameballApi, secretKey } };
	return { trigger: newTrigger({}, {}, credentials), credential: credentials.gameballApi };
}

function delivery(n: number, secret: string) {
	const raw = JSON.stringify(profilePayload({ customer_id: `secret-cache-${n}` }));
	return signedRequest(undefined, { raw, signature: sign(raw, 'hex', secret) });
}

describe('the Secret Key is read from the credential once per 30 s, and again when it does not verify', () => {
	let clock: jest.SpyInstance<number, []>;
	let reads: jest.SpyInstance;

	beforeEach(() => {
		clock = jest.spyOn(Date, 'now').mockReturnValue(T0);
		reads = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
	});

	afterEach(() => jest.restoreAllMocks());

	it('reads the credential for the first delivery only, until the cache expires', async () => {
		const { trigger } = rotatableTrigger('sk_cache_1');
		for (let n = 0; n < 5; n++) expect(emittedJson(await trigger.deliver(delivery(n, 'sk_cache_1')))).toHaveLength(1);
		expect(reads).toHaveBeenCalledTimes(1);
		clock.mockReturnValue(T0 + SECRET_KEY_CACHE_MS);
		expect(emittedJson(await trigger.deliver(delivery(5, 'sk_cache_1')))).toHaveLength(1);
		expect(reads).toHaveBeenCalledTimes(2);
	});

	it('accepts a rotated key at once and refuses the old one from then on', async () => {
		const { trigger, credential } = rotatableTrigger('sk_cache_2');
		expect(emittedJson(await trigger.deliver(delivery(10, 'sk_cache_2')))).toHaveLength(1);
		credential.secretKey = NEW_KEY;
		expect(emittedJson(await trigger.deliver(delivery(11, NEW_KEY)))).toHaveLength(1);
		const old = await trigger.deliver(delivery(12, 'sk_cache_2'));
		expect(old.status).toBe(401);
		expect(old.emitted).toBeUndefined();
		expect(reads).toHaveBeenCalledTimes(3);
	});

	it('accepts a replaced key for at most 30 s when no delivery signed with the new one came first', async () => {
		const { trigger, credential } = rotatableTrigger('sk_cache_3');
		expect(emittedJson(await trigger.deliver(delivery(20, 'sk_cache_3')))).toHaveLength(1);
		credential.secretKey = NEW_KEY;
		clock.mockReturnValue(T0 + SECRET_KEY_CACHE_MS - 1);
		expect(emittedJson(await trigger.deliver(delivery(21, 'sk_cache_3')))).toHaveLength(1);
		clock.mockReturnValue(T0 + SECRET_KEY_CACHE_MS);
		expect((await trigger.deliver(delivery(22, 'sk_cache_3'))).status).toBe(401);
	});

	it('re-reads the key for a forged delivery and still refuses it, without remembering it', async () => {
		const { trigger } = rotatableTrigger('sk_cache_4');
		await trigger.deliver(delivery(30, 'sk_cache_4'));
		for (let n = 31; n < 34; n++) expect((await trigger.deliver(delivery(n, 'forged'))).status).toBe(401);
		expect(reads).toHaveBeenCalledTimes(4);
		expect(emittedJson(await trigger.deliver(delivery(31, 'sk_cache_4')))).toHaveLength(1);
	});

	it(`re-reads the key for at most ${FRESH_READS_PER_SECOND} forged deliveries a second; a rotated key works again the next second`, async () => {
		const { trigger, credential } = rotatableTrigger('sk_cache_10');
		await trigger.deliver(delivery(400, 'sk_cache_10'));
		for (let n = 401; n < 421; n++) expect((await trigger.deliver(delivery(n, 'forged'))).status).toBe(401);
		expect(reads).toHaveBeenCalledTimes(1 + FRESH_READS_PER_SECOND);

		// The budget of this second is spent: the kept key judges, and Gameball would retry the refused delivery.
		credential.secretKey = NEW_KEY;
		expect((await trigger.deliver(delivery(421, NEW_KEY))).status).toBe(401);
		expect(reads).toHaveBeenCalledTimes(1 + FRESH_READS_PER_SECOND);
		clock.mockReturnValue(T0 + 1000);
		expect(emittedJson(await trigger.deliver(delivery(421, NEW_KEY)))).toHaveLength(1);
		expect(reads).toHaveBeenCalledTimes(2 + FRESH_READS_PER_SECOND);
	});

	it(`re-reads the key at most ${FRESH_READS_PER_SECOND} times in any 1,000 ms, across a clock second's boundary too`, async () => {
		const { trigger } = rotatableTrigger('sk_cache_11');
		await trigger.deliver(delivery(500, 'sk_cache_11'));
		clock.mockReturnValue(T0 + 999);
		for (let n = 501; n < 511; n++) expect((await trigger.deliver(delivery(n, 'forged'))).status).toBe(401);
		expect(reads).toHaveBeenCalledTimes(1 + FRESH_READS_PER_SECOND);
		clock.mockReturnValue(T0 + 1000); // a new clock second, but the last re-reads were 1 ms ago
		for (let n = 511; n < 521; n++) expect((await trigger.deliver(delivery(n, 'forged'))).status).toBe(401);
		expect(reads).toHaveBeenCalledTimes(1 + FRESH_READS_PER_SECOND);
		clock.mockReturnValue(T0 + 1999);
		expect((await trigger.deliver(delivery(521, 'forged'))).status).toBe(401);
		expect(reads).toHaveBeenCalledTimes(2 + FRESH_READS_PER_SECOND);
	});

	it('takes an emptied key within 30 s: from then on every delivery is refused', async () => {
		const { trigger, credential } = rotatableTrigger('sk_cache_5');
		await trigger.deliver(delivery(40, 'sk_cache_5'));
		credential.secretKey = '';
		expect(emittedJson(await trigger.deliver(delivery(41, 'sk_cache_5')))).toHaveLength(1);
		expect(reads).toHaveBeenCalledTimes(1);
		clock.mockReturnValue(T0 + SECRET_KEY_CACHE_MS);
		expect((await trigger.deliver(delivery(42, 'sk_cache_5'))).status).toBe(401);
	});

	it('reads the key once for deliveries that arrive together while none is cached, and again once it expires', async () => {
		const { trigger } = rotatableTrigger('sk_cache_8');
		const together = (from: number) =>
			Promise.all(Array.from({ length: 20 }, (_, n) => trigger.deliver(delivery(from + n, 'sk_cache_8'))));
		for (const result of await together(100)) expect(emittedJson(result)).toHaveLength(1);
		expect(reads).toHaveBeenCalledTimes(1);
		clock.mockReturnValue(T0 + SECRET_KEY_CACHE_MS);
		for (const result of await together(200)) expect(emittedJson(result)).toHaveLength(1);
		expect(reads).toHaveBeenCalledTimes(2);
	});

	it('fails every delivery that waited on a failed read, and reads again for the next one', async () => {
		const { trigger } = rotatableTrigger('sk_cache_9');
		reads.mockRejectedValueOnce(new Error('credential store unavailable'));
		const settled = await Promise.allSettled([300, 301, 302].map((n) => trigger.deliver(delivery(n, 'sk_cache_9'))));
		expect(settled.map(({ status }) => status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(reads).toHaveBeenCalledTimes(1);
		expect(emittedJson(await trigger.deliver(delivery(300, 'sk_cache_9')))).toHaveLength(1);
		expect(reads).toHaveBeenCalledTimes(2);
	});

	it('keeps one cache entry per credential: two credentials do not share a key', async () => {
		const first = rotatableTrigger('sk_cache_6');
		const second = rotatableTrigger('sk_cache_7');
		expect(emittedJson(await first.trigger.deliver(delivery(50, 'sk_cache_6')))).toHaveLength(1);
		expect(emittedJson(await second.trigger.deliver(delivery(51, 'sk_cache_7')))).toHaveLength(1);
		expect((await second.trigger.deliver(delivery(52, 'sk_cache_6'))).status).toBe(401);
	});
});
