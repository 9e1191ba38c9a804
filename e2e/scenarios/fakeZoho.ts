// A small stand-in for Zoho CRM's REST API, enough for examples/loyalty-gameball-to-zoho.json: contact search,
// create and update (n8n's Zoho CRM node, /crm/v2), tags, tasks and notes (HTTP Request nodes, /crm/v3). It keeps
// the records, checks the token and the shapes the example relies on, and refuses what Zoho documents as invalid
// (a Date/Time not in yyyy-MM-ddTHH:mm:ss±HH:mm, a task linked to no contact). It is our reading of Zoho's
// documentation, not Zoho: nothing here was checked against a live account.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type ZohoRecord = Record<string, unknown> & { id: string };

export interface FakeZohoRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	authorization: string | undefined;
	status: number;
}

export interface FakeZoho {
	url: string;
	contacts: Map<string, ZohoRecord>;
	tags: Map<string, string[]>;
	tasks: ZohoRecord[];
	notes: Array<ZohoRecord & { contactId: string }>;
	requests: FakeZohoRequest[];
	stop(): Promise<void>;
}

const DATE_TIME_FIELDS = ['Loyalty_Last_Event_At'];
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
const DATE = /^\d{4}-\d\d-\d\d$/;

class ZohoError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

/** `(Field:equals:value)` with `\`-escaped `(`, `)`, `,` and `\` in the value. */
function parseCriteria(criteria: string): { field: string; value: string } {
	const match = /^\((\w+):equals:(.*)\)$/s.exec(criteria);
	if (!match) throw new ZohoError(400, 'INVALID_QUERY', `cannot parse criteria ${criteria}`);
	const raw = match[2];
	let value = '';
	for (let at = 0; at < raw.length; at++) {
		const char = raw[at];
		if (char === '\\' && at + 1 < raw.length) value += raw[++at];
		else if ('(),'.includes(char)) throw new ZohoError(400, 'INVALID_QUERY', `unescaped ${char} in criteria ${criteria}`);
		else value += char;
	}
	return { field: match[1], value };
}

function firstRecord(body: unknown): Record<string, unknown> {
	const data = (body as { data?: unknown })?.data;
	if (!Array.isArray(data) || data.length !== 1 || typeof data[0] !== 'object' || data[0] === null) {
		throw new ZohoError(400, 'INVALID_DATA', 'body must be { data: [record] }');
	}
	return data[0] as Record<string, unknown>;
}

function checkFields(record: Record<string, unknown>): void {
	for (const field of DATE_TIME_FIELDS) {
		const value = record[field];
		if (value !== undefined && (typeof value !== 'string' || !DATE_TIME.test(value))) {
			throw new ZohoError(400, 'INVALID_DATA', `invalid data: ${field} = ${JSON.stringify(value)}`);
		}
	}
}

function tagNames(body: unknown): string[] {
	const tags = (body as { tags?: unknown })?.tags;
	if (!Array.isArray(tags) || tags.length === 0 || !tags.every((tag) => typeof tag?.name === 'string')) {
		throw new ZohoError(400, 'INVALID_DATA', 'body must be { tags: [{ name }] }');
	}
	return tags.map((tag) => tag.name as string);
}

const success = (status: number, details: Record<string, unknown>) => ({
	status,
	body: { data: [{ code: 'SUCCESS', details, message: 'record saved', status: 'success' }] },
});

/** Listens on `port` (the one the run's Zoho credential and workflow point at); only `token` is accepted. */
export async function startFakeZoho(port: number, token: string): Promise<FakeZoho> {
	const contacts = new Map<string, ZohoRecord>();
	const tags = new Map<string, string[]>();
	const tasks: ZohoRecord[] = [];
	const notes: Array<ZohoRecord & { contactId: string }> = [];
	const requests: FakeZohoRequest[] = [];
	let nextId = 4_876_876_000_000_000;
	const newId = () => String(++nextId);

	const contactOf = (id: string) => {
		const contact = contacts.get(id);
		if (!contact) throw new ZohoError(400, 'INVALID_DATA', `no contact ${id}`);
		return contact;
	};

	function route(method: string, path: string, query: Record<string, string>, body: unknown): { status: number; body?: unknown } {
		const parts = path.toLowerCase().split('/').filter(Boolean);
		const [crm, version, module, id, action, verb] = parts;
		if (crm !== 'crm' || !['v2', 'v3'].includes(version)) throw new ZohoError(404, 'INVALID_URL_PATTERN', path);
		if (module === 'contacts' && id === 'search' && method === 'GET') {
			const { field, value } = parseCriteria(query.criteria ?? '');
			const found = [...contacts.values()].filter((contact) => String(contact[field] ?? '') === value);
			return found.length ? { status: 200, body: { data: found, info: { count: found.length, more_records: false } } } : { status: 204 };
		}
		if (module === 'contacts' && id === undefined && method === 'POST') {
			const record = firstRecord(body);
			if (typeof record.Last_Name !== 'string' || record.Last_Name === '') throw new ZohoError(400, 'MANDATORY_NOT_FOUND', 'Last_Name');
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
			return success(200, { id, tags: tags.get(id)!.map((name) => ({ name })) });
		}
		if (module === 'contacts' && action === 'notes' && method === 'POST') {
			const record = firstRecord(body);
			contactOf(id);
			if (typeof record.Note_Content !== 'string' || record.Note_Content === '') throw new ZohoError(400, 'MANDATORY_NOT_FOUND', 'Note_Content');
			const note = { ...record, id: newId(), contactId: id };
			notes.push(note);
			return success(201, { id: note.id });
		}
		if (module === 'tasks' && id === undefined && method === 'POST') {
			const record = firstRecord(body);
			if (typeof record.Subject !== 'string' || record.Subject === '') throw new ZohoError(400, 'MANDATORY_NOT_FOUND', 'Subject');
			if (record.Due_Date !== undefined && !DATE.test(String(record.Due_Date))) throw new ZohoError(400, 'INVALID_DATA', 'Due_Date');
			contactOf(String((record.Who_Id as { id?: unknown } | undefined)?.id));
			const task = { ...record, id: newId() };
			tasks.push(task);
			return success(201, { id: task.id });
		}
		throw new ZohoError(404, 'INVALID_URL_PATTERN', `${method} ${path}`);
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const url = new URL(request.url ?? '/', 'http://fake-zoho');
		const text = Buffer.concat(chunks).toString('utf8');
		const entry: FakeZohoRequest = {
			method: request.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			body: undefined,
			authorization: request.headers.authorization,
			status: 0,
		};
		requests.push(entry);
		let answer: { status: number; body?: unknown };
		try {
			entry.body = text ? JSON.parse(text) : undefined;
			const [scheme, presented] = (entry.authorization ?? '').split(' ');
			if (!['bearer', 'zoho-oauthtoken'].includes(scheme.toLowerCase()) || presented !== token) {
				throw new ZohoError(401, 'INVALID_TOKEN', 'invalid oauth token');
			}
			answer = route(entry.method, url.pathname, entry.query, entry.body);
		} catch (error) {
			const status = error instanceof ZohoError ? error.status : 400;
			const code = error instanceof ZohoError ? error.code : 'INVALID_DATA';
			answer = { status, body: { code, message: (error as Error).message, status: 'error', details: {} } };
		}
		entry.status = answer.status;
		if (answer.body === undefined) response.writeHead(answer.status).end();
		else response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
	}

	const server: Server = createServer((request, response) => void handle(request, response));
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}`,
		contacts,
		tags,
		tasks,
		notes,
		requests,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
