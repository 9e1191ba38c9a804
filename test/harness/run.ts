import { createHash } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, LoadOptionsContext, WebhookContext, WorkflowExecute } from 'n8n-core';

import { TestCredentialsHelper } from './credentialsHelper';
import './deduplication'; // registers the in-memory provider behind helpers.checkProcessedAndRecord
import { PackageNodeTypes } from './nodeTypes';

const nodeTypes = new PackageNodeTypes();
const NODE_NAME = 'Node under test';

export type Credentials = Record<string, ICredentialDataDecryptedObject>;

export interface NodeSpec {
	/** Short type name, e.g. `gameball` or `gameballTrigger`. */
	type: string;
	parameters: INodeParameters;
	credentials?: Credentials;
	typeVersion?: number;
	continueOnFail?: boolean;
	/** The node's On Error setting; `continueOnFail` stands for `continueRegularOutput`. */
	onError?: INode['onError'];
	/** Stops the execution this long after it starts, as the Stop button or a workflow timeout does. */
	stopAfterMs?: number;
	/** The node's id (`node-under-test` unless given): another id is another node of the same workflow. */
	nodeId?: string;
	/** The workflow's time zone setting (n8n's default, America/New_York, unless given). */
	timezone?: string;
}

/** Distinct credentials get distinct ids, as in n8n (the trigger caches its Secret Key per credential id). */
function credentialId(type: string, data: ICredentialDataDecryptedObject): string {
	return `${type}-${createHash('sha1').update(JSON.stringify(data)).digest('hex').slice(0, 12)}`;
}

