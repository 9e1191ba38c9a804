/**
 * Every body and query field that an operation can send is one the contract names, of the type it gives. Each
 * operation is built with every parameter and every additional field set (JSON fields from the example in their
 * description), and what it would send is checked against the contract's schema for its endpoint: a misspelt field
 * would be dropped silently by an API that ignores unknown fields. Every dropdown value, in a collection too, is
 * built once, so a value outside the contract's enum (body or query) fails. And a JSON field given the other shape
 * (an object for an array) is refused by name before anything is sent.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ATTRIBUTE_TYPES, FIELD_TYPES as ENTRY_FIELD_TYPES } from '../../nodes/Gameball/actions/batch/entries';
import { JOB_KINDS } from '../../nodes/Gameball/actions/batch/jobKinds';
import { resources } from '../../nodes/Gameball/actions/resources';
import type { GameballOperation, GameballRequest } from '../../nodes/Gameball/actions/operation';
import { checkValue, loadContract, type ContractOperation, type ContractSchema } from '../../simulator/contract';

const PREFIX = '/api/v4.0/integrations';
const contract = loadContract();

function contractOperation(endpoint: string): ContractOperation {
	const [method, path] = endpoint.split(' ');
	const found = contract.operations.find((operation) => operation.method === method && operation.path === `${PREFIX}${path}`);
	if (!found) throw new Error(`no contract operation for ${endpoint}`);
	return found;
}

/** The JSON example a description gives after "e.g.", if any. */
function exampleOf(description: string | undefined): unknown {
	const text = description?.split(/e\.g\. /i)[1];
	if (!text) return undefined;
	for (let end = text.length; end > 0; end--) {
		try {
			return JSON.parse(text.slice(0, end));
		} catch {
			// shorter
		}
	}
	return undefined;
}

/** A value for a parameter of this type, with every option of a collection set. */
function sampleFor(property: INodeProperties): unknown {
	switch (property.type) {
		case 'number':
			return 1;
		case 'boolean':
			return true;
		case 'dateTime':
			return '2026-01-01T00:00:00.000Z';
		case 'options': {
			const values = (property.options ?? []).map((option) => ('value' in option ? option.value : undefined));
			if (values.length === 0) return 1; // loaded from Gameball, whose lists hold numeric IDs (methods/loadOptions.ts)
			return values.includes(property.default as string) ? property.default : values[0];
		}
		case 'multiOptions':
			return (property.options ?? []).slice(0, 1).map((option) => ('value' in option ? option.value : undefined));
		case 'json': {
			const example = exampleOf(property.description);
			if (example !== undefined) return JSON.stringify(example);
			return /array/i.test(`${property.displayName} ${property.description}`) ? '[{}]' : '{}';
		}
		case 'collection':
			return Object.fromEntries(((property.options ?? []) as INodeProperties[]).map((option) => [option.name, sampleFor(option)]));
		case 'fixedCollection':
			return Object.fromEntries(
				(property.options ?? []).map((group) => {
					const values = 'values' in group ? Object.fromEntries(group.values.map((value) => [value.name, sampleFor(value)])) : {};
					return [group.name, property.typeOptions?.multipleValues ? [values] : values];
				}),
			);
		default:
			return /date|time/i.test(property.name) ? '2026-01-01T00:00:00.000Z' : `sample-${property.name}`;
	}
}

const jobKind = (kind: unknown) => JOB_KINDS.find((candidate) => candidate.kind === kind);

/**
 * Samples that a type alone cannot give: Create Job sends the user's entries as given, so each kind gets the
 * example entries the node shows for it; and it posts to the endpoint of the chosen kind.
 */
const SPECIAL: Record<string, { samples: (values: IDataObject) => IDataObject; endpoint: (values: IDataObject) => string }> = {
	'batch.createJob': {
		samples: (values) => ({ entries: jobKind(values.kind)?.example }),
		endpoint: (values) => `POST /batch/${String(values.kind)}`,
	},
};

/** The parameters a variant builds with: every sample, overridden by the variant's choices. */
function valuesFor(name: string, operation: GameballOperation, overrides: IDataObject): IDataObject {
	const samples = Object.fromEntries(operation.properties.map((property) => [property.name, sampleFor(property)])) as IDataObject;
	const chosen = { ...samples, ...overrides };
	return { ...chosen, ...SPECIAL[name]?.samples(chosen), ...overrides };
}

function contextFor(values: IDataObject): IExecuteFunctions {
	return {
		getNodeParameter: (parameter: string, _itemIndex: number, fallback?: unknown) => (parameter in values ? values[parameter] : fallback),
		getNode: () => ({ id: 'test', name: 'Gameball', type: 'gameball', typeVersion: 1, position: [0, 0], parameters: {} }),
		getTimezone: () => 'America/New_York',
	} as unknown as IExecuteFunctions;
}

