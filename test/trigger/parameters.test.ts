import type { IDataObject, INodeParameters, INodeProperties, INodeType, IWebhookFunctions } from 'n8n-workflow';

import { readParameter } from '../../nodes/GameballTrigger/parameters';
import { holdsExpression } from '../../nodes/parameters';
import { packageNodes } from '../harness/nodeTypes';
import { WebhookHarness } from '../harness/run';
import { emittedJson, newTrigger, notificationPayload, profilePayload, sign, signedRequest } from './fixtures';

const trigger = packageNodes['n8n-nodes-gameball.gameballTrigger'] as INodeType;
const topLevelNames = trigger.description.properties.filter((property) => property.type !== 'notice').map(({ name }) => name);

/** Every property, options of collections included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties(((property.options ?? []) as INodeProperties[]).filter((option) => 'type' in option)),
	]);
}

/** The trigger's description, whose webhook() answers each parameter as read both ways. */
packageNodes['n8n-nodes-gameball.parameterProbe'] = {
	description: trigger.description,
	async webhook(this: IWebhookFunctions) {
		const readings = topLevelNames.map((name) => ({
			name,
			read: readParameter(this, name, null),
			resolved: this.getNodeParameter(name, null),
		}));
		return { workflowData: [[{ json: { readings } as unknown as IDataObject }]] };
	},
};

async function readingsFor(parameters: INodeParameters) {
	const probe = new WebhookHarness({ type: 'parameterProbe', parameters });
	const result = await probe.deliver({ method: 'POST', rawBody: '{}' });
	return emittedJson(result)[0].readings as Array<{ name: string; read: unknown; resolved: unknown }>;
}

