/**
 * The Pipedrive example's person searches, evaluated by n8n's expression engine on real Loyalty to CRM items: each
 * searches the Pipedrive field that holds the item's match (email, phone, or the customer ID custom field).
 */
import type { IDataObject } from 'n8n-workflow';

import * as fixtures from './fixtures';
import { evaluate, exampleNodes, upsertItemOf, type ExampleNode } from './helpers';

const example = { nodes: exampleNodes('loyalty-gameball-to-pipedrive.json') };
const loyalty = example.nodes.find((node) => node.name === 'Loyalty to CRM') as ExampleNode;
const searches = example.nodes.filter((node) => node.type === 'n8n-nodes-base.pipedrive' && node.parameters.operation === 'search');

/** The upsert item for `input`, with Loyalty to CRM matching by `matchBy`. */
const upsertItem = (matchBy: string, input: IDataObject) => upsertItemOf({ ...loyalty.parameters, matchBy }, input);

describe('examples/loyalty-gameball-to-pipedrive.json person searches', () => {
	test('there are three, all alike: term, exact match, fields', () => {
		expect(searches.map((node) => node.name)).toEqual(['Pipedrive: Find Person', 'Pipedrive: Find Person for Task', 'Pipedrive: Find Person for Note']);
		expect(new Set(searches.map((node) => JSON.stringify(node.parameters))).size).toBe(1);
	});

	test.each([
		['email', fixtures.triggerProfileItem, 'email', 'ada@example.com'],
		['mobile', fixtures.triggerProfileItem, 'phone', '+201000000000'],
		// No email: the match falls back to the customer ID, kept in a custom field.
		['email', { ...fixtures.triggerProfileItem, email: null }, 'custom_fields', fixtures.triggerProfileItem.customerId],
	])('matching by %s searches %s for the match value', async (matchBy, input, fields, term) => {
		const item = await upsertItem(matchBy, input);
		const { parameters } = searches[0];
		expect(evaluate(String((parameters.additionalFields as IDataObject).fields), item)).toBe(fields);
		expect(evaluate(String(parameters.term), item)).toBe(term);
	});
});
