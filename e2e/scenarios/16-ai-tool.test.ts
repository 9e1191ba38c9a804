// Scenario 16: the Gameball node as a tool of n8n's AI Agent (e2e/workflows/aiTool.js), its model an OpenAI Chat Model
// pointed at a fake OpenAI-compatible server (fakeLlm.ts) that always calls the Gameball tool. Checked: the tool n8n
// offers the model and its JSON schema for the `$fromAI` parameter, the one Gameball request the tool call makes on
// the simulator, the tool result the model gets back (the simulator's balance, or Gameball's error as text), the
// workflow's answer, and that no Gameball key reaches the model.
import type { Simulator } from '../../simulator';
import { fromAi } from '../workflows/aiTool';
import { finalAnswer, startFakeLlm, textOf, type ChatRequest, type FakeLlm } from './fakeLlm';
import { createCustomer, gameballApi, rewardCashback, startRunSimulator } from './simulator';
import { lastExecutionId, post, runContext, waitForExecutions, type Execution } from './support';

const context = runContext();
const ready = context.landed.action && context.landed.simulator && context.aiFakePort !== undefined;
const describeIfLanded = ready ? describe : describe.skip;

const apiCall = ({ method, path, status }: { method: string; path: string; status: number }) => `${method} ${path} ${status}`;
const balancePath = (customerId: string) => `/api/v4.0/integrations/customers/${customerId}/balance`;
const SUCCESS = [{ status: 'success', error: null }];

/** True when `value` holds, at any depth (also inside JSON text), an object equal to `wanted`. */
function holds(value: unknown, wanted: unknown): boolean {
	if (typeof value === 'string') {
		try {
			const parsed: unknown = JSON.parse(value);
			return typeof parsed === 'object' && parsed !== null && holds(parsed, wanted);
		} catch {
			return false;
		}
	}
	if (typeof value !== 'object' || value === null) return false;
	if (JSON.stringify(value) === JSON.stringify(wanted)) return true;
	return Object.values(value).some((entry) => holds(entry, wanted));
}

/** The assistant's tool calls in a chat request, and the tool messages answering them. */
function toolExchange(chat: ChatRequest) {
	const calls = chat.messages.flatMap(({ role, tool_calls }) => (role === 'assistant' ? (tool_calls ?? []) : []));
	const results = chat.messages.filter(({ role }) => role === 'tool');
	return { calls, results };
}

/** The arguments of a replayed tool call, without the call's own ID, which n8n adds to them when it replays the call. */
function askedArguments(call: ReturnType<typeof toolExchange>['calls'][number]) {
	const { id, ...asked } = JSON.parse(call.function.arguments) as Record<string, unknown>;
	expect([undefined, call.id]).toContain(id);
	return asked;
}

