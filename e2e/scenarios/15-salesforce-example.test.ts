// Scenario 15: examples/loyalty-gameball-to-salesforce.json as a user imports it, run by the live n8n: simulator
// deliveries go through the Gameball Trigger and Loyalty to CRM into n8n's own Salesforce node, which talks to a
// fake Salesforce (fakeSalesforce.ts) named by the credential's token; nothing else in the example is changed
// (e2e/workflows/crmExamples.js). The records it ends up with are checked, and every request it saw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../simulator';
import { startFakeSalesforce, type FakeSalesforce } from './fakeSalesforce';
import { createCustomer, playOnce, rewardCashback, startRunSimulator } from './simulator';
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
	let sim: Simulator;
	let salesforce: FakeSalesforce;
	const customerId = `sforce-${Date.now()}`;
	const run = (action: () => Promise<unknown>) => playOnce(context, sim, context.workflowIds.salesforceExample, action);

	const onlyContact = () => {
		expect(salesforce.contacts.size).toBe(1);
		return [...salesforce.contacts.values()][0];
	};

	beforeAll(async () => {
		const customFields = fieldsFromSetupNote();
		expect(customFields).toHaveLength(10);
		salesforce = await startFakeSalesforce(context.crmFakePorts.salesforce as number, context.crmFakeToken, customFields);
		sim = await startRunSimulator(context, [context.triggerUrls.salesforceExample], { autoNotifications: false });
	});
	afterAll(async () => {
		await sim?.stop();
		await salesforce?.stop();
	});

	test('a new customer: the query finds nobody, so the contact is created with the loyalty fields', async () => {
		expect(await run(() => createCustomer(sim, customerId))).toEqual(SUCCESS);
		expect(salesforce.requests.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
			'GET /services/data/v59.0/query 200',
			'POST /services/data/v59.0/sobjects/contact 201',
		]);
		expect(salesforce.requests[0].query.q).toBe(`SELECT Id FROM Contact WHERE Email = '${customerId}@example.com' LIMIT 1`);
		const contact = onlyContact();
		expect(contact).toMatchObject({
			LastName: customerId,
			Email: `${customerId}@example.com`,
			Loyalty_Customer_Id__c: customerId,
			Loyalty_Tier__c: 'Bronze',
			Loyalty_Last_Event__c: expect.stringContaining('Bronze'),
		});
		expect(Number(contact.Loyalty_Points_Available__c)).toBe(0);
		expect([salesforce.tasks, salesforce.notes]).toEqual([[], []]);
	});

	test('reaching Silver updates that contact (its name untouched) and adds a task and a note linked to it', async () => {
		const seen = salesforce.requests.length;
		expect(await run(() => rewardCashback(sim, customerId, 150, `sforce-order-${customerId}`))).toEqual(SUCCESS);
		const contact = onlyContact();
		expect(contact).toMatchObject({ LastName: customerId, Loyalty_Tier__c: 'Silver' });
		expect(Number(contact.Loyalty_Points_Available__c)).toBe(150);
		const updates = salesforce.requests.slice(seen).filter(({ method }) => method === 'PATCH');
		expect(updates.map(({ path }) => path)).toEqual([`/services/data/v59.0/sobjects/contact/${contact.Id}`]);
		expect(updates[0].body).not.toHaveProperty('LastName');
		expect(salesforce.tasks).toHaveLength(1);
		expect(salesforce.tasks[0]).toMatchObject({ WhoId: contact.Id, Status: 'Not Started', Priority: 'Normal' });
		expect(salesforce.tasks[0].Subject).toContain('Silver');
		expect(salesforce.tasks[0].ActivityDate).toMatch(/^\d{4}-\d\d-\d\d$/);
		expect(salesforce.notes.map(({ ParentId }) => ParentId)).toEqual([contact.Id]);
		expect(salesforce.notes[0].Body).toContain('Silver');
	});

	test('reaching Gold adds a second task and note; still one contact', async () => {
		expect(await run(() => rewardCashback(sim, customerId, 400, `sforce-order-2-${customerId}`))).toEqual(SUCCESS);
		const contact = onlyContact();
		expect(contact).toMatchObject({ Loyalty_Tier__c: 'Gold' });
		expect(Number(contact.Loyalty_Points_Available__c)).toBe(550);
		expect(salesforce.tasks.map(({ Subject }) => Subject)).toEqual([expect.stringContaining('Silver'), expect.stringContaining('Gold')]);
		expect(salesforce.notes).toHaveLength(2);
	});

	test('every request carried the OAuth2 token, and no request was refused', () => {
		expect(salesforce.requests.length).toBeGreaterThan(0);
		expect(salesforce.requests.filter(({ authorization }) => authorization !== `Bearer ${context.crmFakeToken}`)).toEqual([]);
		expect(salesforce.requests.filter(({ status }) => status >= 400)).toEqual([]);
	});
});
