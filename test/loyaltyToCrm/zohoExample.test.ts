/**
 * The Zoho CRM example's own expressions, evaluated by n8n's expression engine on real Loyalty to CRM items: the
 * search criteria Zoho parses (with its special characters escaped) and the Date/Time form Zoho's API takes. Also its
 * one Zoho API domain setting, and that the node holding it leaves what Loyalty to CRM makes unchanged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import * as fixtures from './fixtures';
import { evaluate, exampleNodes, runLoyalty, upsertItemOf, type ExampleNode } from './helpers';

const example = { nodes: exampleNodes('loyalty-gameball-to-zoho.json') };
const connections = (
	JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'loyalty-gameball-to-zoho.json'), 'utf8')) as {
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	}
).connections;
const nodeNamed = (name: string) => example.nodes.find((node) => node.name === name) as ExampleNode;
const loyaltyParameters = nodeNamed('Loyalty to CRM').parameters;

/** The criteria every "Find Contact" node sends (they are the same). */
function criteriaExpression(): string {
	const finders = example.nodes.filter((node) => node.name.startsWith('Zoho: Find Contact'));
	const values = finders.map((node) => {
		const { parameters } = (node.parameters.queryParameters as { parameters: Array<{ name: string; value: string }> });
		return parameters.find((parameter) => parameter.name === 'criteria')?.value;
	});
	expect(finders).toHaveLength(4);
	expect(new Set(values).size).toBe(1);
	return values[0] as string;
}

const upsertItem = (input: IDataObject = fixtures.triggerProfileItem) => upsertItemOf(loyaltyParameters, input);