describeIfLanded(`n8n ${context.n8nVersion}: the Gameball node as an AI Agent tool`, () => {
	let sim: Simulator;
	let llm: FakeLlm;

	beforeAll(async () => {
		sim = await startRunSimulator(context, []);
		llm = await startFakeLlm(context.aiFakePort!, context.aiFakeKey);
	});
	afterAll(async () => {
		await llm?.stop();
		await sim?.stop();
	});

	/**
	 * Asks the agent of workflow `name` through its webhook; answers the webhook's answer, the execution, and what the
	 * fake LLM and the simulator received meanwhile.
	 */
	async function ask(name: 'aiTool' | 'aiToolContinue', question: string) {
		const before = await lastExecutionId(context);
		const seen = { llm: llm.requests.length, chats: llm.chats().length, sim: sim.requests.length };
		const response = await post(context.webhookUrls[name], JSON.stringify({ question }), { 'content-type': 'application/json' });
		const executions: Execution[] = await waitForExecutions(context, { workflowId: context.workflowIds[name], afterId: before, count: 1 });
		const run = {
			response,
			executions,
			llmRequests: llm.requests.slice(seen.llm),
			chats: llm.chats().slice(seen.chats),
			simRequests: sim.requests.slice(seen.sim),
		};
		// No Gameball key in anything the model received, headers included; the model's own key is the only one sent.
		const received = JSON.stringify(run.llmRequests.map(({ headers, body, query }) => ({ headers, body, query })));
		expect(run.llmRequests.length).toBeGreaterThan(0);
		expect(received).not.toContain(context.secretKey);
		expect(received).not.toContain(context.apiKey);
		expect(run.llmRequests.map(({ authorization }) => authorization)).toEqual(run.llmRequests.map(() => `Bearer ${context.aiFakeKey}`));
		return run;
	}

	/** The one tool call the second model request replays, and the one tool result answering it. */
	function onlyToolResult(chat: ChatRequest, customerId: string) {
		const { calls, results } = toolExchange(chat);
		expect(calls).toHaveLength(1);
		expect(askedArguments(calls[0])).toEqual({ [fromAi.key]: customerId });
		expect(results).toHaveLength(1);
		expect(results[0].tool_call_id).toBe(calls[0].id);
		return textOf(results[0].content);
	}

	test("the agent calls the tool with the customer's ID; the simulator's balance reaches the model and the answer", async () => {
		const customerId = `ai-${Date.now()}`;
		await createCustomer(sim, customerId);
		await rewardCashback(sim, customerId, 137, `ai-order-${customerId}`);
		const balance = await gameballApi(sim, 'GET', `/customers/${customerId}/balance`);
		expect(balance.availablePointsBalance).toBe(137);

		const run = await ask('aiTool', `What is the points balance of customer ${customerId}?`);
		expect(run.response.status).toBe(200);
		expect(run.executions.map(({ status, error }) => ({ status, error }))).toEqual(SUCCESS);
		expect(run.executions[0].nodes['Gameball Balance'].error).toBeNull();

		// Two model calls: the question (answered with a tool call), then the question with the tool's result.
		expect(run.chats).toHaveLength(2);
		const [first, second] = run.chats;
		const offered = (first.tools ?? []).filter(({ function: { name } }) => /gameball/i.test(name));
		expect(offered).toHaveLength(1);
		const tool = offered[0].function;
		// n8n names the tool after the node ("Gameball Balance"), as the README says.
		expect(tool.name).toBe('Gameball_Balance');
		expect(tool.description).toMatch(/balance/i);
		expect(tool.parameters).toMatchObject({
			type: 'object',
			properties: { [fromAi.key]: { type: fromAi.type, description: fromAi.description } },
			required: [fromAi.key],
		});
		expect(Object.keys(tool.parameters!.properties)).toEqual([fromAi.key]);
		expect(toolExchange(first)).toEqual({ calls: [], results: [] });
		expect(second.tools).toEqual(first.tools);

		// Exactly the request the tool call asked for, with both keys (the simulator checks both: 200 means they were right).
		expect(run.simRequests.map(apiCall)).toEqual([`GET ${balancePath(customerId)} 200`]);
		expect(run.simRequests[0].headers).toMatchObject({ apikey: '[REDACTED]', secretkey: '[REDACTED]' });

		// The model got back its own call, named as offered, and for it the simulator's balance.
		expect(toolExchange(second).calls.map(({ type, function: { name } }) => ({ type, name }))).toEqual([{ type: 'function', name: tool.name }]);
		const toolResult = onlyToolResult(second, customerId);
		expect(holds(toolResult, balance)).toBe(true);

		// The workflow answers with the agent's final text, which quotes that result.
		expect(JSON.parse(run.response.text)).toEqual([{ output: finalAnswer([toolResult]) }]);
	});

	if (context.n8nMajor >= 2) {
		test("a customer that does not exist: n8n hands the tool's error to the model as text, and the workflow still answers", async () => {
			const customerId = `ai-ghost-${Date.now()}`;
			const run = await ask('aiTool', `What is the points balance of customer ${customerId}?`);
			expect(run.simRequests.map(apiCall)).toEqual([`GET ${balancePath(customerId)} 404`]);
			expect(run.chats).toHaveLength(2);
			// The node's error headline (Gameball's code and what it means), not a stack trace.
			const toolResult = onlyToolResult(run.chats[1], customerId);
			expect(JSON.parse(toolResult)).toEqual([{ error: '7000: customer not found' }]);
			expect(run.response.status).toBe(200);
			expect(JSON.parse(run.response.text)).toEqual([{ output: finalAnswer([toolResult]) }]);
			expect(run.executions.map(({ status, error }) => ({ status, error }))).toEqual(SUCCESS);
			expect(run.executions[0].nodes['Gameball Balance'].error).toBe('7000: customer not found');
		});
	} else {
		test('a customer that does not exist: n8n 1.x stops the workflow on the failing tool call (see the On Error: Continue case)', async () => {
			const customerId = `ai-ghost-${Date.now()}`;
			const run = await ask('aiTool', `What is the points balance of customer ${customerId}?`);
			expect(run.simRequests.map(apiCall)).toEqual([`GET ${balancePath(customerId)} 404`]);
			expect(run.chats).toHaveLength(1);
			expect(run.response.status).toBe(500);
			expect(run.executions.map(({ status, error }) => ({ status, error }))).toEqual([{ status: 'error', error: '7000: customer not found' }]);
		});
	}

	test("with the tool's On Error set to Continue: Gameball's error and message reach the model as the tool's result", async () => {
		const customerId = `ai-ghost-${Date.now()}`;
		const run = await ask('aiToolContinue', `What is the points balance of customer ${customerId}?`);
		expect(run.simRequests.map(apiCall)).toEqual([`GET ${balancePath(customerId)} 404`]);
		const requestId = sim.requests.at(-1)!.requestId;
		expect(run.chats).toHaveLength(2);
		const toolResult = onlyToolResult(run.chats[1], customerId);
		expect(JSON.parse(toolResult)).toEqual([
			{ error: '7000: customer not found', description: `Customer '${customerId}' was not found · Request ID: ${requestId} · Check the Customer ID. Operations that only read or reward a customer do not create one: create it first with Customer > Create or Update.`, httpCode: '404' },
		]);
		expect(run.response.status).toBe(200);
		expect(JSON.parse(run.response.text)).toEqual([{ output: finalAnswer([toolResult]) }]);
		expect(run.executions.map(({ status, error }) => ({ status, error }))).toEqual(SUCCESS);
	});
});