/** Every path in `value` that its schema does not name (free-form objects name nothing and allow everything). */
function fieldsOutside(schema: ContractSchema | undefined, value: unknown, path: string): string[] {
	if (!schema || value === null || typeof value !== 'object') return [];
	if (schema.oneOf) {
		const candidates = schema.oneOf.map((alternative) => fieldsOutside(alternative, value, path));
		return candidates.reduce((fewest, next) => (next.length < fewest.length ? next : fewest));
	}
	if (Array.isArray(value)) return value.flatMap((entry, index) => fieldsOutside(schema.items, entry, `${path}[${index}]`));
	if (!schema.properties || schema.additionalProperties !== undefined) return [];
	return Object.entries(value).flatMap(([name, entry]) =>
		schema.properties && name in schema.properties ? fieldsOutside(schema.properties[name], entry, `${path}${name}.`) : [`${path}${name}`],
	);
}

interface Variant {
	overrides: IDataObject;
	/** Of the fields Gameball takes only one of, the one this variant sets. */
	only?: string;
}

/** A dropdown's values, when it lists more than one. */
const choicesOf = (property: INodeProperties) =>
	property.type === 'options' && (property.options?.length ?? 0) > 1 ? (property.options ?? []).flatMap((option) => ('value' in option ? [option.value] : [])) : [];

/**
 * Each dropdown value is built once (a top-level dropdown chooses between bodies; one in a collection sends its
 * value, which the contract's enum must hold), and once per field of an only-one-of set.
 */
function variantsOf(operation: GameballOperation): Variant[] {
	const variants: Variant[] = [{ overrides: {} }];
	for (const property of operation.properties) {
		for (const value of choicesOf(property)) variants.push({ overrides: { [property.name]: value } });
		if (property.type !== 'collection') continue;
		const samples = sampleFor(property) as IDataObject;
		for (const option of (property.options ?? []) as INodeProperties[]) {
			for (const value of choicesOf(option)) variants.push({ overrides: { [property.name]: { ...samples, [option.name]: value } } });
		}
	}
	const exclusive = operation.onlyOneOf ?? [];
	return exclusive.length ? variants.flatMap((variant) => exclusive.map((only) => ({ ...variant, only }))) : variants;
}

/** Leaves `only` as the one field of the only-one-of set that the collections hold. */
function keepOnly(values: IDataObject, exclusive: string[], only: string | undefined): IDataObject {
	if (only === undefined) return values;
	const drop = (group: IDataObject[string]): IDataObject[string] =>
		group && typeof group === 'object' && !Array.isArray(group)
			? Object.fromEntries(Object.entries(group).filter(([name]) => name === only || !exclusive.includes(name)))
			: group;
	return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, drop(value)]));
}

const cases = resources.flatMap((resource) =>
	resource.operations.map((operation) => [`${resource.value}.${operation.value}`, operation] as const),
);

