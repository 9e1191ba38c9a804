/**
 * The HubSpot examples' own expressions, evaluated by n8n's expression engine on real Loyalty to CRM items: the last
 * event time reaches HubSpot as epoch milliseconds, which both its v1 contact upsert (n8n's HubSpot node) and its v3
 * batch upsert (HTTP Request) take for a date-time property.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import * as fixtures from './fixtures';
import { evaluate, OUTPUT, runLoyalty } from './helpers';

interface ExampleNode {
	name: string;
	parameters: INodeParameters;
}

function nodesOf(file: string): Map<string, ExampleNode> {
	const { nodes } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')) as { nodes: ExampleNode[] };
	return new Map(nodes.map((node) => [node.name, node]));
}

async function upsertItem(parameters: INodeParameters, input: IDataObject): Promise<IDataObject> {
	const { outputs, error } = await runLoyalty(parameters, [input]);
	expect(error).toBeUndefined();
	return outputs[OUTPUT.upsertContact][0].json;
}

/** The instant an epoch-milliseconds value names, as ISO 8601. */
function instant(value: unknown): string {
	expect(value).toMatch(/^\d+$/);
	return new Date(Number(value)).toISOString();
}

test('Gameball to HubSpot: the HubSpot node row for the last event time sends epoch milliseconds', async () => {
	const nodes = nodesOf('loyalty-gameball-to-hubspot.json');
	const item = await upsertItem((nodes.get('Loyalty to CRM') as ExampleNode).parameters, fixtures.triggerProfileItem);
	const fields = (nodes.get('HubSpot: Upsert Contact') as ExampleNode).parameters.additionalFields as IDataObject;
	const rows = (fields.customPropertiesUi as { customPropertiesValues: Array<{ property: string; value: string }> }).customPropertiesValues;
	const row = rows.find((candidate) => candidate.property === 'gameball_last_event_at') as { value: string };
	expect(instant(evaluate(row.value, item))).toBe(fixtures.triggerProfileItem.createdAt);
});

test('Open Loyalty to HubSpot: the v3 batch upsert body carries the last event time as epoch milliseconds', async () => {
	const nodes = nodesOf('open-loyalty-to-hubspot.json');
	const input = fixtures.webhookNodeItem(fixtures.olNamedLevelChanged);
	const item = await upsertItem((nodes.get('Loyalty to CRM') as ExampleNode).parameters, input);
	const body = JSON.parse(String(evaluate(String((nodes.get('HubSpot: Upsert Contact') as ExampleNode).parameters.jsonBody), item)));
	const sent = (body as { inputs: Array<{ properties: IDataObject }> }).inputs[0].properties.loyalty_last_event_at;
	expect(instant(sent)).toBe(new Date(fixtures.olNamedLevelChanged.createdAt).toISOString());
});
