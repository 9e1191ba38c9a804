// Checks a workflow's n8n-nodes-base nodes against the real node descriptions of an installed n8n: every parameter
// set exists and is shown for the chosen resource and operation, every fixed option value is one the node offers,
// no required parameter is missing, and every credential is one the node declares. Run it with the install's own
// Node.js (n8n-nodes-base 2.x requires ES modules, which Node 20 and jest cannot load):
//   <node> e2e/lib/nodeParameters.js <installDir> <workflow.json>...   prints { file: { nodeName: problems } }
const { join } = require('node:path');

const BASE_PREFIX = 'n8n-nodes-base.';

function requireFrom(installDir, request) {
	return require(require.resolve(request, { paths: [installDir] }));
}

/** n8n-nodes-base's node types of an install, by name (e.g. `hubspot`). */
function baseNodeTypes(installDir) {
	const root = join(require.resolve('n8n-nodes-base/package.json', { paths: [installDir] }), '..');
	const files = require(join(root, 'package.json')).n8n.nodes;
	return {
		get(name) {
			const file = files.find((path) => path.split('/').pop().toLowerCase() === `${name.toLowerCase()}.node.js`);
			if (!file) return undefined;
			const exported = require(join(root, file));
			const NodeClass = Object.values(exported).find((value) => typeof value === 'function');
			return new NodeClass();
		},
	};
}

function credentialTypeExists(installDir, type) {
	const { n8n } = requireFrom(installDir, 'n8n-nodes-base/package.json');
	return n8n.credentials.some((path) => path.split('/').pop().toLowerCase() === `${type.toLowerCase()}.credentials.js`);
}

const isExpression = (value) => typeof value === 'string' && value.startsWith('=');

/** Problems with `values` (a node's parameters, or one level of a collection) against `properties`. */
function valueProblems(properties, values, shown, path) {
	const problems = [];
	for (const [name, value] of Object.entries(values)) {
		const candidates = properties.filter((property) => property.name === name);
		const property = candidates.find((candidate) => shown(candidate));
		if (!property) {
			problems.push(`${path}${name}: ${candidates.length ? 'not shown with these settings' : 'no such parameter'}`);
			continue;
		}
		problems.push(...propertyValueProblems(property, value, `${path}${name}`));
	}
	return problems;
}

function propertyValueProblems(property, value, path) {
	if (isExpression(value)) return [];
	if (property.type === 'options' && !property.typeOptions?.loadOptionsMethod) {
		const allowed = property.options.map((option) => option.value);
		return allowed.includes(value) ? [] : [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(allowed)}`];
	}
	if (property.type === 'multiOptions' && !property.typeOptions?.loadOptionsMethod && Array.isArray(value)) {
		const allowed = property.options.map((option) => option.value);
		return value.filter((entry) => !allowed.includes(entry)).map((entry) => `${path}: ${JSON.stringify(entry)} is not offered`);
	}
	if (property.type === 'collection' && value && typeof value === 'object') {
		return valueProblems(property.options, value, () => true, `${path}.`);
	}
	if (property.type === 'fixedCollection' && value && typeof value === 'object') {
		const problems = [];
		for (const [groupName, groupValue] of Object.entries(value)) {
			const group = property.options.find((option) => option.name === groupName);
			if (!group) {
				problems.push(`${path}.${groupName}: no such group`);
				continue;
			}
			const rows = Array.isArray(groupValue) ? groupValue : [groupValue];
			rows.forEach((row, index) => problems.push(...valueProblems(group.values, row, () => true, `${path}.${groupName}[${index}].`)));
		}
		return problems;
	}
	return [];
}

/** The description a node of `typeVersion` is built from (versioned node types pick their version). */
function descriptionFor(nodeType, typeVersion) {
	if (!nodeType.nodeVersions) return nodeType.description;
	const versioned = nodeType.nodeVersions[typeVersion];
	return versioned ? { ...nodeType.description, ...versioned.description } : undefined;
}

/** Problems with one workflow node, or [] when n8n would take its parameters as they are. */
function nodeProblems(installDir, node) {
	const { NodeHelpers } = requireFrom(installDir, 'n8n-workflow');
	const nodeType = baseNodeTypes(installDir).get(node.type.slice(BASE_PREFIX.length));
	if (!nodeType) return [`${node.type}: not in this n8n`];
	const description = descriptionFor(nodeType, node.typeVersion);
	if (!description) return [`${node.type}: no version ${node.typeVersion}`];
	const versions = [description.version].flat();
	const problems = versions.includes(node.typeVersion) ? [] : [`typeVersion ${node.typeVersion} is not one of ${versions}`];
	const resolved = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
	const shown = (property) => NodeHelpers.displayParameter(resolved, property, node, description);
	problems.push(...valueProblems(description.properties, node.parameters, shown, ''));
	const issues = NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: resolved }, description);
	for (const [name, messages] of Object.entries(issues?.parameters ?? {})) problems.push(`${name}: ${messages.join('; ')}`);
	const declared = (description.credentials ?? []).map((credential) => credential.name);
	// HTTP Request borrows any node's credential type ("predefined credential type"), or takes a generic one.
	if (node.parameters.authentication === 'predefinedCredentialType') declared.push(node.parameters.nodeCredentialType);
	if (node.parameters.authentication === 'genericCredentialType') declared.push(node.parameters.genericAuthType);
	for (const type of Object.keys(node.credentials ?? {})) {
		if (!declared.includes(type)) problems.push(`credential ${type}: not one this node takes`);
		else if (!credentialTypeExists(installDir, type)) problems.push(`credential ${type}: no such credential type`);
	}
	return problems;
}

/** { nodeName: problems } for each n8n-nodes-base node of a workflow that has any. */
function workflowProblems(installDir, workflow) {
	const found = {};
	for (const node of workflow.nodes.filter((candidate) => candidate.type.startsWith(BASE_PREFIX))) {
		const problems = nodeProblems(installDir, node);
		if (problems.length) found[node.name] = problems;
	}
	return found;
}

module.exports = { workflowProblems, nodeProblems };

if (require.main === module) {
	const [installDir, ...files] = process.argv.slice(2);
	const { readFileSync } = require('node:fs');
	const report = Object.fromEntries(files.map((file) => [file, workflowProblems(installDir, JSON.parse(readFileSync(file, 'utf8')))]));
	console.log(JSON.stringify(report));
}
