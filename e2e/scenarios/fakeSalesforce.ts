// A small stand-in for Salesforce's REST API, enough for examples/loyalty-gameball-to-salesforce.json as n8n's
// Salesforce node calls it: a SOQL query by one field, contact create and update, task and note create. It keeps
// the records and refuses what Salesforce would (an unknown field, a missing required one, a link to no record).
// It is our reading of Salesforce's documentation, not Salesforce: nothing here was checked against a live org.
import { FakeApiError, startFakeApi, type FakeAnswer, type FakeApi, type FakeRequest } from './fakeApi';

export type SalesforceRecord = Record<string, unknown> & { Id: string };

export interface FakeSalesforce extends FakeApi {
	contacts: Map<string, SalesforceRecord>;
	tasks: SalesforceRecord[];
	notes: SalesforceRecord[];
}

const STANDARD_FIELDS: Record<string, string[]> = {
	contact: ['LastName', 'FirstName', 'Email', 'Phone', 'MobilePhone', 'Fax', 'Title'],
	task: ['Subject', 'Status', 'Priority', 'Description', 'ActivityDate', 'WhoId', 'WhatId', 'OwnerId'],
	note: ['Title', 'Body', 'ParentId', 'IsPrivate', 'OwnerId'],
};
const REQUIRED: Record<string, string[]> = { contact: ['LastName'], task: ['Status'], note: ['Title', 'ParentId'] };
const DATE = /^\d{4}-\d\d-\d\d$/;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)$/;

const salesforceError = (status: number, errorCode: string, message: string, fields: string[] = []) =>
	new FakeApiError(status, [{ message, errorCode, fields }]);

/** `SELECT <fields> FROM <object> [WHERE <field> = '<value>'] [LIMIT <n>]`, the value with `\`-escapes. */
function parseQuery(soql: string) {
	const match = /^SELECT\s+(.+?)\s+FROM\s+(\w+)\s*(?:WHERE\s+(\w+)\s*=\s*'((?:\\.|[^'\\])*)')?\s*(?:LIMIT\s+(\d+))?\s*$/i.exec(soql);
	if (!match) throw salesforceError(400, 'MALFORMED_QUERY', `unexpected query: ${soql}`);
	const [, fields, object, field, escaped, limit] = match;
	return {
		fields: fields.split(',').map((name) => name.trim()),
		object: object.toLowerCase(),
		where: field ? { field, value: escaped.replace(/\\(.)/g, '$1') } : undefined,
		limit: limit === undefined ? Infinity : Number(limit),
	};
}

function checkRecord(fields: Record<string, string[]>, object: string, body: unknown, { creating }: { creating: boolean }): Record<string, unknown> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw salesforceError(400, 'JSON_PARSER_ERROR', 'body must be an object');
	const record = body as Record<string, unknown>;
	for (const field of Object.keys(record)) {
		if (!fields[object].includes(field)) throw salesforceError(400, 'INVALID_FIELD', `No such column '${field}' on sobject`, [field]);
	}
	const missing = creating ? REQUIRED[object].filter((field) => record[field] === undefined || record[field] === '') : [];
	if (missing.length) throw salesforceError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing}]`, missing);
	if (record.ActivityDate !== undefined && !DATE.test(String(record.ActivityDate))) throw salesforceError(400, 'INVALID_TYPE', 'ActivityDate');
	const at = record.Loyalty_Last_Event_At__c;
	if (at !== undefined && !DATE_TIME.test(String(at))) throw salesforceError(400, 'INVALID_TYPE', 'Loyalty_Last_Event_At__c');
	return record;
}

/**
 * Listens on `port` (the `instance_url` of the run's Salesforce credential); only `token` is accepted. The org has
 * the standard fields and `customContactFields`.
 */
export async function startFakeSalesforce(port: number, token: string, customContactFields: string[]): Promise<FakeSalesforce> {
	const fields = { ...STANDARD_FIELDS, contact: [...STANDARD_FIELDS.contact, ...customContactFields] };
	const contacts = new Map<string, SalesforceRecord>();
	const tasks: SalesforceRecord[] = [];
	const notes: SalesforceRecord[] = [];
	let lastId = 0;
	const newId = (prefix: string) => `${prefix}5g00000${String(++lastId).padStart(8, '0')}`;

	const contactOf = (id: unknown) => {
		const contact = contacts.get(String(id));
		if (!contact) throw salesforceError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${String(id)}`);
		return contact;
	};

	function query(soql: string): FakeAnswer {
		const { fields, object, where, limit } = parseQuery(soql);
		if (object !== 'contact') throw salesforceError(400, 'INVALID_TYPE', `sObject type '${object}' is not supported here`);
		const matching = [...contacts.values()].filter((contact) => !where || String(contact[where.field] ?? '') === where.value).slice(0, limit);
		const records = matching.map((contact) => ({
			attributes: { type: 'Contact', url: `/services/data/v59.0/sobjects/Contact/${contact.Id}` },
			...Object.fromEntries(fields.map((field) => [field, contact[field] ?? null])),
		}));
		return { status: 200, body: { totalSize: records.length, done: true, records } };
	}

	function route({ method, path, query: parameters, body }: FakeRequest): FakeAnswer {
		const match = /^\/services\/data\/v\d+\.\d+\/(query|sobjects\/(\w+)(?:\/(\w+))?)\/?$/.exec(path);
		if (!match) throw salesforceError(404, 'NOT_FOUND', `${method} ${path}`);
		const [, , sobject, id] = match;
		const object = sobject?.toLowerCase();
		if (match[1] === 'query' && method === 'GET') return query(parameters.q ?? '');
		if (object === 'contact' && id === undefined && method === 'POST') {
			const contact = { ...checkRecord(fields, 'contact', body, { creating: true }), Id: newId('003') };
			contacts.set(contact.Id, contact);
			return { status: 201, body: { id: contact.Id, success: true, errors: [] } };
		}
		if (object === 'contact' && id !== undefined && method === 'PATCH') {
			contacts.set(id, { ...contactOf(id), ...checkRecord(fields, 'contact', body, { creating: false }), Id: id });
			return { status: 204 };
		}
		if ((object === 'task' || object === 'note') && id === undefined && method === 'POST') {
			const record = checkRecord(fields, object, body, { creating: true });
			contactOf(object === 'task' ? record.WhoId : record.ParentId);
			const created = { ...record, Id: newId(object === 'task' ? '00T' : '002') };
			(object === 'task' ? tasks : notes).push(created);
			return { status: 201, body: { id: created.Id, success: true, errors: [] } };
		}
		throw salesforceError(404, 'NOT_FOUND', `${method} ${path}`);
	}

	const api = await startFakeApi(port, [token], {
		schemes: ['bearer', 'oauth'],
		unauthorized: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
		badJson: [{ message: 'body is not JSON', errorCode: 'JSON_PARSER_ERROR' }],
		route,
	});
	return { ...api, contacts, tasks, notes };
}
