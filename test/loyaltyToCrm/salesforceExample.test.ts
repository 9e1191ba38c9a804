/**
 * The Salesforce example's contact search, evaluated by n8n's expression engine on real Loyalty to CRM items: one
 * SOQL query whose value is always a quoted, escaped string (Salesforce's node would leave a digits-only value
 * unquoted on n8n 1.x and in its v1 conditions).
 */
import type { IDataObject } from 'n8n-workflow';

import * as fixtures from './fixtures';
import { evaluate, exampleNodes, upsertItemOf, type ExampleNode } from './helpers';

const example = { nodes: exampleNodes('loyalty-gameball-to-salesforce.json') };
const loyaltyParameters = (example.nodes.find((node) => node.name === 'Loyalty to CRM') as ExampleNode).parameters;

/** The query every "Find Contact" node sends (they are the same). */
function queryExpression(): string {
	const finders = example.nodes.filter((node) => node.name.startsWith('Salesforce: Find Contact'));
	expect(finders).toHaveLength(3);
	for (const { parameters } of finders) expect(parameters).toMatchObject({ resource: 'search', operation: 'query' });
	const queries = new Set(finders.map(({ parameters }) => parameters.query));
	expect(queries.size).toBe(1);
	return [...queries][0] as string;
}

const upsertItem = () => upsertItemOf(loyaltyParameters, fixtures.triggerProfileItem);

const queryFor = async (field: string, value: string) => {
	const item = await upsertItem();
	return evaluate(queryExpression(), { ...item, match: { ...(item.match as IDataObject), field, value } });
};

describe('examples/loyalty-gameball-to-salesforce.json', () => {
	test('the contact search names the match field and value', async () => {
		expect(evaluate(queryExpression(), await upsertItem())).toBe("SELECT Id FROM Contact WHERE Email = 'ada@example.com' LIMIT 1");
	});

	test('a customer ID made of digits stays a quoted string', async () => {
		expect(await queryFor('Loyalty_Customer_Id__c', '12345')).toBe("SELECT Id FROM Contact WHERE Loyalty_Customer_Id__c = '12345' LIMIT 1");
	});

	test("quotes and backslashes in the value are escaped the way SOQL reads them", async () => {
		expect(await queryFor('Email', "o'brien\\x@example.com")).toBe(
			"SELECT Id FROM Contact WHERE Email = 'o\\'brien\\\\x@example.com' LIMIT 1",
		);
	});
});
