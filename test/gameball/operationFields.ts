// Every operation's fields, one by one: build an operation's request with one field set to a value under test and
// every other parameter set to something it accepts. Used by the number and boolean field tests.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { loadContract, type ContractOperation } from '../../simulator/contract';
import type { GameballOperation, GameballRequest } from '../../nodes/Gameball/actions/operation';
import { resources } from '../../nodes/Gameball/actions/resources';

const PREFIX = '/api/v4.0/integrations';

export function contractOf(operation: GameballOperation): ContractOperation {
	const [method, path] = operation.endpoint.split(' ');
	const found = loadContract().operations.find((candidate) => candidate.method === method && candidate.path === PREFIX + path);
	if (!found) throw new Error(`no contract for ${operation.endpoint}`);
	return found;
}

/** A context that answers getNodeParameter from a map, as n8n does once expressions are resolved. */
export function contextWith(parameters: Record<string, unknown>): IExecuteFunctions {
	return {
		getNode: () => ({ id: 'gameball', name: 'Gameball', type: 'n8n-nodes-gameball.gameball', typeVersion: 1, position: [0, 0], parameters: {} }),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getTimezone: () => 'America/New_York',
	} as unknown as IExecuteFunctions;
}

/** A value each top-level parameter accepts, so that only the field under test decides the outcome. */
function plausible(property: INodeProperties): unknown {
	switch (property.type) {
		case 'string':
			return 'c1';
		case 'number':
			return 1;
		case 'options':
			return (property.options?.[0] as { value?: unknown } | undefined)?.value ?? '1';
		case 'collection':
			return {};
		case 'dateTime':
			return '2026-12-01T10:00:00Z';
		default:
			return property.default;
	}
}

export interface Field {
	operation: GameballOperation;
	/** `<resource>.<operation> <field>` */
	label: string;
	property: INodeProperties;
	/** The collection the field is an option of, if any. */
	collection?: string;
}

/** Every field (top-level parameter or collection option) of every operation outside `skipResources` that `wanted` picks. */
export function operationFields(wanted: (property: INodeProperties, operation: GameballOperation) => boolean, skipResources: string[] = []): Field[] {
	return resources
		.filter((resource) => !skipResources.includes(resource.value))
		.flatMap((resource) =>
			resource.operations.flatMap((operation) =>
				operation.properties
					.flatMap((property): Array<Omit<Field, 'operation' | 'label'>> =>
						property.type === 'collection'
							? ((property.options ?? []) as INodeProperties[]).map((option) => ({ property: option, collection: property.name }))
							: [{ property }],
					)
					.filter(({ property }) => wanted(property, operation))
					.map((field) => ({ ...field, operation, label: `${resource.value}.${operation.value} ${field.property.name}` })),
			),
		);
}

/** Where a field sits: a top-level parameter, or an option of a collection (named). */
function locate(operation: GameballOperation, name: string): { property: INodeProperties; collection?: string } | undefined {
	for (const property of operation.properties) {
		if (property.name === name) return { property };
		const option = ((property.options ?? []) as INodeProperties[]).find((candidate) => candidate.name === name);
		if (property.type === 'collection' && option) return { property: option, collection: property.name };
	}
	return undefined;
}

/** Options refused without another option set (Validate's Lock Duration needs Lock on). */
const APPLIES_ONLY_WITH: Record<string, Record<string, unknown>> = { lockDuration: { lock: true } };

/** The operation's request with `field` set to `value`. */
export async function build(field: Field, value: unknown): Promise<GameballRequest> {
	const parameters: Record<string, unknown> = Object.fromEntries(field.operation.properties.map((property) => [property.name, plausible(property)]));
	// An operation that takes exactly one of some fields gets the first of them, unless the field under test is one.
	const { onlyOneOf = [] } = field.operation;
	const companion = onlyOneOf.includes(field.property.name) ? undefined : onlyOneOf[0] && locate(field.operation, onlyOneOf[0]);
	if (companion && companion.collection) parameters[companion.collection] = { [companion.property.name]: plausible(companion.property) };
	else if (companion) parameters[companion.property.name] = plausible(companion.property);
	const alongside = APPLIES_ONLY_WITH[field.property.name] ?? {};
	if (field.collection) parameters[field.collection] = { ...(parameters[field.collection] as object), ...alongside, [field.property.name]: value };
	else parameters[field.property.name] = value;
	return await field.operation.build.call(contextWith(parameters), 0);
}
