import type { IDataObject } from 'n8n-workflow';

import {
	asNumber,
	asText,
	MAX_NOTIFICATION_ENTRIES,
	pickLanguages,
	readEnvelope,
	readProfile,
} from '../../nodes/GameballTrigger/deliveries';
import { emittedJson, newTrigger, notificationPayload, profilePayload, signedRequest } from './fixtures';

const PROFILE_FIELDS = [
	'event',
	'clientId',
	'customerId',
	'gbCustomerId',
	'createdAt',
	'email',
	'mobileNumber',
	'tierName',
	'tierOrder',
	'referralCode',
	'referralLink',
	'activatedPoints',
	'pendingPoints',
	'totalPoints',
	'deliveryId',
];

describe('deliveries.ts', () => {
	it('coerces numbers and texts without inventing values', () => {
		expect([asNumber(90), asNumber('90'), asNumber(' 12.5 '), asNumber(''), asNumber('abc'), asNumber(null)]).toEqual([
			90,
			90,
			12.5,
			null,
			null,
			null,
		]);
		expect(asNumber(Number.NaN)).toBeNull();
		// Decimal text only: no points are written in hex, binary or as "Infinity".
		expect(['0x20', '0b1', '0o7', 'Infinity', '-1e3', '.5'].map(asNumber)).toEqual([null, null, null, null, -1000, 0.5]);
		expect([asText('a'), asText(1234), asText(true), asText(null), asText({}), asText(undefined)]).toEqual([
			'a',
			'1234',
			'true',
			null,
			null,
			null,
		]);
	});

	it('reads gb_customer_id given as a number and as a string to the same string', () => {
		expect(readEnvelope(profilePayload({ gb_customer_id: 1234 }), 'd').fields.gbCustomerId).toBe('1234');
		expect(readEnvelope(profilePayload({ gb_customer_id: '1234' }), 'd').fields.gbCustomerId).toBe('1234');
	});

	it('reads a profile whose data is missing, null, an array or a string as all-null fields', () => {
		for (const data of [undefined, null, [], 'text', 42]) {
			const profile = readProfile(data);
			expect(Object.values(profile).every((value) => value === null)).toBe(true);
		}
	});

	it('keeps preferred languages in preference order, else the first one sent', () => {
		const entries = ['en', 'ar', 'fr'].map((language) => ({ language }));
		expect(pickLanguages(entries, ['fr', 'en']).map((entry) => entry.language)).toEqual(['fr', 'en']);
		expect(pickLanguages(entries, ['de']).map((entry) => entry.language)).toEqual(['en']);
		expect(pickLanguages(entries, []).map((entry) => entry.language)).toEqual(['en', 'ar', 'fr']);
		expect(pickLanguages([], ['en'])).toEqual([]);
	});

	it('gives one item per language without a preference: an entry repeated in its language (any case) is sent once', async () => {
		const entry = { local: 'en', title: 'You earned points', body: 'You got 10 points' };
		const data = [entry, { ...entry, local: 'ar', title: 'مبروك' }, { ...entry, local: 'EN' }, { title: 'no language' }, { title: 'none either' }];
		const items = emittedJson(await newTrigger().deliver(signedRequest(notificationPayload({ data }))));
		expect(items.map((item) => [item.language, item.title])).toEqual([
			['en', 'You earned points'],
			['ar', 'مبروك'],
			[null, 'no language'],
			[null, 'none either'],
		]);
	});

	it('reads a blank tier name or referral code as none: no name, and no change of name or code', async () => {
		expect(readProfile({ tier_name: '  ', referral_code: '', tier_order: 2 })).toMatchObject({ tierName: null, referralCode: null, tierOrder: 2 });
		const trigger = newTrigger();
		const at = (minute: number) => `2024-11-19T17:0${minute}:00.000Z`;
		await trigger.deliver(signedRequest(profilePayload({ customer_id: 'blank-tier', created_at: at(1) }, { tier_order: 1, tier_name: 'basic', referral_code: 'R1' })));
		const [profile, tier] = emittedJson(
			await trigger.deliver(signedRequest(profilePayload({ customer_id: 'blank-tier', created_at: at(2) }, { tier_order: 2, tier_name: '  ', referral_code: '' }))),
		);
		expect(profile).toMatchObject({ tierName: null, referralCode: null, changes: { tierOrder: { previous: 1, current: 2, delta: 1 } } });
		expect(profile.changes).not.toHaveProperty('tierName');
		expect(profile.changes).not.toHaveProperty('referralCode');
		expect(tier).toMatchObject({ event: 'gameball.tier.changed', tierName: null, previousTierName: 'basic' });
	});
});

