// A stand-in for an OpenAI-compatible Chat Completions API (POST /v1/chat/completions), enough for n8n's AI Agent to
// call one tool and answer: it plays a model that always uses the Gameball tool. While the conversation holds no tool
// result, it answers with one call to the tool n8n offered (found among `tools` by name), with the customer ID the
// user's message names (`customer <id>`); once a tool result is there, it answers a final text that quotes every
// tool result verbatim. It records each request. Nothing else of OpenAI's API is imitated.
import { FakeApiError, startFakeApi, type FakeAnswer, type FakeApi, type FakeRequest } from './fakeApi';

export interface ChatMessage {
	role: string;
	content?: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatTool {
	type: string;
	function: { name: string; description?: string; parameters?: Record<string, any> };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
}

export interface FakeLlm extends FakeApi {
	/** The bodies of the chat-completion requests, in order. */
	chats(): ChatRequest[];
}

const openAiError = (status: number, message: string) =>
	new FakeApiError(status, { error: { message, type: 'invalid_request_error', param: null, code: null } });

export const textOf = (content: ChatMessage['content']): string =>
	typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => part.text ?? '').join('') : '';

/** The text the fake answers once the conversation holds tool results. */
export const finalAnswer = (results: string[]) => `Here is what the Gameball tool answered: ${results.join(' | ')}`;

function completion(model: string, message: ChatMessage, finishReason: string): FakeAnswer {
	return {
		status: 200,
		body: {
			id: `chatcmpl-fake-${Date.now()}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model,
			choices: [{ index: 0, message: { content: null, ...message }, logprobs: null, finish_reason: finishReason }],
			usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
		},
	};
}

/** Listens on `port` (the one the run's openAiApi credential points at); only `apiKey` is accepted. */
export async function startFakeLlm(port: number, apiKey: string): Promise<FakeLlm> {
	let calls = 0;

	function route({ method, path, body }: FakeRequest): FakeAnswer {
		if (method !== 'POST' || path !== '/v1/chat/completions') throw openAiError(404, `Unknown request URL: ${method} ${path}`);
		const chat = body as ChatRequest;
		if (!Array.isArray(chat?.messages)) throw openAiError(400, 'messages is required');
		if (chat.stream) throw openAiError(400, 'this fake does not stream');
		const results = chat.messages.filter(({ role }) => role === 'tool').map(({ content }) => textOf(content));
		if (results.length > 0) return completion(chat.model, { role: 'assistant', content: finalAnswer(results) }, 'stop');
		const tool = (chat.tools ?? []).find(({ function: { name } }) => /gameball/i.test(name));
		if (!tool) throw openAiError(400, `no Gameball tool offered; tools: ${(chat.tools ?? []).map(({ function: { name } }) => name).join(', ')}`);
		const question = textOf([...chat.messages].reverse().find(({ role }) => role === 'user')?.content);
		const customerId = /customer\s+([\w-]+)/i.exec(question)?.[1];
		if (!customerId) throw openAiError(400, `the user's message names no customer: ${question}`);
		const call = { id: `call_fake_${++calls}`, type: 'function', function: { name: tool.function.name, arguments: JSON.stringify({ customerId }) } };
		return completion(chat.model, { role: 'assistant', tool_calls: [call] }, 'tool_calls');
	}

	const api = await startFakeApi(port, [apiKey], {
		schemes: ['bearer'],
		unauthorized: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
		badJson: { error: { message: 'body is not JSON', type: 'invalid_request_error', param: null, code: null } },
		route,
	});
	return {
		...api,
		chats: () => api.requests.filter(({ path }) => path === '/v1/chat/completions').map(({ body }) => body as ChatRequest),
	};
}