describe('examples/loyalty-gameball-to-zoho.json', () => {
	test('the search criteria name the match field and value', async () => {
		const item = await upsertItem();
		expect(evaluate(criteriaExpression(), item)).toBe('(Email:equals:ada@example.com)');
	});

	test('the search criteria escape the characters Zoho reserves: ( ) , and backslash', async () => {
		const item = await upsertItem();
		const match = { ...(item.match as IDataObject), field: 'Loyalty_Customer_Id', value: 'a(b),c\\d' };
		expect(evaluate(criteriaExpression(), { ...item, match })).toBe('(Loyalty_Customer_Id:equals:a\\(b\\)\\,c\\\\d)');
	});

	test('the last event time reaches Zoho as yyyy-MM-ddTHH:mm:ss+00:00, the same instant', async () => {
		const item = await upsertItem();
		const update = nodeNamed('Zoho: Update Contact').parameters.updateFields as IDataObject;
		const rows = (update.customFields as { customFields: Array<{ fieldId: string; value: string }> }).customFields;
		const row = rows.find((candidate) => candidate.fieldId === 'Loyalty_Last_Event_At') as { value: string };
		// In the workflow the value reads the Loyalty to CRM item by name; here that item is the input.
		const sent = evaluate(row.value.split("$('Loyalty to CRM').item.json").join('$json'), item);
		expect(sent).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
		const original = Date.parse(fixtures.triggerProfileItem.createdAt);
		expect(Date.parse(String(sent))).toBe(original - (original % 1000));
	});

	test("every step takes the contact whose match field equals the value (Zoho's equals may also return longer ones)", () => {
		const picks = example.nodes.flatMap((node) => JSON.stringify(node.parameters).match(/data\?\.find\(record => [^}]*\)\?\.id/g) ?? []);
		expect(picks).toHaveLength(6);
		expect(JSON.stringify(example.nodes.map((node) => node.parameters))).not.toMatch(/data(\?\.)?\[0\]/);
		const data = [
			{ id: 'longer', Loyalty_Customer_Id: 'c-1-x' },
			{ id: 'exact', Loyalty_Customer_Id: 'C-1' },
		];
		const match = { by: 'customerId', field: 'Loyalty_Customer_Id', value: 'c-1', fallback: true };
		for (const pick of new Set(picks)) {
			// In the workflow the match is read from the Loyalty to CRM item by name; here it is in the input.
			const expression = `={{ $json.${JSON.parse(`"${pick}"`).split("$('Loyalty to CRM').item.json").join('$json')} }}`;
			expect(evaluate(expression, { data, match })).toBe('exact');
			expect(evaluate(expression, { data: data.slice(0, 1), match })).toBeUndefined();
		}
	});

	test("searches use the generic OAuth2 credential (Zoho's search scope), the Zoho CRM nodes n8n's Zoho credential", () => {
		for (const node of example.nodes) {
			if (node.type === 'n8n-nodes-base.httpRequest') {
				expect([node.name, node.parameters.authentication, node.parameters.genericAuthType, Object.keys(node.credentials ?? {})]).toEqual([
					node.name,
					'genericCredentialType',
					'oAuth2Api',
					['oAuth2Api'],
				]);
			}
			if (node.type === 'n8n-nodes-base.zohoCrm') expect([node.name, Object.keys(node.credentials ?? {})]).toEqual([node.name, ['zohoOAuth2Api']]);
		}
		const note = example.nodes.find((node) => node.type === 'n8n-nodes-base.stickyNote')?.parameters.content;
		expect(note).toContain('ZohoSearch.securesearch.READ');
	});

	test("every HTTP Request node's URL starts with the Zoho settings node's apiDomain, and no other node names the domain", () => {
		const settings = nodeNamed('Zoho settings');
		expect(settings.type).toBe('n8n-nodes-base.set');
		expect(settings.parameters.assignments).toEqual({
			assignments: [{ id: expect.any(String), name: 'apiDomain', value: 'https://www.zohoapis.com', type: 'string' }],
		});
		const requests = example.nodes.filter((node) => node.type === 'n8n-nodes-base.httpRequest');
		expect(requests).toHaveLength(8);
		for (const node of requests) {
			expect([node.name, node.parameters.url]).toEqual([
				node.name,
				expect.stringMatching(/^=\{\{ \$\('Zoho settings'\)\.first\(\)\.json\.apiDomain \}\}\/crm\/v3\//),
			]);
		}
		const others = example.nodes.filter((node) => node !== settings && node.type !== 'n8n-nodes-base.stickyNote');
		expect(others.filter((node) => /zohoapis|https?:/.test(JSON.stringify(node.parameters))).map((node) => node.name)).toEqual([]);
	});

	test('Zoho settings sits between the trigger and Loyalty to CRM and passes every input field on, adding apiDomain', () => {
		expect(connections['Gameball Trigger'].main).toEqual([[expect.objectContaining({ node: 'Zoho settings' })]]);
		expect(connections['Zoho settings'].main).toEqual([[expect.objectContaining({ node: 'Loyalty to CRM' })]]);
		const { parameters } = nodeNamed('Zoho settings');
		expect(parameters.includeOtherFields).toBe(true);
		// Input Fields to Include: All is the default; Selected or All Except would drop fields.
		expect(parameters.include ?? 'all').toBe('all');
		expect(parameters.options).toEqual({});
	});

	test("Loyalty to CRM makes the same items of the trigger's item with apiDomain added, so the nodes after it see the same", async () => {
		// One clock for both runs: the task's due date is counted from now.
		const timers = ['setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const;
		jest.useFakeTimers({ now: new Date('2026-03-02T10:00:00Z'), doNotFake: [...timers, 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] });
		try {
			const plain = await runLoyalty(loyaltyParameters, [fixtures.triggerProfileItem]);
			const withSetting = await runLoyalty(loyaltyParameters, [{ ...fixtures.triggerProfileItem, apiDomain: 'https://www.zohoapis.com' }]);
			expect([plain.error, withSetting.error]).toEqual([undefined, undefined]);
			expect(plain.outputs.slice(0, 4).map((items) => items.length)).toEqual([1, 1, 1, 1]);
			expect(withSetting.outputs).toEqual(plain.outputs);
		} finally {
			jest.useRealTimers();
		}
	});

	test('every custom field row names the property its value reads, in Update and in Create', () => {
		for (const name of ['Zoho: Update Contact', 'Zoho: Create Contact']) {
			const node = nodeNamed(name);
			const fields = (node.parameters.updateFields ?? node.parameters.additionalFields) as IDataObject;
			const rows = (fields.customFields as { customFields: Array<{ fieldId: string; value: string }> }).customFields;
			expect(rows).toHaveLength(10);
			for (const { fieldId, value } of rows) expect([name, value]).toEqual([name, expect.stringContaining(`.properties.${fieldId}`)]);
		}
	});
});