describe('Gameball Trigger items through n8n-core', () => {
	it('turns the documented profile sample into one flat, typed item', async () => {
		const result = await newTrigger().deliver(signedRequest(profilePayload()));
		const [item] = emittedJson(result);
		expect(Object.keys(item).sort()).toEqual([...PROFILE_FIELDS, 'changes', 'outOfOrder'].sort());
		expect(item).toMatchObject({
			event: 'customer.profile.updated',
			clientId: '2155',
			customerId: 'webhook-test',
			gbCustomerId: '1234',
			createdAt: '2024-11-19T17:34:42.297Z',
			email: 'customer@example.com',
			mobileNumber: '+XX-XXXX-XXXX',
			tierName: 'basic',
			tierOrder: 1,
			referralCode: 'referral_123',
			referralLink: 'www.example.com',
			activatedPoints: 90,
			pendingPoints: 10,
			totalPoints: 100,
			changes: null,
			outOfOrder: false,
		});
		expect(item.deliveryId).toMatch(/^[0-9a-f]{40}$/);
		expect(result.emitted?.[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('coerces numeric strings (gb_customer_id as a string, points as strings)', async () => {
		const payload = profilePayload({ gb_customer_id: '98765' }, { tier_order: '3', activated_points: '12.5', total_points: '20' });
		const [item] = emittedJson(await newTrigger().deliver(signedRequest(payload)));
		expect(item).toMatchObject({ gbCustomerId: '98765', tierOrder: 3, activatedPoints: 12.5, totalPoints: 20 });
	});

	const envelopeFields = ['client_id', 'customer_id', 'gb_customer_id', 'created_at'];
	const dataFields = Object.keys(profilePayload().data as IDataObject);
	const cases: Array<[string, 'missing' | 'null', 'envelope' | 'data']> = [];
	for (const field of envelopeFields) cases.push([field, 'missing', 'envelope'], [field, 'null', 'envelope']);
	for (const field of dataFields) cases.push([field, 'missing', 'data'], [field, 'null', 'data']);

	it.each(cases)('emits a profile item when %s is %s (%s)', async (field, how, where) => {
		const payload = profilePayload();
		const target = where === 'envelope' ? payload : (payload.data as IDataObject);
		if (how === 'missing') delete target[field];
		else target[field] = null;
		const result = await newTrigger().deliver(signedRequest(payload));
		const [item] = emittedJson(result);
		expect(item.event).toBe('customer.profile.updated');
		const camel = field.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
		expect(item[camel]).toBeNull();
	});

	it.each([
		['missing', undefined],
		['null', null],
		['an array', [{ email: 'a@example.com' }]],
		['text', 'profile'],
	])('refuses a profile update whose data is %s (400): it would run the workflow with every field empty', async (_how, data) => {
		const payload = profilePayload();
		if (data === undefined) delete payload.data;
		else payload.data = data as never;
		const result = await newTrigger().deliver(signedRequest(payload));
		expect([result.status, result.sent, emittedJson(result)]).toEqual([400, { message: 'profile-data-not-an-object' }, []]);
	});

	it('makes one notification item per language, with `local` read as `language`', async () => {
		const items = emittedJson(await newTrigger().deliver(signedRequest(notificationPayload())));
		expect(items.map((item) => item.language)).toEqual(['en', 'ar', 'fr']);
		expect(items[1]).toEqual({
			event: 'customer.notification.push',
			clientId: '2155',
			customerId: 'webhook-test',
			gbCustomerId: '1234',
			createdAt: '2024-11-19T17:40:00.000Z',
			deliveryId: items[0].deliveryId,
			language: 'ar',
			title: 'لقد ربحت نقاطًا',
			body: 'حصلت على 10 نقاط',
			icon: 'https://cdn.example.com/badge.png',
		});
	});

	it('keeps only the preferred languages, in order, falling back to the first one sent', async () => {
		const preferred = await newTrigger({ options: { preferredLanguages: 'FR, en' } }).deliver(
			signedRequest(notificationPayload()),
		);
		expect(emittedJson(preferred).map((item) => item.language)).toEqual(['fr', 'en']);
		const fallback = await newTrigger({ options: { preferredLanguages: 'de' } }).deliver(signedRequest(notificationPayload()));
		expect(emittedJson(fallback).map((item) => item.language)).toEqual(['en']);
		const repeated = await newTrigger({ options: { preferredLanguages: 'en, FR, En' } }).deliver(signedRequest(notificationPayload()));
		expect(emittedJson(repeated).map((item) => item.language)).toEqual(['en', 'fr']);
	});

	it('survives notification entries that are null, partial or not objects; one with neither title nor body gives no item', async () => {
		const payload = notificationPayload({ data: [null, 'x', { local: 'en', icon: 'i.png' }, { title: ' ' }, { title: 'Only a title', icon: ' ' }] });
		const items = emittedJson(await newTrigger().deliver(signedRequest(payload)));
		expect(items).toEqual([expect.objectContaining({ language: null, title: 'Only a title', body: null, icon: null })]);
	});

	it('runs nothing for a notification with no entry holding a message (an empty push would be sent)', async () => {
		for (const data of [{}, [{}], [{ local: 'en', title: '', body: null }]]) {
			const result = await newTrigger().deliver(signedRequest(notificationPayload({ data })));
			expect([result.status, emittedJson(result)]).toEqual([200, []]);
		}
	});

	it.each([
		[['en-us', 'en'], ['en-gb'], ['en']],
		[['en-us', 'en'], ['en-gb', 'en'], ['en']],
		[['en', 'zh-hans'], ['zh-hant'], ['en']],
		[['en', 'zh-cn'], ['zh-tw'], ['en']],
		[['ar', 'en-US'], ['en'], ['en-US']],
		[['ar', 'en', 'en_GB'], ['en-gb'], ['en_GB']],
		[['ar', 'EN_us'], ['en_us'], ['EN_us']],
	])('never lets one region or script stand in for another: sent %j, preferred %j, picked %j', (sent, preferred, picked) => {
		const entries = sent.map((language) => ({ language }));
		expect(pickLanguages(entries, preferred).map((entry) => entry.language)).toEqual(picked);
	});

	it('without Preferred Languages, sends a language written two ways (en_US, en-us) once', () => {
		const entries = ['en_US', ' en-us', 'ar', 'EN-US'].map((language) => ({ language }));
		expect(pickLanguages(entries, []).map((entry) => entry.language)).toEqual(['en_US', 'ar']);
	});

	it('matches Preferred Languages to codes sent with spaces, in another case, or with a region', async () => {
		const entry = (local: string) => ({ local, title: `in ${local}`, body: 'b', icon: '' });
		const payload = notificationPayload({ data: [entry('ar'), entry(' EN-us '), entry('fr')] });
		const picked = await newTrigger({ options: { preferredLanguages: 'en, fr, en-gb' } }).deliver(signedRequest(payload));
		expect(emittedJson(picked).map((item) => item.title)).toEqual(['in  EN-us ', 'in fr']);
		expect(emittedJson(picked).map((item) => item.language)).toEqual(['EN-us', 'fr']);
	});

	it('refuses a notification with more language entries than the limit, instead of one item per entry', async () => {
		const entries = (count: number) => Array.from({ length: count }, (_unused, index) => ({ local: `l${index}`, title: 't' }));
		const atLimit = await newTrigger().deliver(signedRequest(notificationPayload({ data: entries(MAX_NOTIFICATION_ENTRIES) })));
		expect(emittedJson(atLimit)).toHaveLength(MAX_NOTIFICATION_ENTRIES);
		const flood = await newTrigger().deliver(signedRequest(notificationPayload({ data: entries(MAX_NOTIFICATION_ENTRIES + 1) })));
		expect(flood).toMatchObject({ status: 400, answeredByNode: true, sent: { message: 'too-many-notification-entries' } });
		expect(emittedJson(flood)).toHaveLength(0);
		// With Simplify off the delivery is one item whatever it holds, so it is kept.
		const raw = await newTrigger({ simplify: false }).deliver(signedRequest(notificationPayload({ data: entries(1000) })));
		expect(emittedJson(raw)).toHaveLength(1);
	});

	it('answers 200 and runs nothing for a notification without entries', async () => {
		const result = await newTrigger().deliver(signedRequest(notificationPayload({ data: [] })));
		expect(result).toMatchObject({ status: 200, answeredByNode: false });
		expect(result.response).toEqual({});
	});

	it('gives the raw payload and headers without the signature or credentials when Simplify is off', async () => {
		const payload = profilePayload();
		// Credentials a proxy in front of n8n may add are not shown either.
		const proxied = { 'x-request-id': 'r1', authorization: 'Bearer proxy-token', 'proxy-authorization': 'Basic cHJveHk=', cookie: 'session=s1' };
		const result = await newTrigger({ simplify: false }).deliver(signedRequest(payload, { headers: proxied }));
		const [item] = emittedJson(result);
		expect(item.event).toBe('customer.profile.updated');
		expect(item.body).toEqual(payload);
		expect(item.headers).toEqual({ 'content-type': 'application/json', 'x-gb-webhook-version': 'v4', 'x-request-id': 'r1' });
		const notification = emittedJson(await newTrigger({ simplify: false }).deliver(signedRequest(notificationPayload())));
		expect(notification).toHaveLength(1);
		expect(notification[0]).toMatchObject({ event: 'customer.notification.push', body: notificationPayload() });
		// Only a profile update can come late: its raw item says so, a notification's has no such key.
		expect(Object.keys(item).sort()).toEqual(['body', 'deliveryId', 'event', 'headers', 'outOfOrder']);
		expect(item.outOfOrder).toBe(false);
		expect(Object.keys(notification[0]).sort()).toEqual(['body', 'deliveryId', 'event', 'headers']);
	});

	it.each([
		['an unknown topic', { ...profilePayload(), event: 'customer.deleted' }],
		['no topic', { ...profilePayload(), event: undefined }],
		['a non-string topic', { ...profilePayload(), event: 42 }],
	])('answers 200 and runs nothing for %s', async (_label, payload) => {
		const result = await newTrigger().deliver(signedRequest(payload));
		expect(result).toMatchObject({ status: 200, answeredByNode: false });
		expect(result.response).toEqual({});
		expect(result.emitted).toBeUndefined();
	});

	it('answers 200 and runs nothing for a topic that is not selected', async () => {
		const trigger = newTrigger({ events: ['notification'] });
		const result = await trigger.deliver(signedRequest(profilePayload()));
		expect(result.response).toEqual({});
		expect(emittedJson(await trigger.deliver(signedRequest(notificationPayload())))).toHaveLength(3);
	});

	it.each([
		['plain text', 'hello'],
		['truncated JSON', '{"event":"customer.profile.updated",'],
		['a JSON array', '[1,2,3]'],
		['a JSON string', '"customer.profile.updated"'],
		['an empty body', ''],
	])('answers 400 and runs nothing for %s (signed)', async (_label, raw) => {
		const result = await newTrigger().deliver(signedRequest(undefined, { raw, headers: { 'content-type': 'text/plain' } }));
		expect(result.status).toBe(400);
		expect(result.response.noWebhookResponse).toBe(true);
		expect(result.emitted).toBeUndefined();
	});

	it('answers 401, not 400, to an unsigned non-JSON body', async () => {
		const result = await newTrigger().deliver(signedRequest(undefined, { raw: 'hello', signature: null }));
		expect(result.status).toBe(401);
	});

	it('answers 413 over 1 MB by default, and over the configured bound', async () => {
		const big = profilePayload({}, { referral_link: 'x'.repeat(1024 * 1024) });
		expect((await newTrigger().deliver(signedRequest(big))).status).toBe(413);
		const small = profilePayload({}, { referral_link: 'x'.repeat(3000) });
		expect(emittedJson(await newTrigger().deliver(signedRequest(small)))).toHaveLength(1);
		expect((await newTrigger({ options: { maxBodySizeKb: 2 } }).deliver(signedRequest(small))).status).toBe(413);
	});

	it('runs a real execution with the emitted items', async () => {
		const trigger = newTrigger();
		const first = await trigger.deliver(signedRequest(profilePayload()));
		const run = await trigger.execute(first.emitted ?? []);
		expect(run.run.status).toBe('success');
		expect(run.error).toBeUndefined();
		expect(run.outputs[0].map((item) => item.json.event)).toEqual(['customer.profile.updated']);
	});
});
