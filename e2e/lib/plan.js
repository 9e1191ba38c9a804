// What a run can exercise: which of the package's nodes have landed (built into dist/), and their workflows.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { repoRoot } = require('./userFolder');
const actions = require('../workflows/actions');
const trigger = require('../workflows/trigger');

function landedParts() {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
	const built = (file) => manifest.n8n.nodes.includes(file) && existsSync(join(repoRoot, file));
	return {
		action: built('dist/nodes/Gameball/Gameball.node.js'),
		trigger: built('dist/nodes/GameballTrigger/GameballTrigger.node.js'),
		crm: built('dist/nodes/LoyaltyToCrm/LoyaltyToCrm.node.js') && existsSync(join(__dirname, '..', 'workflows', 'crm.js')),
		guard: built('dist/nodes/GameballDeliveryGuard/GameballDeliveryGuard.node.js'),
		simulator: existsSync(join(repoRoot, 'simulator', 'index.ts')),
	};
}

/**
 * The workflows for the nodes that have landed. `withCrm` adds the Loyalty to CRM -> PostgreSQL workflow;
 * `crmFakeUrls` ({ zoho: url, ... }) adds those CRM examples, pointed at fake CRMs there; `aiFakeUrl` adds the AI
 * Agent workflows with the Gameball tool (its model's credential points at that fake LLM).
 */
function workflowsFor(landed, { withCrm, crmFakeUrls = {}, aiFakeUrl }) {
	const workflows = [];
	if (landed.trigger) workflows.push(trigger.allEventsWorkflow(), trigger.tierChangedWorkflow(), trigger.automationGetWorkflow());
	if (landed.action) workflows.push(actions.lifecycleWorkflow(), actions.batchUpsertWorkflow());
	if (landed.action && aiFakeUrl) {
		const { AI_TOOL_WORKFLOWS, aiToolWorkflow } = require('../workflows/aiTool');
		for (const name of Object.keys(AI_TOOL_WORKFLOWS)) workflows.push(aiToolWorkflow(name));
	}
	if (landed.trigger && landed.crm && withCrm) workflows.push(require('../workflows/crm').crmWorkflow());
	if (landed.trigger && landed.guard) workflows.push(require('../workflows/guard').guardWorkflow('guard'), require('../workflows/guard').guardWorkflow('guardFresh'));
	if (landed.trigger && landed.crm) {
		const { crmExampleWorkflow } = require('../workflows/crmExamples');
		for (const [name, url] of Object.entries(crmFakeUrls)) workflows.push(crmExampleWorkflow(name, url));
	}
	return workflows;
}

module.exports = { landedParts, workflowsFor };