describe('parameters.ts: the trigger reads a parameter as n8n would resolve it', () => {
	it('tells expressions, nested ones included, from plain values', () => {
		expect(holdsExpression('={{ 1 }}')).toBe(true);
		expect(holdsExpression({ deduplicate: true, maxBodySizeKb: '={{ 2 }}' })).toBe(true);
		expect(holdsExpression(['profileUpdated', '={{ "tierChanged" }}'])).toBe(true);
		expect(holdsExpression('v4')).toBe(false);
		expect(holdsExpression('a = b')).toBe(false);
		expect(holdsExpression({ preferredLanguages: 'en, ar', maxBodySizeKb: 64, deduplicate: false })).toBe(false);
		expect(holdsExpression([])).toBe(false);
		expect(holdsExpression(null)).toBe(false);
	});

	it('gives what getNodeParameter gives, through n8n-core, with and without expressions', async () => {
		const parameterSets: INodeParameters[] = [
			{},
			{ source: 'v4', events: ['tierChanged'], verifySignature: false, simplify: false, options: { maxBodySizeKb: 8 } },
			{ source: 'automation', automationMethod: 'PUT', headerName: '={{ "X-" + "Secret" }}', headerSecret: '={{ "s" + 1 }}' },
			{ events: '={{ ["pointsChanged", "notification"] }}', simplify: '={{ 1 > 2 }}' },
			{ options: { deduplicate: true, customerMemorySize: '={{ 40 * 10 }}', preferredLanguages: 'ar, en' } },
		];
		for (const parameters of parameterSets) {
			const readings = await readingsFor(parameters);
			expect(readings.map(({ name }) => name)).toEqual(topLevelNames);
			for (const { name, read, resolved } of readings) expect({ name, read }).toEqual({ name, read: resolved });
		}
		const automation = await readingsFor(parameterSets[2]);
		expect(automation.find(({ name }) => name === 'headerSecret')?.read).toBe('s1');
		const v4 = await readingsFor(parameterSets[4]);
		expect(v4.find(({ name }) => name === 'options')?.read).toEqual({ deduplicate: true, customerMemorySize: 400, preferredLanguages: 'ar, en' });
	});

	it('relies on no trigger parameter declaring a validateType (n8n would then convert the value)', () => {
		const typed = allProperties(trigger.description.properties).filter((property) => property.validateType !== undefined);
		expect(typed.map(({ name }) => name)).toEqual([]);
		expect(allProperties(trigger.description.properties).map(({ name }) => name)).toContain('customerMemorySize');
	});

	it('applies options set by expression to deliveries', async () => {
		const body = JSON.stringify(profilePayload({ customer_id: 'expression-options', padding: 'x'.repeat(2048) }));
		const request = () => signedRequest(undefined, { raw: body, signature: sign(body, 'hex') });
		const limited = newTrigger({ options: { maxBodySizeKb: '={{ 1 }}' } });
		expect((await limited.deliver(request())).status).toBe(413);
		const [raw] = emittedJson(await newTrigger({ simplify: '={{ 1 > 2 }}' }).deliver(request()));
		expect(raw).toMatchObject({ event: 'customer.profile.updated', body: { customer_id: 'expression-options' } });
	});

	it('reads number and switch options given as text (an expression\'s, an imported workflow\'s): a protection is never turned off by one', async () => {
		const old = (customerId: string) => signedRequest(profilePayload({ customer_id: customerId, created_at: '2020-01-01T00:00:00.000Z' }));
		for (const maxDeliveryAgeMinutes of ['={{ "180" }}', '180']) {
			const result = await newTrigger({ options: { maxDeliveryAgeMinutes } }).deliver(old(`age-${maxDeliveryAgeMinutes}`));
			expect([result.status, result.sent, emittedJson(result)]).toEqual([400, { message: 'delivery-too-old' }, []]);
		}
		const body = JSON.stringify(profilePayload({ customer_id: 'text-size', padding: 'x'.repeat(2048) }));
		const limited = newTrigger({ options: { maxBodySizeKb: '={{ "1" }}' } });
		expect((await limited.deliver(signedRequest(undefined, { raw: body, signature: sign(body, 'hex') }))).status).toBe(413);
		const [raw] = emittedJson(await newTrigger({ simplify: '={{ "false" }}' }).deliver(signedRequest(profilePayload({ customer_id: 'text-simplify' }))));
		expect(raw).toMatchObject({ body: { customer_id: 'text-simplify' } });
		// Verification is turned off only by a stored false, where the editor shows its warning: "false" as text keeps it on.
		const forged = signedRequest(profilePayload({ customer_id: 'text-verify' }), { signature: 'f'.repeat(40) });
		expect((await newTrigger({ verifySignature: '={{ "false" }}' }).deliver(forged)).status).toBe(401);
		const repeat = signedRequest(profilePayload({ customer_id: 'text-dedup' }));
		const noDedup = newTrigger({ options: { deduplicate: '={{ "false" }}' } });
		expect(emittedJson(await noDedup.deliver(repeat))).toHaveLength(1);
		expect(emittedJson(await noDedup.deliver(repeat))).toHaveLength(1);
	});

	it('stops a delivery, naming the option, when a number option cannot be read: it is not run as if the option were off', async () => {
		const unreadable = newTrigger({ options: { maxDeliveryAgeMinutes: '={{ "three hours" }}' } });
		await expect(unreadable.deliver(signedRequest(profilePayload({ customer_id: 'unreadable-age' })))).rejects.toThrow(
			'"Refuse Deliveries Older Than (Minutes)" must be a number (got "three hours")',
		);
	});

	it.each(['={{ "" }}', '={{ undefined }}'])(
		'stops a delivery when Refuse Deliveries Older Than was added but its expression (%s) gives nothing: replay protection is not turned off unseen',
		async (maxDeliveryAgeMinutes) => {
			const old = signedRequest(profilePayload({ customer_id: `blank-age-${maxDeliveryAgeMinutes}`, created_at: '2001-01-01T00:00:00.000Z' }));
			await expect(newTrigger({ options: { maxDeliveryAgeMinutes } }).deliver(old)).rejects.toThrow('"Refuse Deliveries Older Than (Minutes)" is empty');
		},
	);

	it.each([-180, '-180', '={{ -180 }}', '={{ NaN }}', '={{ parseInt("none") }}'])(
		'stops a delivery when Refuse Deliveries Older Than is negative or not a number (%s): replay protection is not turned off unseen',
		async (maxDeliveryAgeMinutes) => {
			const old = signedRequest(profilePayload({ customer_id: `negative-age-${maxDeliveryAgeMinutes}`, created_at: '2001-01-01T00:00:00.000Z' }));
			await expect(newTrigger({ options: { maxDeliveryAgeMinutes } }).deliver(old)).rejects.toThrow(
				/"Refuse Deliveries Older Than \(Minutes\)" must be (0 or more \(got (-180|NaN)\)|a number)/,
			);
		},
	);

	it('reads Preferred Languages and Headers to Keep from an expression as text or a list, and refuses anything else by name', async () => {
		const notification = () => signedRequest(notificationPayload({ data: [{ local: 'en', title: 'Hi' }, { local: 'ar', title: 'أهلا' }] }));
		const asList = emittedJson(await newTrigger({ options: { preferredLanguages: '={{ ["ar"] }}' } }).deliver(notification()));
		expect(asList.map((item) => item.language)).toEqual(['ar']);
		await expect(newTrigger({ options: { preferredLanguages: '={{ { "ar": true } }}' } }).deliver(notification())).rejects.toThrow(
			'"Preferred Languages" must be text such as "en, ar" (got object)',
		);
		const oddHeaders = newTrigger({ source: 'automation', automationMethod: 'POST', headerName: 'X-S', headerSecret: 's', options: { keepHeaders: '={{ {} }}' } } as never, {}, {});
		await expect(oddHeaders.deliver({ method: 'POST', rawBody: '{}', headers: { 'x-s': 's' } })).rejects.toThrow('"Headers to Keep" must be text such as "X-Campaign-Name, X-Source" (got object)');
		const automation = newTrigger({ source: 'automation', automationMethod: 'POST', headerName: 'X-S', headerSecret: 's', options: { keepHeaders: '={{ ["X-Campaign"] }}' } } as never, {}, {});
		const kept = await automation.deliver({ method: 'POST', rawBody: '{}', headers: { 'x-s': 's', 'x-campaign': 'c1' } });
		expect(emittedJson(kept)[0].headers).toEqual({ 'x-campaign': 'c1' });
	});

	it('still turns replay protection off at 0, or when the option is not added', async () => {
		const old = (customerId: string) => signedRequest(profilePayload({ customer_id: customerId, created_at: '2001-01-01T00:00:00.000Z' }));
		expect(emittedJson(await newTrigger({ options: { maxDeliveryAgeMinutes: 0 } }).deliver(old('age-zero')))).toHaveLength(1);
		expect(emittedJson(await newTrigger({ options: {} }).deliver(old('age-unset')))).toHaveLength(1);
	});

	it('refuses an Events list that holds no event this version knows, rather than reading it as all events', async () => {
		const fromAnotherVersion = newTrigger({ events: ['pointsExpired'] });
		await expect(fromAnotherVersion.deliver(signedRequest(profilePayload({ customer_id: 'unknown-events' })))).rejects.toThrow(
			'The Events parameter holds no event this version knows: pointsExpired',
		);
		// Known events beside an unknown one still select those.
		const mixed = newTrigger({ events: ['pointsExpired', 'tierChanged'] });
		expect(emittedJson(await mixed.deliver(signedRequest(profilePayload({ customer_id: 'mixed-events' }))))).toEqual([]);
	});

	it('refuses an Events value that is not a list with a clear error', async () => {
		const body = JSON.stringify(profilePayload({ customer_id: 'events-not-a-list' }));
		const imported = newTrigger({ events: 'tierChanged' });
		await expect(imported.deliver(signedRequest(undefined, { raw: body }))).rejects.toThrow('The Events parameter must be a list');
	});
});
