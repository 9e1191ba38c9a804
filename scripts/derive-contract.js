#!/usr/bin/env node
'use strict';
/*
 * Derives the committed request/response contract from Gameball's OpenAPI document.
 *
 *   node scripts/derive-contract.js [path/to/gameball-openapi-v4.json] [output.json]
 *
 * Keeps only what a machine checks: methods, paths, security, parameters and schemas reduced to
 * types, required, enum, items, properties and simple bounds. No descriptions, examples or prose.
 * `require`d, it exports deriveContract(sourcePath) and writes nothing (test/simulator/contractSource.test.ts).
 * Output is deterministic (operations and keys sorted) so the committed file only changes when the
 * source does.
 */
const fs = require('fs');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..');
const DEFAULT_SOURCE = path.join(repoRoot, '..', 'shared', 'reference', 'gameball-openapi-v4.json');
const DEFAULT_OUTPUT = path.join(repoRoot, 'test', 'contract', 'gameball-v4.contract.json');

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Schema keywords kept in request schemas: structure and machine-checkable bounds only. */
const REQUEST_KEYS = ['type', 'format', 'nullable', 'enum', 'required', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'default'];
/** How the document types the values of a free-form object (`extra`) in prose. */
const STRING_OR_NUMBER_VALUES = /values must be of type string or number/i;
/** Response schemas keep types, structure and enums. */
const RESPONSE_KEYS = ['type', 'nullable', 'enum'];

/** The OpenAPI document being reduced (set by deriveContract). */
let document;

function resolveRef(ref) {
	if (!ref.startsWith('#/')) throw new Error(`External $ref not supported: ${ref}`);
	return ref
		.slice(2)
		.split('/')
		.reduce((node, key) => {
			if (!node || !(key in node)) throw new Error(`Unresolvable $ref: ${ref}`);
			return node[key];
		}, document);
}

function reduceSchema(schema, keptKeys, seen = []) {
	if (!schema || typeof schema !== 'object') return {};
	if (schema.$ref) {
		if (seen.includes(schema.$ref)) return { type: 'object' };
		return reduceSchema(resolveRef(schema.$ref), keptKeys, seen.concat(schema.$ref));
	}
	if (schema.allOf) {
		const parts = schema.allOf.map((part) => reduceSchema(part, keptKeys, seen));
		return mergeAllOf(parts);
	}
	const alternatives = schema.oneOf || schema.anyOf;
	if (alternatives) {
		const reduced = alternatives.map((part) => reduceSchema(part, keptKeys, seen));
		const nonNull = reduced.filter((part) => part.type !== 'null');
		if (nonNull.length === 1) return { ...nonNull[0], nullable: reduced.length > 1 ? true : nonNull[0].nullable };
		return { oneOf: reduced };
	}
	const out = {};
	for (const key of keptKeys) {
		if (schema[key] === undefined) continue;
		if (key === 'required' && !Array.isArray(schema[key])) continue;
		out[key] = schema[key];
	}
	if (Array.isArray(out.type)) {
		// OpenAPI 3.1 style ["string", "null"]
		const nonNull = out.type.filter((type) => type !== 'null');
		if (out.type.includes('null')) out.nullable = true;
		out.type = nonNull.length === 1 ? nonNull[0] : nonNull;
	}
	if (out.nullable === undefined) delete out.nullable;
	if (out.required) out.required = [...out.required].sort();
	if (schema.properties) {
		out.properties = {};
		for (const name of Object.keys(schema.properties).sort()) {
			out.properties[name] = reduceSchema(schema.properties[name], keptKeys, seen);
		}
		if (!out.type) out.type = 'object';
	}
	if (schema.items) out.items = reduceSchema(schema.items, keptKeys, seen);
	if (schema.additionalProperties !== undefined) {
		out.additionalProperties =
			typeof schema.additionalProperties === 'object'
				? reduceSchema(schema.additionalProperties, keptKeys, seen)
				: schema.additionalProperties;
		// A type given only in words (`extra`: "The values must be of type string or number.") is kept as a type.
		if (out.additionalProperties === true && keptKeys === REQUEST_KEYS && STRING_OR_NUMBER_VALUES.test(schema.description || '')) {
			out.additionalProperties = { type: ['string', 'number'] };
		}
	}
	return out;
}

function mergeAllOf(parts) {
	const merged = { type: 'object', properties: {}, required: [] };
	for (const part of parts) {
		Object.assign(merged.properties, part.properties || {});
		merged.required.push(...(part.required || []));
	}
	merged.required = [...new Set(merged.required)].sort();
	if (merged.required.length === 0) delete merged.required;
	return merged;
}