describe('field names sent to Gameball', () => {
	it.each(cases)('%s sends only fields the contract names, of the types it gives', async (name, operation) => {
		const outside: string[] = [];
		const refused: string[] = [];
		for (const { overrides, only } of variantsOf(operation)) {
			const values = keepOnly(valuesFor(name, operation, overrides), operation.onlyOneOf ?? [], only);
			let request: GameballRequest;
			try {
				request = await operation.build.call(contextFor(values), 0);
			} catch (error) {
				refused.push(`${JSON.stringify(overrides)}: ${(error as Error).message}`);
				continue; // every variant must build (asserted below)
			}
			const target = contractOperation(SPECIAL[name]?.endpoint(values) ?? operation.endpoint);
			outside.push(...fieldsOutside(target.requestBody?.schema, request.body, 'body.'));
			const problem = target.requestBody && request.body !== undefined ? checkValue(target.requestBody.schema, request.body, 'body') : undefined;
			if (problem) outside.push(`${JSON.stringify(overrides)}: ${problem.message}`);
			const queryNames = new Set(target.queryParams.map((param) => param.name.toLowerCase()));
			outside.push(...Object.keys(request.qs ?? {}).filter((name) => !queryNames.has(name.toLowerCase())).map((name) => `query ${name}`));
			for (const param of target.queryParams) {
				const value = request.qs?.[param.name];
				const wrong = value === undefined ? undefined : checkValue({ type: param.type, enum: param.enum } as ContractSchema, value, `query ${param.name}`);
				if (wrong) outside.push(`${JSON.stringify(overrides)}: ${wrong.message}`);
			}
			if (operation.batch) {
				const batchTarget = contractOperation(`POST /batch/${operation.batch.kind}`);
				const itemSchema = batchTarget.requestBody?.schema.properties?.body?.items;
				outside.push(...fieldsOutside(itemSchema, operation.batch.toItem(request), 'batch item.'));
			}
		}
		expect(refused).toEqual([]);
		expect([...new Set(outside)]).toEqual([]);
	});

	it('batch.createJob builds every job kind, with the fields each kind requires named as the contract names them', async () => {
		const createJob = cases.find(([name]) => name === 'batch.createJob')![1];
		const kinds = variantsOf(createJob).map(({ overrides }) => valuesFor('batch.createJob', createJob, overrides).kind);
		expect(new Set(kinds)).toEqual(new Set(JOB_KINDS.map(({ kind }) => kind)));
		const batchPosts = contract.operations.filter(({ method, path }) => method === 'POST' && path.startsWith(`${PREFIX}/batch/`)).map(({ path }) => path);
		expect(JOB_KINDS.map(({ kind }) => `${PREFIX}/batch/${kind}`).sort()).toEqual(batchPosts.sort());
		for (const kind of JOB_KINDS) {
			const items = contractOperation(`POST /batch/${kind.kind}`).requestBody?.schema.properties?.body?.items;
			if (kind.entry === 'orderIds') expect(items?.type).toBe('string');
			else expect({ kind: kind.kind, required: [...kind.entry].sort() }).toEqual({ kind: kind.kind, required: [...(items?.required ?? [])].sort() });
		}
	});

	it('batch.createJob takes exactly the entry fields the contract lists for each kind, typed as it types them', () => {
		const typeIn = { text: 'string', time: 'string', number: 'number', integer: 'integer', object: 'object', list: 'array', boolean: 'boolean' };
		for (const kind of JOB_KINDS.filter(({ entry }) => entry !== 'orderIds')) {
			const properties = contractOperation(`POST /batch/${kind.kind}`).requestBody?.schema.properties?.body?.items?.properties ?? {};
			const takes = [...(kind.entry as string[]), ...kind.optional];
			expect({ kind: kind.kind, takes: takes.sort() }).toEqual({ kind: kind.kind, takes: Object.keys(properties).sort() });
			for (const field of takes) expect({ kind: kind.kind, field, type: typeIn[ENTRY_FIELD_TYPES[field]] }).toEqual({ kind: kind.kind, field, type: properties[field].type });
		}
		const attributes = contractOperation('POST /batch/customers').requestBody?.schema.properties?.body?.items?.properties?.customerAttributes?.properties ?? {};
		expect(Object.keys(ATTRIBUTE_TYPES).sort()).toEqual(Object.keys(attributes).sort());
		for (const [field, type] of Object.entries(ATTRIBUTE_TYPES)) expect({ field, type: typeIn[type] }).toEqual({ field, type: attributes[field].type });
	});
});

/** Every JSON parameter of an operation, top-level or in a collection, with the collection that holds it. */
function jsonFieldsOf(operation: GameballOperation): Array<{ property: INodeProperties; collection?: string }> {
	return operation.properties.flatMap((property) => {
		if (property.type === 'json') return [{ property }];
		if (property.type !== 'collection') return [];
		return ((property.options ?? []) as INodeProperties[]).filter((option) => option.type === 'json').map((option) => ({ property: option, collection: property.name }));
	});
}

/** Create Job's entries default to an expression (`$json.entries`); every other JSON field's default gives its shape. */
const shapeOf = (name: string, property: INodeProperties) =>
	name === 'batch.createJob' && property.name === 'entries' ? 'array' : property.default === '[]' ? 'array' : property.default === '{}' ? 'object' : undefined;

describe('JSON fields', () => {
	const jsonCases = cases.flatMap(([name, operation]) =>
		jsonFieldsOf(operation).map(({ property, collection }) => [`${name} ${property.name}`, name, operation, property, collection] as const),
	);

	it('finds the fields to check', () => {
		expect(jsonCases.map(([label]) => label)).toEqual(
			expect.arrayContaining(['transaction.refund lineItems', 'transaction.cashback merchant', 'customer.createOrUpdate custom', 'event.send moreEvents']),
		);
	});

	it.each(jsonCases)('%s names its shape, and a value of the other shape is refused by name', async (_label, name, operation, property, collection) => {
		const shape = shapeOf(name, property);
		expect(shape).toBeDefined();
		const wrong = shape === 'array' ? '{"a": 1}' : '[1]';
		const values = keepOnly(valuesFor(name, operation, {}), operation.onlyOneOf ?? [], operation.onlyOneOf?.[0]);
		if (collection) values[collection] = { ...(values[collection] as IDataObject), [property.name]: wrong };
		else values[property.name] = wrong;
		await expect(Promise.resolve().then(() => operation.build.call(contextFor(values), 0))).rejects.toThrow(
			new RegExp(`^"${property.displayName.replace(/[()]/g, '\\$&')}" must be a JSON ${shape}`),
		);
	});
});