function buildNode(spec: NodeSpec): INode {
	return {
		id: spec.nodeId ?? 'node-under-test',
		name: NODE_NAME,
		type: `n8n-nodes-gameball.${spec.type}`,
		typeVersion: spec.typeVersion ?? 1,
		position: [0, 0],
		parameters: spec.parameters,
		webhookId: 'test-webhook-id',
		...(spec.onError ? { onError: spec.onError } : spec.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		credentials: Object.fromEntries(
			Object.entries(spec.credentials ?? {}).map(([type, data]) => [type, { id: credentialId(type, data), name: type }]),
		),
	};
}

function additionalData(credentials: Credentials, workflow: Workflow, mode: WorkflowExecuteMode) {
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', {
		id: workflow.id,
		name: workflow.name ?? 'test',
		active: false,
		isArchived: false,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		executionId: 'test-execution',
		variables: {},
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formBaseUrl: 'http://localhost/form',
		formTestBaseUrl: 'http://localhost/form-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		currentNodeExecutionIndex: 0,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface NodeRunResult {
	/** Items per output of the node (empty when the node failed). */
	outputs: INodeExecutionData[][];
	/** The node's error when the run failed, as n8n recorded it. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
}

let webhookWorkflowsMade = 0;

function newWorkflow(node: INode, staticData: IDataObject = {}, id = 'test-workflow', timezone?: string) {
	const settings = timezone === undefined ? undefined : { timezone };
	return new Workflow({ id, nodes: [node], connections: {}, active: false, nodeTypes, staticData, settings });
}

async function execute(
	workflow: Workflow,
	node: INode,
	items: INodeExecutionData[],
	credentials: Credentials,
	mode: WorkflowExecuteMode = 'manual',
	stopAfterMs?: number,
) {
	const data = additionalData(credentials, workflow, mode);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
		},
	});
	const running = new WorkflowExecute(data, mode, runExecutionData).processRunExecutionData(workflow);
	const stop = stopAfterMs === undefined ? undefined : setTimeout(() => running.cancel(), stopAfterMs);
	const run = await running.finally(() => clearTimeout(stop));
	const task = run.data.resultData.runData[node.name]?.[0];
	return {
		outputs: (task?.data?.main ?? []).map((output) => output ?? []),
		error: (task?.error ?? run.data.resultData.error) as NodeRunResult['error'],
		run,
	};
}

/** Runs one node of this package through n8n-core's real WorkflowExecute, with `items` as its input. */
export async function runNode(spec: NodeSpec, items: IDataObject[] | INodeExecutionData[]): Promise<NodeRunResult> {
	const node = buildNode(spec);
	const input = (items as Array<IDataObject | INodeExecutionData>).map((item) =>
		'json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject },
	);
	return await execute(newWorkflow(node, {}, undefined, spec.timezone), node, input, spec.credentials ?? {}, 'manual', spec.stopAfterMs);
}

/** Calls one of a node's `loadOptions` methods through n8n-core's real LoadOptionsContext, as the editor does. */
export async function loadOptions(spec: NodeSpec, method: string) {
	const node = buildNode(spec);
	const workflow = newWorkflow(node);
	const context = new LoadOptionsContext(workflow, node, additionalData(spec.credentials ?? {}, workflow, 'internal'), '');
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const load = nodeType.methods?.loadOptions?.[method];
	if (!load) throw new Error(`${node.type} has no loadOptions method ${method}`);
	return await load.call(context);
}

export interface FakeRequest {
	method?: string;
	headers?: Record<string, string>;
	query?: IDataObject;
	/** The bytes as received; `body` is derived from it unless given. */
	rawBody?: Buffer | string;
	body?: unknown;
}

export interface WebhookResult {
	response: IWebhookResponseData;
	/** Status and body of the answer: written by the node itself, or n8n's "on received" answer otherwise. */
	status?: number;
	sent?: unknown;
	/** The node wrote the answer itself (`noWebhookResponse`), before n8n records the run. */
	answeredByNode: boolean;
	headers: Record<string, string>;
	/** The items the trigger emitted, per output, or undefined when it started no execution. */
	emitted?: INodeExecutionData[][];
}

/**
 * A trigger node inside a persistent workflow, so that static data survives between deliveries
 * exactly as it does in a running n8n.
 */
export class WebhookHarness {
	readonly node: INode;

	readonly workflow: Workflow;

	/** Each harness is its own saved workflow unless given `workflowId`: the trigger keeps per-process state by id. */
	constructor(private readonly spec: NodeSpec, staticData: IDataObject = {}, workflowId?: string) {
		this.node = buildNode(spec);
		this.workflow = newWorkflow(this.node, staticData, workflowId ?? `test-webhook-workflow-${++webhookWorkflowsMade}`);
	}

	get staticData(): IDataObject {
		return this.workflow.staticData;
	}

	async deliver(request: FakeRequest, webhookName = 'default', mode: WorkflowExecuteMode = 'webhook') {
		const raw = request.rawBody === undefined ? undefined : Buffer.from(request.rawBody);
		let body = request.body;
		if (body === undefined && raw) {
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				body = {};
			}
		}
		const reply: Omit<WebhookResult, 'response'> = { headers: {}, answeredByNode: false };
		const res = {
			status(code: number) {
				reply.status = code;
				return res;
			},
			statusCode: 200,
			setHeader(name: string, value: string) {
				reply.headers[name.toLowerCase()] = value;
				return res;
			},
			header(name: string, value: string) {
				return res.setHeader(name, value);
			},
			send(payload?: unknown) {
				reply.sent = payload;
				reply.status ??= 200;
				return res;
			},
			json(payload?: unknown) {
				return res.send(payload);
			},
			end(payload?: unknown) {
				return res.send(payload);
			},
		};
		const headers = Object.fromEntries(
			Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
		);
		const req = {
			method: request.method ?? 'POST',
			headers,
			query: request.query ?? {},
			params: {},
			body: body ?? {},
			rawBody: raw,
			readRawBody: async () => undefined,
			contentType: headers['content-type']?.split(';')[0],
		};
		const data = additionalData(this.spec.credentials ?? {}, this.workflow, mode);
		data.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		data.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const webhookData = {
			httpMethod: (request.method ?? 'POST') as 'POST',
			node: this.node.name,
			path: 'webhook',
			webhookDescription: { name: webhookName, httpMethod: 'POST', path: 'webhook' },
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: data,
		} as never;
		const context = new WebhookContext(this.workflow, this.node, data, mode, webhookData, [], null);
		const nodeType = nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		if (!nodeType.webhook) throw new Error(`${this.node.type} has no webhook()`);
		const response = await nodeType.webhook.call(context);
		reply.answeredByNode = response.noWebhookResponse === true;
		if (!reply.answeredByNode) {
			// n8n's "on received" answer, for a description whose responseData is empty (see the Gameball Trigger's).
			reply.status = 200;
			reply.sent = response.webhookResponse ?? (response.workflowData ? { message: 'Workflow was started' } : { message: 'Webhook call received' });
		}
		return { ...reply, response, emitted: response.workflowData } as WebhookResult;
	}

	/** Runs the workflow from the trigger with the items it emitted, as n8n does after a production delivery. */
	async execute(emitted: INodeExecutionData[][], mode: WorkflowExecuteMode = 'webhook') {
		return await execute(this.workflow, this.node, emitted[0] ?? [], this.spec.credentials ?? {}, mode);
	}
}
