// A small stand-in for Zoho CRM's REST API, enough for examples/loyalty-gameball-to-zoho.json: contact search,
// create and update (n8n's Zoho CRM node, /crm/v2), tags, tasks and notes (HTTP Request nodes, /crm/v3). It keeps
// the records, checks the token and the shapes the example relies on, and refuses what Zoho documents as invalid
// (a Date/Time not in yyyy-MM-ddTHH:mm:ss±HH:mm, unescaped criteria, a task linked to no contact, a search with a
// token lacking the `ZohoSearch.securesearch.READ` scope). Where Zoho's documentation allows more than one answer it
// takes the harder one: `equals` also finds records that only contain the value, as the v8 pages say. It is our
// reading of Zoho's documentation, not Zoho: nothing here was checked against a live account.
import { searchScopeToken } from '../workflows/crmExamples';
import { FakeApiError, startFakeApi, type FakeAnswer, type FakeApi, type FakeRequest } from './fakeApi';

export type ZohoRecord = Record<string, unknown> & { id: string };

export interface FakeZoho extends FakeApi {
	contacts: Map<string, ZohoRecord>;
	tags: Map<string, string[]>;
	tasks: ZohoRecord[];
	notes: Array<ZohoRecord & { contactId: string }>;
}

const DATE_TIME_FIELDS = ['Loyalty_Last_Event_At'];
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
const DATE = /^\d{4}-\d\d-\d\d$/;


const zohoError = (status: number, code: string, message: string) =>
	new FakeApiError(status, { code, message, status: 'error', details: {} });

/** `(Field:equals:value)` with `\`-escaped `(`, `)`, `,` and `\` in the value. */
function parseCriteria(criteria: string): { field: string; value: string } {
	const match = /^\((\w+):equals:(.*)\)$/s.exec(criteria);
	if (!match) throw zohoError(400, 'INVALID_QUERY', `cannot parse criteria ${criteria}`);
	const raw = match[2];
	let value = '';
	for (let at = 0; at < raw.length; at++) {
		const char = raw[at];
		if (char === '\\' && at + 1 < raw.length) value += raw[++at];
		else if ('(),'.includes(char)) throw zohoError(400, 'INVALID_QUERY', `unescaped ${char} in criteria ${criteria}`);
		else value += char;
	}
	return { field: match[1], value };
}

function firstRecord(body: unknown): Record<string, unknown> {
	const data = (body as { data?: unknown })?.data;
	if (!Array.isArray(data) || data.length !== 1 || typeof data[0] !== 'object' || data[0] === null) {
		throw zohoError(400, 'INVALID_DATA', 'body must be { data: [record] }');
	}
	return data[0] as Record<string, unknown>;
}

function checkFields(record: Record<string, unknown>): void {
	for (const field of DATE_TIME_FIELDS) {
		const value = record[field];
		if (value !== undefined && (typeof value !== 'string' || !DATE_TIME.test(value))) {
			throw zohoError(400, 'INVALID_DATA', `invalid data: ${field} = ${JSON.stringify(value)}`);
		}
	}
}

function tagNames(body: unknown): string[] {
	const tags = (body as { tags?: unknown })?.tags;
	if (!Array.isArray(tags) || tags.length === 0 || !tags.every((tag) => typeof tag?.name === 'string')) {
		throw zohoError(400, 'INVALID_DATA', 'body must be { tags: [{ name }] }');
	}
	return tags.map((tag) => tag.name as string);
}

const success = (status: number, details: Record<string, unknown>): FakeAnswer => ({
	status,
	body: { data: [{ code: 'SUCCESS', details, message: 'record saved', status: 'success' }] },
});