function reduceParameter(parameter) {
	const resolved = parameter.$ref ? resolveRef(parameter.$ref) : parameter;
	const schema = reduceSchema(resolved.schema || {}, REQUEST_KEYS);
	return { in: resolved.in, name: resolved.name, required: resolved.required === true, schema };
}

function pickJsonSchema(content) {
	if (!content) return undefined;
	const media = content['application/json'] || content[Object.keys(content)[0]];
	return media && media.schema;
}

function deriveOperation(routePath, method, operation, pathItem) {
	const parameters = [...(pathItem.parameters || []), ...(operation.parameters || [])].map(reduceParameter);
	const declaredPath = new Map(parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]));
	// Path parameters come from the template: the document sometimes declares the wrong name
	// (e.g. DELETE /orders/{orderId}/transactions declares `customerId`).
	const templateNames = [...routePath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
	const pathParams = templateNames.map((name) => {
		const schema = declaredPath.has(name) ? declaredPath.get(name).schema : {};
		const param = { name, type: schema.type || 'string' };
		if (schema.maxLength !== undefined) param.maxLength = schema.maxLength;
		return param;
	});
	const mismatchedPathParams = [...declaredPath.keys()].filter((name) => !templateNames.includes(name)).sort();

	const queryParams = parameters
		.filter((p) => p.in === 'query')
		.map((p) => ({ name: p.name, required: p.required, ...p.schema, type: p.schema.type || 'string' }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const headerParams = parameters
		.filter((p) => p.in === 'header')
		.map((p) => ({ name: p.name, required: p.required, type: p.schema.type || 'string' }))
		.sort((a, b) => a.name.localeCompare(b.name));

	const securityRequirements = operation.security || document.security || [];
	const security = [...new Set(securityRequirements.flatMap((requirement) => Object.keys(requirement)))].sort();

	const result = {
		method: method.toUpperCase(),
		path: routePath,
	};
	if (operation.operationId) result.operationId = operation.operationId;
	result.security = security;
	result.pathParams = pathParams;
	if (mismatchedPathParams.length) result.declaredPathParamsNotInPath = mismatchedPathParams;
	result.queryParams = queryParams;
	if (headerParams.length) result.headerParams = headerParams;

	if (operation.requestBody) {
		const body = operation.requestBody.$ref ? resolveRef(operation.requestBody.$ref) : operation.requestBody;
		result.requestBody = {
			required: body.required === true,
			schema: reduceSchema(pickJsonSchema(body.content) || {}, REQUEST_KEYS),
		};
	}

	const responses = operation.responses || {};
	const successStatus = Object.keys(responses)
		.filter((status) => /^2\d\d$/.test(status))
		.sort()[0];
	if (successStatus) {
		const response = responses[successStatus].$ref ? resolveRef(responses[successStatus].$ref) : responses[successStatus];
		const schema = pickJsonSchema(response.content);
		result.response = { status: Number(successStatus) };
		if (schema) result.response.schema = reduceSchema(schema, RESPONSE_KEYS);
	}
	return result;
}

function derive(sourcePath) {
	const operations = [];
	for (const routePath of Object.keys(document.paths)) {
		const pathItem = document.paths[routePath];
		for (const method of HTTP_METHODS) {
			if (pathItem[method]) operations.push(deriveOperation(routePath, method, pathItem[method], pathItem));
		}
	}
	operations.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
	return {
		source: path.basename(sourcePath),
		openapi: document.openapi,
		apiVersion: document.info && document.info.version,
		server: document.servers && document.servers[0] && document.servers[0].url,
		securitySchemes: Object.fromEntries(
			Object.entries((document.components && document.components.securitySchemes) || {})
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([name, scheme]) => [name, { type: scheme.type, in: scheme.in, name: scheme.name, scheme: scheme.scheme }]),
		),
		operationCount: operations.length,
		operations,
	};
}

/** The contract derived from the OpenAPI document at sourcePath. */
function deriveContract(sourcePath = DEFAULT_SOURCE) {
	document = JSON.parse(fs.readFileSync(sourcePath, 'utf8'));
	return derive(sourcePath);
}

/** The text written to the contract file. */
function serialize(contract) {
	return JSON.stringify(contract, null, '\t') + '\n';
}

module.exports = { deriveContract, serialize, DEFAULT_SOURCE, DEFAULT_OUTPUT };

if (require.main === module) {
	const outputPath = path.resolve(process.argv[3] || DEFAULT_OUTPUT);
	const contract = deriveContract(path.resolve(process.argv[2] || DEFAULT_SOURCE));
	fs.mkdirSync(path.dirname(outputPath), { recursive: true });
	fs.writeFileSync(outputPath, serialize(contract));
	process.stdout.write(`Wrote ${contract.operationCount} operations to ${path.relative(process.cwd(), outputPath)}\n`);
}
