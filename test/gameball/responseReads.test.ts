/**
 * What the node reads from Gameball's answers is where Gameball's OpenAPI answer has it (the response schemas of the
 * derived contract): the list a paged operation reads, the field it reads on from and the sign that there is more,
 * the list an answer is split into, the fields Simplify keeps and the batch job's ID and states. The simulator answers
 * the same shapes, so a name only it used would pass every other test and give nothing from Gameball.
 */
import type { IDataObject } from 'n8n-workflow';

import { resources } from '../../nodes/Gameball/actions/resources';
import { JOB_KINDS } from '../../nodes/Gameball/actions/batch/jobKinds';
import { parseBatchStatus } from '../../nodes/Gameball/transport/batch';
import { loadContract, type ContractSchema } from '../../simulator/contract';

function answerOf(endpoint: string): ContractSchema {
	const [method, path] = endpoint.split(' ');
	const operation = loadContract().operations.find((candidate) => candidate.method === method && candidate.path === `/api/v4.0/integrations${path}`);
	if (!operation?.response?.schema) throw new Error(`The contract has no answer for ${endpoint}`);
	return operation.response.schema;
}

/** A value for every field the schema documents; numbers count up so that no two are alike. */
function sampleOf(schema: ContractSchema, counter = { next: 1 }): unknown {
	if (schema.enum) return schema.enum[0];
	switch (schema.type) {
		case 'object':
			return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, field]) => [name, sampleOf(field, counter)]));
		case 'array':
			return schema.items ? [sampleOf(schema.items, counter)] : [];
		case 'number':
		case 'integer':
			return counter.next++;
		case 'boolean':
			return true;
		default:
			return `text-${counter.next++}`;
	}
}

const operations = resources.flatMap((resource) => resource.operations.map((operation) => [`${resource.name} > ${operation.name}`, operation] as const));

/** Paged lists whose entries lack what `startAfter` takes (for referrals a Gameball customer ID) and that give no `nextCursor`. */
const WITHOUT_CURSOR = ['GET /customers/{customerId}/referrals'];

describe.each(operations.filter(([, operation]) => operation.list))('%s (paged)', (_name, operation) => {
	const answer = answerOf(operation.endpoint);
	const { itemsKey, cursorKey } = operation.list!;

	it('reads its records from a list of the answer', () => {
		expect(answer.properties?.[itemsKey]?.type).toBe('array');
	});

	it('learns from the answer whether there is more', () => {
		expect(['hasMore', 'nextCursor'].filter((name) => answer.properties?.[name])).not.toEqual([]);
	});

	it('reads on from a field the answer has, or is known to have none', () => {
		const entry = answer.properties?.[itemsKey]?.items?.properties ?? {};
		if (cursorKey) expect(Object.keys(entry)).toContain(cursorKey);
		const cursors = [answer.properties?.nextCursor, cursorKey && entry[cursorKey]].filter(Boolean);
		expect(cursors.length > 0).toBe(!WITHOUT_CURSOR.includes(operation.endpoint));
	});
});

describe.each(operations.filter(([, operation]) => operation.entries))('%s (an item per entry)', (_name, operation) => {
	const answer = answerOf(operation.endpoint);
	const { key } = operation.entries!;

	it('splits a list of the answer, which holds nothing else but its count', () => {
		expect(answer.properties?.[key]?.type).toBe('array');
		expect(Object.keys(answer.properties ?? {}).filter((name) => name !== key && name !== 'count')).toEqual([]);
	});
});

/** The lists that only Simplify off keeps (README, "Simplify"). */
const BULKY = ['utms', 'utMs', 'devices', 'paymentMethods'];

describe.each(operations.filter(([, operation]) => operation.simplify))('%s (Simplify)', (_name, operation) => {
	const answer = answerOf(operation.endpoint);

	it('keeps every documented field but the bulky lists, and adds none', () => {
		const customer = sampleOf(answer) as IDataObject;
		const attributes = customer.customerAttributes as IDataObject;
		const expected = { ...customer, ...attributes } as IDataObject;
		delete expected.customerAttributes;
		for (const name of BULKY) delete expected[name];
		expect(Object.keys(attributes)).toEqual(expect.arrayContaining(['tags', 'custom']));
		expect(operation.simplify!(customer)).toEqual(expected);
	});
});

it("Customer > Get's attributes leave out the personal data that Get Details has (README, Simplify)", () => {
	const attributesOf = (endpoint: string) => Object.keys(answerOf(endpoint).properties?.customerAttributes?.properties ?? {});
	const personal = ['displayName', 'firstName', 'lastName', 'email', 'mobile', 'dateOfBirth'];
	expect(attributesOf('GET /customers/{customerId}/details')).toEqual(expect.arrayContaining(personal));
	expect(attributesOf('GET /customers/{customerId}').filter((name) => personal.includes(name))).toEqual([]);
});

describe('batch jobs', () => {
	it('read the job ID that every create answer names', () => {
		const types = Object.fromEntries(JOB_KINDS.map(({ kind }) => [kind, answerOf(`POST /batch/${kind}`).properties?.jobId?.type]));
		expect(types).toEqual(Object.fromEntries(JOB_KINDS.map(({ kind }) => [kind, 'number'])));
	});

	it('read the counts and every documented state of a status answer', () => {
		const schema = answerOf('GET /batches/{batchId}/status');
		const answer = sampleOf(schema) as IDataObject;
		const status = parseBatchStatus('7', answer);
		expect([status.total, status.processed, status.failed]).toEqual([answer.totalItems, answer.processedItems, answer.failedItems]);
		expect([status.total, status.processed, status.failed].every((count) => typeof count === 'number')).toBe(true);
		const states = Object.fromEntries((schema.properties?.status.enum as string[]).map((state) => [state, parseBatchStatus('7', { status: state }).state]));
		expect(states).toEqual({ pending: 'running', processing: 'running', completed: 'completed', failed: 'failed' });
	});
});