/** Listens on `port` (the one the run's Zoho credential and workflow point at); only `token` is accepted. */
export async function startFakeZoho(port: number, token: string): Promise<FakeZoho> {
	const contacts = new Map<string, ZohoRecord>();
	const tags = new Map<string, string[]>();
	const tasks: ZohoRecord[] = [];
	const notes: Array<ZohoRecord & { contactId: string }> = [];
	let lastId = 4_876_876_000_000_000;
	const newId = () => String(++lastId);

	const contactOf = (id: string) => {
		const contact = contacts.get(id);
		if (!contact) throw zohoError(400, 'INVALID_DATA', `no contact ${id}`);
		return contact;
	};

	function route({ method, path, query, body, authorization }: FakeRequest): FakeAnswer {
		const [crm, version, module, id, action, verb] = path.toLowerCase().split('/').filter(Boolean);
		if (crm !== 'crm' || !['v2', 'v3'].includes(version)) throw zohoError(404, 'INVALID_URL_PATTERN', path);
		if (module === 'contacts' && id === 'search' && method === 'GET') {
			if (!authorization?.endsWith(` ${searchScopeToken(token)}`)) throw zohoError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
			const { field, value } = parseCriteria(query.criteria ?? '');
			const wanted = value.toLowerCase();
			const found = [...contacts.values()].filter((contact) => String(contact[field] ?? '').toLowerCase().includes(wanted));
			return found.length ? { status: 200, body: { data: found, info: { count: found.length, more_records: false } } } : { status: 204 };
		}
		if (module === 'contacts' && id === undefined && method === 'POST') {
			const record = firstRecord(body);
			if (typeof record.Last_Name !== 'string' || record.Last_Name === '') throw zohoError(400, 'MANDATORY_NOT_FOUND', 'Last_Name');
			checkFields(record);
			const created = { ...record, id: newId() };
			contacts.set(created.id, created);
			return success(201, { id: created.id });
		}
		if (module === 'contacts' && id !== undefined && action === undefined && method === 'PUT') {
			const record = firstRecord(body);
			checkFields(record);
			contacts.set(id, { ...contactOf(id), ...record, id });
			return success(200, { id });
		}
		if (module === 'contacts' && action === 'actions' && method === 'POST' && (verb === 'add_tags' || verb === 'remove_tags')) {
			const names = tagNames(body);
			contactOf(id);
			const current = tags.get(id) ?? [];
			tags.set(id, verb === 'add_tags' ? [...new Set([...current, ...names])] : current.filter((name) => !names.includes(name)));
			return success(200, { id, tags: (tags.get(id) ?? []).map((name) => ({ name })) });
		}
		if (module === 'contacts' && action === 'notes' && method === 'POST') {
			const record = firstRecord(body);
			contactOf(id);
			if (typeof record.Note_Content !== 'string' || record.Note_Content === '') throw zohoError(400, 'MANDATORY_NOT_FOUND', 'Note_Content');
			const note = { ...record, id: newId(), contactId: id };
			notes.push(note);
			return success(201, { id: note.id });
		}
		if (module === 'tasks' && id === undefined && method === 'POST') {
			const record = firstRecord(body);
			if (typeof record.Subject !== 'string' || record.Subject === '') throw zohoError(400, 'MANDATORY_NOT_FOUND', 'Subject');
			if (record.Due_Date !== undefined && !DATE.test(String(record.Due_Date))) throw zohoError(400, 'INVALID_DATA', 'Due_Date');
			contactOf(String((record.Who_Id as { id?: unknown } | undefined)?.id));
			const task = { ...record, id: newId() };
			tasks.push(task);
			return success(201, { id: task.id });
		}
		throw zohoError(404, 'INVALID_URL_PATTERN', `${method} ${path}`);
	}

	const api = await startFakeApi(port, [token, searchScopeToken(token)], {
		schemes: ['bearer', 'zoho-oauthtoken'],
		unauthorized: { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error', details: {} },
		badJson: { code: 'INVALID_DATA', message: 'body is not JSON', status: 'error', details: {} },
		route,
	});
	return { ...api, contacts, tags, tasks, notes };
}
