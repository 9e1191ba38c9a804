// Scenario 14: examples/loyalty-gameball-to-zoho.json as a user imports it, run by the live n8n: simulator
// deliveries go through the Gameball Trigger and Loyalty to CRM into n8n's own Zoho CRM and HTTP Request nodes,
// which talk to a fake Zoho (fakeZoho.ts; only the domain and the credentials are changed, see
// e2e/workflows/crmExamples.js). The records it ends up with are checked, and every request it saw.
import { startFakeZoho, type FakeZoho } from './fakeZoho';
import { createCustomer, playOnce, rewardCashback, startRunSimulator } from './simulator';
import type { Simulator } from '../../simulator';
import { runContext } from './support';

const context = runContext();
const ready = context.landed.trigger && context.landed.crm && context.landed.simulator && context.crmFakePorts.zoho !== undefined;
const describeIfLanded = ready ? describe : describe.skip;

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

const SUCCESS = [{ status: 'success', error: null }];

describeIfLanded(`n8n ${context.n8nVersion}: the Zoho CRM example against a fake Zoho`, () => {
	let sim: Simulator;
	let zoho: FakeZoho;
	const customerId = `zoho-${Date.now()}`;
	const run = (action: () => Promise<unknown>) => playOnce(context, sim, context.workflowIds.zohoExample, action);

	const onlyContact = () => {
		expect(zoho.contacts.size).toBe(1);
		return [...zoho.contacts.values()][0];
	};

	beforeAll(async () => {
		zoho = await startFakeZoho(context.crmFakePorts.zoho as number, context.crmFakeToken);
		sim = await startRunSimulator(context, [context.triggerUrls.zohoExample], { autoNotifications: false });
	});
	afterAll(async () => {
		await sim?.stop();
		await zoho?.stop();
	});

	test('a new customer: nobody matches (204), so the contact is created with the loyalty fields', async () => {
		expect(await run(() => createCustomer(sim, customerId))).toEqual(SUCCESS);
		expect(zoho.requests.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
			'GET /crm/v3/Contacts/search 204',
			'POST /crm/v2/contacts 201',
		]);
		expect(zoho.requests[0].query).toEqual({ criteria: `(Email:equals:${customerId}@example.com)` });
		const contact = onlyContact();
		expect(contact).toMatchObject({
			Last_Name: customerId,
			Email: `${customerId}@example.com`,
			Loyalty_Customer_Id: customerId,
			Loyalty_Tier: 'Bronze',
			Loyalty_Last_Event: expect.stringContaining('Bronze'),
		});
		expect(Number(contact.Loyalty_Points_Available)).toBe(0);
		expect(contact.Loyalty_Last_Event_At).toMatch(DATE_TIME);
		expect([zoho.tasks, zoho.notes, [...zoho.tags.values()].flat()]).toEqual([[], [], []]);
	});

	test('reaching Silver updates that contact (its name untouched), tags it, and adds a task and a note linked to it', async () => {
		const seen = zoho.requests.length;
		expect(await run(() => rewardCashback(sim, customerId, 150, `zoho-order-${customerId}`))).toEqual(SUCCESS);
		const contact = onlyContact();
		expect(contact).toMatchObject({ Last_Name: customerId, Loyalty_Tier: 'Silver' });
		expect(Number(contact.Loyalty_Points_Available)).toBe(150);
		const requests = zoho.requests.slice(seen);
		const updates = requests.filter(({ method }) => method === 'PUT');
		expect(updates.map(({ path }) => path)).toEqual([`/crm/v2/contacts/${contact.id}`]);
		expect(updates[0].body).not.toHaveProperty('data.0.Last_Name');
		expect(zoho.tags.get(contact.id)).toEqual(['Loyalty: Silver']);
		expect(zoho.tasks).toHaveLength(1);
		expect(zoho.tasks[0]).toMatchObject({ Who_Id: { id: contact.id }, Status: 'Not Started', Priority: 'Normal' });
		expect(zoho.tasks[0].Subject).toContain('Silver');
		expect(zoho.tasks[0].Due_Date).toMatch(/^\d{4}-\d\d-\d\d$/);
		expect(zoho.notes.map(({ contactId }) => contactId)).toEqual([contact.id]);
		expect(zoho.notes[0].Note_Content).toContain('Silver');
		// The old tier's tag is listed for removal, and removed (here it was never added).
		expect(requests.filter(({ path }) => path.endsWith('/actions/remove_tags')).map(({ body }) => body)).toEqual([
			{ tags: [{ name: 'Loyalty: Bronze' }] },
		]);
	});

	test('reaching Gold moves the tag and adds a second task; still one contact', async () => {
		expect(await run(() => rewardCashback(sim, customerId, 400, `zoho-order-2-${customerId}`))).toEqual(SUCCESS);
		const contact = onlyContact();
		expect(contact).toMatchObject({ Loyalty_Tier: 'Gold' });
		expect(Number(contact.Loyalty_Points_Available)).toBe(550);
		expect(zoho.tags.get(contact.id)).toEqual(['Loyalty: Gold']);
		expect(zoho.tasks.map(({ Subject }) => Subject)).toEqual([expect.stringContaining('Silver'), expect.stringContaining('Gold')]);
		expect(zoho.notes).toHaveLength(2);
	});

	test('every request carried the OAuth2 token, and no request was refused', () => {
		expect(zoho.requests.length).toBeGreaterThan(0);
		expect(zoho.requests.filter(({ authorization }) => authorization !== `Bearer ${context.crmFakeToken}`)).toEqual([]);
		expect(zoho.requests.filter(({ status }) => status >= 400)).toEqual([]);
	});
});
