// n8n's AI Agent with the Gameball node as a tool: Webhook -> AI Agent, with an OpenAI Chat Model pointed at a fake
// OpenAI-compatible server (e2e/scenarios/fakeLlm.ts, through the credential's Base URL) and the Gameball node's
// tool variant (n8n-nodes-gameball.gameballTool, Customer > Get Balance) whose customer ID the model fills in through
// $fromAI. The webhook answers with the agent's output. Two copies: the tool node as added (a failing call stops it),
// and one whose Settings > On Error is "Continue" (a failing call gives an item with the error).
const { credentialRefs, node, workflow, webhookStart } = require('./common');

const AI_TOOL_WORKFLOWS = {
	aiTool: { id: 'gbE2eAiAgentTool', path: 'gameball-ai-tool', webhookId: 'f3b1c2d4-0003-4e5f-8a9b-000000000003', onError: undefined },
	aiToolContinue: {
		id: 'gbE2eAiAgentTlCo',
		path: 'gameball-ai-tool-continue',
		webhookId: 'f3b1c2d4-0004-4e5f-8a9b-000000000004',
		onError: 'continueRegularOutput',
	},
};
const openAiRef = { id: 'openAiFakeLlm001', name: 'OpenAI (fake LLM)' };

/** The `$fromAI` key, description and type of the tool's one model-filled parameter, as the scenario expects them in the tool's schema. */
const fromAi = { key: 'customerId', description: 'The Gameball customer ID to look up', type: 'string' };

function aiToolWorkflow(name) {
	const { id, path, webhookId, onError } = AI_TOOL_WORKFLOWS[name];
	const nodes = [
		webhookStart(path, webhookId),
		node('AI Agent', '@n8n/n8n-nodes-langchain.agent', 3, [250, 0], {
			promptType: 'define',
			text: '={{ $json.body.question }}',
			options: { systemMessage: 'You answer questions about loyalty customers with the Gameball tool.', maxIterations: 4 },
		}),
		// From 1.3 the node uses OpenAI's Responses API unless told not to; the fake answers Chat Completions only.
		node(
			'OpenAI Chat Model',
			'@n8n/n8n-nodes-langchain.lmChatOpenAi',
			1.3,
			[150, 200],
			{ model: { __rl: true, mode: 'id', value: 'fake-gpt' }, responsesApiEnabled: false, options: { maxRetries: 0 } },
			{ credentials: { openAiApi: openAiRef } },
		),
		node(
			'Gameball Balance',
			'n8n-nodes-gameball.gameballTool',
			1,
			[350, 200],
			{
				resource: 'customer',
				operation: 'getBalance',
				customerId: `={{ $fromAI('${fromAi.key}', '${fromAi.description}', '${fromAi.type}') }}`,
			},
			{ credentials: { gameballApi: credentialRefs.gameball }, ...(onError ? { onError } : {}) },
		),
	];
	const connections = {
		Webhook: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
		'Gameball Balance': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
	};
	const title = onError ? 'E2E: AI Agent with the Gameball tool (On Error: Continue)' : 'E2E: AI Agent with the Gameball tool';
	return workflow(id, title, nodes, connections);
}

/** The run's openAiApi credential: the fake's address as Base URL (with /v1, as OpenAI's own), and the key it accepts. */
function openAiCredential(fakeUrl, apiKey) {
	return { ...openAiRef, type: 'openAiApi', data: { apiKey, url: `${fakeUrl}/v1`, header: false } };
}

module.exports = { AI_TOOL_WORKFLOWS, aiToolWorkflow, openAiCredential, fromAi };
