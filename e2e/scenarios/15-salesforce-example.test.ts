// Scenario 15: examples/loyalty-gameball-to-salesforce.json as a user imports it, run by the live n8n: simulator
// deliveries go through the Gameball Trigger and Loyalty to CRM into n8n's own Salesforce node, which talks to a
// fake Salesforce (fakeSalesforce.ts) named by the credential's token; nothing else in the example is changed
// (e2e/workflows/crmExamples.js). The records it ends up with are checked, and every request it saw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmExampleRun } from './crmExample';
import { startFakeSalesforce } from './fakeSalesforce';
import { createCustomer, rewardCashback } from './simulator';
import { runContext } from './support';

const context = runContext();
const ready = context.landed.trigger && context.landed.crm && context.landed.simulator && context.crmFakePorts.salesforce !== undefined;
const describeIfLanded = ready ? describe : describe.skip;

const SUCCESS = [{ status: 'success', error: null }];

/** The custom fields the example's setup note asks the user to create: the fake org has those and no others. */
function fieldsFromSetupNote(): string[] {
	const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'loyalty-gameball-to-salesforce.json'), 'utf8'));
	const note = example.nodes.find((node: { type: string }) => node.type === 'n8n-nodes-base.stickyNote').parameters.content as string;
	return [...new Set([...note.matchAll(/`(\w+__c)`/g)].map((match) => match[1]))];
}

describeIfLanded(`n8n ${context.n8nVersion}: the Salesforce example against a fake Salesforce`, () => {
	const crm = crmExampleRun(context, 'salesforce', (port, token) => {
		const customFields = fieldsFromSetupNote();
		expect(customFields).toHaveLength(10);
		return startFakeSalesforce(port, token, customFields);
	});
	const customerId = `sforce-${Date.now()}`;

	test('a new customer: the query finds nobody, so the contact is created with the loyalty fields', async () => {
		expect(await crm.run((sim) => createCustomer(sim, customerId))).toEqual(SUCCESS);
		expect(crm.fake.requests.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
			'GET /services/data/v59.0/query 200',
			'POST /services/data/v59.0/sobjects/contact 201',
		]);
		expect(crm.fake.requests[0].query.q).toBe(`SELECT Id FROM Contact WHERE Email = '${customerId}@example.com' LIMIT 1`);
		const contact = crm.onlyContact();
		expect(contact).toMatchObject({
			LastName: customerId,
			Email: `${customerId}@example.com`,
			Loyalty_Customer_Id__c: customerId,
			Loyalty_Tier__c: 'Bronze',
			Loyalty_Last_Event__c: expect.stringContaining('Bronze'),
		});
		expect(Number(contact.Loyalty_Points_Available__c)).toBe(0);
		expect([crm.fake.tasks, crm.fake.notes]).toEqual([[], []]);
	});

	test('reaching Silver updates that contact (its name untouched) and adds a task and a note linked to it', async () => {
		const seen = crm.fake.requests.length;
		expect(await crm.run((sim) => rewardCashback(sim, customerId, 150, `sforce-order-${customerId}`))).toEqual(SUCCESS);
		const contact = crm.onlyContact();
		expect(contact).toMatchObject({ LastName: customerId, Loyalty_Tier__c: 'Silver' });
		expect(Number(contact.Loyalty_Points_Available__c)).toBe(150);
		const updates = crm.fake.requests.slice(seen).filter(({ method }) => method === 'PATCH');
		expect(updates.map(({ path }) => path)).toEqual([`/services/data/v59.0/sobjects/contact/${contact.Id}`]);
		expect(updates[0].body).not.toHaveProperty('LastName');
		expect(crm.fake.tasks).toHaveLength(1);
		expect(crm.fake.tasks[0]).toMatchObject({ WhoId: contact.Id, Status: 'Not Started', Priority: 'Normal' });
		expect(crm.fake.tasks[0].Subject).toContain('Silver');
		expect(crm.fake.tasks[0].ActivityDate).toMatch(/^\d{4}-\d\d-\d\d$/);
		expect(crm.fake.notes.map(({ ParentId }) => ParentId)).toEqual([contact.Id]);
		expect(crm.fake.notes[0].Body).toContain('Silver');
	});

	test('reaching Gold adds a second task and note; still one contact', async () => {
		expect(await crm.run((sim) => rewardCashback(sim, customerId, 400, `sforce-order-2-${customerId}`))).toEqual(SUCCESS);
		const contact = crm.onlyContact();
		expect(contact).toMatchObject({ Loyalty_Tier__c: 'Gold' });
		expect(Number(contact.Loyalty_Points_Available__c)).toBe(550);
		expect(crm.fake.tasks.map(({ Subject }) => Subject)).toEqual([expect.stringContaining('Silver'), expect.stringContaining('Gold')]);
		expect(crm.fake.notes).toHaveLength(2);
	});

	test('a customer without an email is found by the customer ID field: updated later, never created twice', async () => {
		const noEmail = `${customerId}-no-email`;
		expect(await crm.playWithoutEmail(noEmail)).toEqual([...SUCCESS, ...SUCCESS]);
		const contact = crm.onlyContact((candidate) => candidate.Loyalty_Customer_Id__c === noEmail);
		expect(contact).toMatchObject({ LastName: noEmail, Loyalty_Tier__c: 'Silver' });
		// Every search went by the customer ID: on the first delivery the upsert; after the tier change, the upsert, task and note.
		expect(crm.fake.requests.filter(({ query }) => query.q === `SELECT Id FROM Contact WHERE Loyalty_Customer_Id__c = '${noEmail}' LIMIT 1`)).toHaveLength(4);
	});

	test('a customer ID made of digits is searched as a quoted string, and the contact is created once', async () => {
		const digits = String(Date.now());
		expect(await crm.playWithoutEmail(digits)).toEqual([...SUCCESS, ...SUCCESS]);
		expect(crm.onlyContact((candidate) => candidate.Loyalty_Customer_Id__c === digits)).toMatchObject({ Loyalty_Tier__c: 'Silver' });
		expect(crm.fake.requests.filter(({ query }) => query.q === `SELECT Id FROM Contact WHERE Loyalty_Customer_Id__c = '${digits}' LIMIT 1`)).toHaveLength(4);
	});

	test('every request carried the OAuth2 token, and no request was refused', () => {
		expect(crm.fake.requests.length).toBeGreaterThan(0);
		expect(crm.fake.requests.filter(({ authorization }) => authorization !== `Bearer ${context.crmFakeToken}`)).toEqual([]);
		expect(crm.fake.requests.filter(({ status }) => status >= 400)).toEqual([]);
	});
});
