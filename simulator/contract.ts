/**
 * Loads the committed contract (test/contract/gameball-v4.contract.json, derived from Gameball's OpenAPI
 * document by scripts/derive-contract.js) and checks requests against it.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

export interface ContractSchema {
	type?: string | string[];
	format?: string;
	nullable?: boolean;
	enum?: unknown[];
	required?: string[];
	minimum?: number;
	maximum?: number;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
	default?: unknown;
	properties?: Record<string, ContractSchema>;
	items?: ContractSchema;
	additionalProperties?: boolean | ContractSchema;
	oneOf?: ContractSchema[];
}

export interface ContractParam extends Omit<ContractSchema, 'required'> {
	name: string;
	required?: boolean;
	type: string;
}

export interface ContractOperation {
	method: string;
	path: string;
	operationId?: string;
	security: string[];
	pathParams: Array<{ name: string; type: string; maxLength?: number }>;
	queryParams: ContractParam[];
	headerParams?: ContractParam[];
	requestBody?: { required: boolean; schema: ContractSchema };
	response?: { status: number; schema?: ContractSchema };
}

export interface Contract {
	source: string;
	openapi: string;
	apiVersion: string;
	operationCount: number;
	operations: ContractOperation[];
}

export interface ContractMatch {
	operation: ContractOperation;
	pathParams: Record<string, string>;
}

export interface ContractError {
	error: {
		/** HTTP status the API answers with. */
		status: 400 | 404 | 405;
		/** Gameball error code: 3001 missing field, 3002 wrong type, 3003 invalid value, 4004 unknown route. */
		code: number;
		message: string;
		field?: string;
	};
}

export const CONTRACT_FILE = join(__dirname, '..', 'test', 'contract', 'gameball-v4.contract.json');

let cached: Contract | undefined;

export function loadContract(file: string = CONTRACT_FILE): Contract {
	if (file !== CONTRACT_FILE) return JSON.parse(readFileSync(file, 'utf8')) as Contract;
	cached ??= JSON.parse(readFileSync(file, 'utf8')) as Contract;
	return cached;
}

interface CompiledRoute {
	operation: ContractOperation;
	segments: string[];
}

let compiled: CompiledRoute[] | undefined;

function compiledRoutes(): CompiledRoute[] {
	compiled ??= loadContract()
		.operations.map((operation) => ({ operation, segments: splitPath(operation.path) }))
		// Literal segments win over parameters: /coupons/validate before /coupons/{code}.
		.sort((a, b) => specificity(b.segments) - specificity(a.segments));
	return compiled;
}

function splitPath(path: string): string[] {
	return path.split('/').filter((segment) => segment.length > 0);
}

function isParam(segment: string): boolean {
	return segment.startsWith('{') && segment.endsWith('}');
}

