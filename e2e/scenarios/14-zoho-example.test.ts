// Scenario 14: examples/loyalty-gameball-to-zoho.json as a user imports it, run by the live n8n: simulator
// deliveries go through the Gameball Trigger and Loyalty to CRM into n8n's own Zoho CRM and HTTP Request nodes,
// which talk to a fake Zoho (fakeZoho.ts; only the domain and the credentials are changed, see
// e2e/workflows/crmExamples.js). The records it ends up with are checked, and every request it saw.
import { crmExampleRun } from './crmExample';
import { searchScopeToken } from '../workflows/crmExamples';
import { startFakeZoho } from './fakeZoho';
import { createCustomer, rewardCashback } from './simulator';
import { runContext } from './support';

const context = runContext();
const ready = context.landed.trigger && context.landed.crm && context.landed.simulator && context.crmFakePorts.zoho !== undefined;
const describeIfLanded = ready ? describe : describe.skip;

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

const SUCCESS = [{ status: 'success', error: null }];

describeIfLanded(`n8n ${context.n8nVersion}: the Zoho CRM example against a fake Zoho`, () => {
	const crm = crmExampleRun(context, 'zoho', startFakeZoho);
	const customerId = `zoho-${Date.now()}`;

	test('a new customer: nobody matches (204), so the contact is created with the loyalty fields', async () => {
		expect(await crm.run((sim) => createCustomer(sim, customerId))).toEqual(SUCCESS);
		expect(crm.fake.requests.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
			'GET /crm/v3/Contacts/search 204',
			'POST /crm/v2/contacts 201',
		]);
		expect(crm.fake.requests[0].query).toEqual({ criteria: `(Email:equals:${customerId}@example.com)` });
		const contact = crm.onlyContact();
		expect(contact).toMatchObject({
			Last_Name: customerId,
			Email: `${customerId}@example.com`,
			Loyalty_Customer_Id: customerId,
			Loyalty_Tier: 'Bronze',
			Loyalty_Last_Event: expect.stringContaining('Bronze'),
		});
		expect(Number(contact.Loyalty_Points_Available)).toBe(0);
		expect(contact.Loyalty_Last_Event_At).toMatch(DATE_TIME);
		expect([crm.fake.tasks, crm.fake.notes, [...crm.fake.tags.values()].flat()]).toEqual([[], [], []]);
	});

	test('reaching Silver updates that contact (its name untouched), tags it, and adds a task and a note linked to it', async () => {
		const seen = crm.fake.requests.length;
		expect(await crm.run((sim) => rewardCashback(sim, customerId, 150, `zoho-order-${customerId}`))).toEqual(SUCCESS);
		const contact = crm.onlyContact();
		expect(contact).toMatchObject({ Last_Name: customerId, Loyalty_Tier: 'Silver' });
		expect(Number(contact.Loyalty_Points_Available)).toBe(150);
		const requests = crm.fake.requests.slice(seen);
		const updates = requests.filter(({ method }) => method === 'PUT');
		expect(updates.map(({ path }) => path)).toEqual([`/crm/v2/contacts/${contact.id}`]);
		expect(updates[0].body).not.toHaveProperty('data.0.Last_Name');
		expect(crm.fake.tags.get(contact.id)).toEqual(['Loyalty: Silver']);
		expect(crm.fake.tasks).toHaveLength(1);
		expect(crm.fake.tasks[0]).toMatchObject({ Who_Id: { id: contact.id }, Status: 'Not Started', Priority: 'Normal' });
		expect(crm.fake.tasks[0].Subject).toContain('Silver');
		expect(crm.fake.tasks[0].Due_Date).toMatch(/^\d{4}-\d\d-\d\d$/);
		expect(crm.fake.notes.map(({ contactId }) => contactId)).toEqual([contact.id]);
		expect(crm.fake.notes[0].Note_Content).toContain('Silver');
		// The old tier's tag is listed for removal, and removed (here it was never added).
		expect(requests.filter(({ path }) => path.endsWith('/actions/remove_tags')).map(({ body }) => body)).toEqual([
			{ tags: [{ name: 'Loyalty: Bronze' }] },
		]);
	});

	test('reaching Gold moves the tag and adds a second task; still one contact', async () => {
		expect(await crm.run((sim) => rewardCashback(sim, customerId, 400, `zoho-order-2-${customerId}`))).toEqual(SUCCESS);
		const contact = crm.onlyContact();
		expect(contact).toMatchObject({ Loyalty_Tier: 'Gold' });
		expect(Number(contact.Loyalty_Points_Available)).toBe(550);
		expect(crm.fake.tags.get(contact.id)).toEqual(['Loyalty: Gold']);
		expect(crm.fake.tasks.map(({ Subject }) => Subject)).toEqual([expect.stringContaining('Silver'), expect.stringContaining('Gold')]);
		expect(crm.fake.notes).toHaveLength(2);
	});

	test('a customer without an email is found by the customer ID field: updated later, never created twice', async () => {
		const noEmail = `${customerId}-no-email`;
		expect(await crm.playWithoutEmail(noEmail)).toEqual([...SUCCESS, ...SUCCESS]);
		const contact = crm.onlyContact((candidate) => candidate.Loyalty_Customer_Id === noEmail);
		expect(contact).toMatchObject({ Last_Name: noEmail, Loyalty_Tier: 'Silver' });
		// Every search went by the customer ID: on the first delivery the upsert; after the tier change, the upsert, tags, task and note.
		expect(crm.fake.requests.filter(({ query }) => query.criteria === `(Loyalty_Customer_Id:equals:${noEmail})`)).toHaveLength(5);
	});

	test("a customer whose ID is the start of another's gets a contact of its own: each step takes the exact match", async () => {
		const noEmail = `${customerId}-no-email`;
		const prefix = `${customerId}-no`;
		const before = crm.onlyContact((candidate) => candidate.Loyalty_Customer_Id === noEmail);
		expect(await crm.playWithoutEmail(prefix)).toEqual([...SUCCESS, ...SUCCESS]);
		// The fake's search also returned the longer ID's contact, as Zoho's `equals` may.
		expect(crm.fake.requests.some(({ query, status }) => query.criteria === `(Loyalty_Customer_Id:equals:${prefix})` && status === 200)).toBe(true);
		const own = crm.onlyContact((candidate) => candidate.Loyalty_Customer_Id === prefix);
		expect(own).toMatchObject({ Last_Name: prefix, Loyalty_Tier: 'Silver' });
		expect(crm.onlyContact((candidate) => candidate.Loyalty_Customer_Id === noEmail)).toEqual(before);
		expect(crm.fake.tags.get(own.id)).toEqual(['Loyalty: Silver']);
		expect(crm.fake.tasks.filter(({ Who_Id }) => (Who_Id as { id: string }).id === before.id)).toHaveLength(1);
	});

	test('every request carried an OAuth2 token, searches the one with the search scope, and no request was refused', () => {
		const searchToken = `Bearer ${searchScopeToken(context.crmFakeToken)}`;
		const searches = crm.fake.requests.filter(({ path }) => path.endsWith('/Contacts/search'));
		expect(searches.length).toBeGreaterThan(0);
		expect(searches.filter(({ authorization }) => authorization !== searchToken)).toEqual([]);
		const tokens = new Set([`Bearer ${context.crmFakeToken}`, searchToken]);
		expect(crm.fake.requests.filter(({ authorization }) => !tokens.has(authorization ?? ''))).toEqual([]);
		expect(crm.fake.requests.filter(({ status }) => status >= 400)).toEqual([]);
	});
});