function specificity(segments: string[]): number {
	return segments.reduce((score, segment, index) => score + (isParam(segment) ? 0 : 2 ** (20 - index)), 0);
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
	if (template.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (let index = 0; index < template.length; index++) {
		const expected = template[index];
		if (isParam(expected)) {
			let value: string;
			try {
				value = decodeURIComponent(actual[index]);
			} catch {
				return undefined;
			}
			params[expected.slice(1, -1)] = value;
		} else if (expected.toLowerCase() !== actual[index].toLowerCase()) {
			return undefined;
		}
	}
	return params;
}

/** Finds the contract operation for a method and path. `methodMismatch` is true when only the method is wrong. */
export function findOperation(method: string, path: string): { match?: ContractMatch; methodMismatch: boolean } {
	const actual = splitPath(path);
	let methodMismatch = false;
	for (const route of compiledRoutes()) {
		const pathParams = matchSegments(route.segments, actual);
		if (!pathParams) continue;
		if (route.operation.method === method.toUpperCase()) return { match: { operation: route.operation, pathParams }, methodMismatch: false };
		methodMismatch = true;
	}
	return { methodMismatch };
}

function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function typeMatches(expected: string, value: unknown): boolean {
	switch (expected) {
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'array':
			return Array.isArray(value);
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'null':
			return value === null;
		default:
			return typeof value === expected;
	}
}

type Problem = { code: number; field: string; message: string };

/**
 * Checks one value against a reduced schema, recursively. Returns the first problem found. An object refuses a field
 * its schema does not list when the schema says `additionalProperties: false`, or says nothing and `rejectUnknown` is on.
 */
/** RFC 3339, as OpenAPI's `date-time` means: a date, a time and a zone (`Z` or an offset), e.g. 2024-12-31T10:00:00Z. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

function isUtcDateTime(value: string): boolean {
	return RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

export function checkValue(schema: ContractSchema, value: unknown, field: string, rejectUnknown = false): Problem | undefined {
	if (schema.oneOf) {
		const problems = schema.oneOf.map((alternative) => checkValue(alternative, value, field, rejectUnknown));
		return problems.every(Boolean) ? problems[0] : undefined;
	}
	const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
	if (value === null) {
		// Nullable: `nullable: true`, no type at all, or a `null` type (a oneOf alternative, or a type list).
		return schema.nullable || types.length === 0 || types.includes('null')
			? undefined
			: { code: 3002, field, message: `${field} must not be null` };
	}
	if (types.length > 0 && !types.some((type) => typeMatches(type, value))) {
		return { code: 3002, field, message: `${field} must be of type ${types.join(' or ')} (got ${typeName(value)})` };
	}
	if (schema.enum && !schema.enum.includes(value)) {
		return { code: 3003, field, message: `${field} must be one of: ${schema.enum.join(', ')}` };
	}
	if (typeof value === 'string') {
		if (schema.format === 'date-time' && !isUtcDateTime(value)) {
			return { code: 3002, field, message: `${field} must be an ISO 8601 date-time with its zone (UTC)` };
		}
		if (schema.maxLength !== undefined && characters(value) > schema.maxLength) {
			return { code: 3003, field, message: `${field} must be at most ${schema.maxLength} characters` };
		}
		if (schema.minLength !== undefined && characters(value) < schema.minLength) {
			return { code: 3003, field, message: `${field} must be at least ${schema.minLength} characters` };
		}
	}
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) {
			return { code: 3003, field, message: `${field} must be >= ${schema.minimum}` };
		}
		if (schema.maximum !== undefined && value > schema.maximum) {
			return { code: 3003, field, message: `${field} must be <= ${schema.maximum}` };
		}
	}
	if (Array.isArray(value)) {
		if (schema.minItems !== undefined && value.length < schema.minItems) {
			return { code: 3003, field, message: `${field} must have at least ${schema.minItems} items` };
		}
		if (schema.maxItems !== undefined && value.length > schema.maxItems) {
			return { code: 3003, field, message: `${field} must have at most ${schema.maxItems} items` };
		}
		if (schema.items) {
			for (let index = 0; index < value.length; index++) {
				const problem = checkValue(schema.items, value[index], `${field}[${index}]`, rejectUnknown);
				if (problem) return problem;
			}
		}
	}
	if (typeMatches('object', value)) return checkObject(schema, value as Record<string, unknown>, field, rejectUnknown);
	return undefined;
}

function checkObject(schema: ContractSchema, value: Record<string, unknown>, field: string, rejectUnknown: boolean): Problem | undefined {
	const prefix = field ? `${field}.` : '';
	for (const name of schema.required ?? []) {
		if (value[name] === undefined || value[name] === null || value[name] === '') {
			return { code: 3001, field: `${prefix}${name}`, message: `${prefix}${name} is required` };
		}
	}
	for (const [name, propertySchema] of Object.entries(schema.properties ?? {})) {
		const propertyValue = value[name];
		// A null is checked like any value: refused (3002) unless the contract marks the field nullable.
		if (propertyValue === undefined) continue;
		const problem = checkValue(propertySchema, propertyValue, `${prefix}${name}`, rejectUnknown);
		if (problem) return problem;
	}
	if (typeof schema.additionalProperties === 'object') {
		for (const [name, propertyValue] of Object.entries(value)) {
			if (schema.properties && name in schema.properties) continue;
			const problem = checkValue(schema.additionalProperties, propertyValue, `${prefix}${name}`, rejectUnknown);
			if (problem) return problem;
		}
	} else if (schema.properties && (schema.additionalProperties === false || (rejectUnknown && schema.additionalProperties === undefined))) {
		const unknown = Object.keys(value).find((name) => !(name in schema.properties!));
		if (unknown !== undefined) return { code: 3003, field: `${prefix}${unknown}`, message: `${prefix}${unknown} is not a field of this request` };
	}
	return undefined;
}

function checkQueryParam(param: ContractParam, raw: string): Problem | undefined {
	const field = param.name;
	const { name: _name, required: _required, ...schema } = param;
	void _name;
	void _required;
	switch (param.type) {
		case 'integer':
			if (!/^-?\d+$/.test(raw)) return { code: 3002, field, message: `${field} must be an integer` };
			return checkValue(schema, Number(raw), field);
		case 'number':
			if (raw.trim() === '' || Number.isNaN(Number(raw))) return { code: 3002, field, message: `${field} must be a number` };
			return checkValue(schema, Number(raw), field);
		case 'boolean':
			if (!/^(true|false)$/i.test(raw)) return { code: 3002, field, message: `${field} must be true or false` };
			return undefined;
		default:
			return checkValue({ ...schema, type: 'string' }, raw, field);
	}
}

export type QueryInput = Record<string, string | string[] | undefined> | URLSearchParams;

function queryValue(query: QueryInput, name: string): string | undefined {
	if (query instanceof URLSearchParams) {
		for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value;
		return undefined;
	}
	const key = Object.keys(query).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	const value = key === undefined ? undefined : query[key];
	return Array.isArray(value) ? value[0] : value;
}

function queryNames(query: QueryInput): string[] {
	return query instanceof URLSearchParams ? [...new Set(query.keys())] : Object.keys(query);
}

/**
 * Validates a request against the contract. Query parameter names match case-insensitively. `rejectUnknownFields`
 * also refuses query parameters and body fields the contract does not list (see SimulatorOptions).
 */
export function validateRequest(method: string, path: string, query: QueryInput, body: unknown, rejectUnknownFields = false): ContractMatch | ContractError {
	const { match, methodMismatch } = findOperation(method, path);
	if (!match) {
		return methodMismatch
			? { error: { status: 405, code: 4005, message: `Method ${method.toUpperCase()} is not allowed on ${path}` } }
			: { error: { status: 404, code: 4004, message: `No route for ${method.toUpperCase()} ${path}` } };
	}
	const { operation } = match;
	if (rejectUnknownFields) {
		const known = new Set(operation.queryParams.map((param) => param.name.toLowerCase()));
		const unknown = queryNames(query).find((name) => !known.has(name.toLowerCase()));
		if (unknown !== undefined) return payloadError({ code: 3003, field: unknown, message: `${unknown} is not a parameter of this request` });
	}
	for (const param of operation.queryParams) {
		const raw = queryValue(query, param.name);
		if (raw === undefined || raw === '') {
			if (param.required) return payloadError({ code: 3001, field: param.name, message: `${param.name} is required` });
			continue;
		}
		const problem = checkQueryParam(param, raw);
		if (problem) return payloadError(problem);
	}
	for (const param of operation.pathParams) {
		if (param.type === 'integer' && !/^-?\d+$/.test(match.pathParams[param.name])) {
			return payloadError({ code: 3002, field: param.name, message: `${param.name} must be an integer` });
		}
		if (param.maxLength !== undefined && characters(match.pathParams[param.name]) > param.maxLength) {
			return payloadError({ code: 3003, field: param.name, message: `${param.name} must be at most ${param.maxLength} characters` });
		}
	}
	if (operation.requestBody) {
		if (body === undefined || body === null) {
			if (operation.requestBody.required) return payloadError({ code: 3001, field: 'body', message: 'A JSON request body is required' });
		} else {
			const problem = checkValue(operation.requestBody.schema, body, '', rejectUnknownFields);
			if (problem) return payloadError({ ...problem, field: problem.field || 'body', message: problem.message.replace(/^ /, 'body ') });
		}
	}
	return match;
}

/** A string's length as JSON Schema counts it: in Unicode code points. */
function characters(value: string): number {
	return [...value].length;
}

function payloadError(problem: Problem): ContractError {
	return { error: { status: 400, code: problem.code, field: problem.field, message: problem.message } };
}

export function isContractError(result: ContractMatch | ContractError): result is ContractError {
	return 'error' in result;
}
