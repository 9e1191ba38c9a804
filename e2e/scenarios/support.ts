// What every scenario needs: the run's context (written by e2e/run.js), executions read from n8n's database,
// signed deliveries, and the CRM store's rows.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as database from '../lib/database';

export interface RunContext {
	n8nVersion: string;
	n8nMajor: number;
	n8nUrl: string;
	userFolder: string;
	database: string;
	installDir: string;
	nodeBin: string;
	simulatorPort: number;
	simulatorUrl: string;
	apiKey: string;
	secretKey: string;
	pgDatabase: string | null;
	/** Where scenarios 14 and 15's fake CRMs must listen (empty when the CRM workflows are not run), and the token they accept. */
	crmFakePorts: Partial<Record<'zoho' | 'salesforce', number>>;
	crmFakeToken: string;
	/** Where scenario 16's fake LLM must listen (undefined when the action node has not landed), and the API key it accepts. */
	aiFakePort?: number;
	aiFakeKey: string;
	landed: Record<'action' | 'trigger' | 'crm' | 'guard' | 'simulator', boolean>;
	workflowIds: Record<string, string>;
	triggerUrls: Record<string, string>;
	webhookUrls: Record<string, string>;
}

export function runContext(): RunContext {
	const file = process.env.E2E_CONTEXT;
	if (!file) throw new Error('E2E_CONTEXT is not set: run the scenarios through `node e2e/run.js`');
	return JSON.parse(readFileSync(file, 'utf8')) as RunContext;
}

export interface NodeRun {
	outputs: Array<Array<Record<string, any>>>;
	error: string | null;
	/** The messages of the node's execution hints (warnings shown in the output pane). */
	hints: string[];
}

export interface Execution {
	id: number;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	error: string | null;
	nodes: Record<string, NodeRun>;
}

const FINAL = ['success', 'error', 'crashed', 'canceled'];

/** The version entry lib/database.js needs: where n8n is installed and which Node.js runs it. */
export function installOf(context: RunContext) {
	return { dir: context.installDir, nodeBin: () => context.nodeBin };
}

/** Executions with an id above `afterId`, read from n8n's SQLite database. */
export function executionsAfter(context: RunContext, afterId = 0): Promise<Execution[]> {
	return database.executionsAfter(installOf(context), context.database, afterId);
}

export async function lastExecutionId(context: RunContext): Promise<number> {
	const [row] = await database.query(installOf(context), context.database, 'SELECT max(id) AS id FROM execution_entity');
	return row?.id ?? 0;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until at least `count` finished executions of `workflowId` exist after `afterId`, then waits `settleMs`
 * more so that an unexpected extra execution would be seen too. Returns all of them, finished or not.
 */
export async function waitForExecutions(
	context: RunContext,
	{ workflowId, afterId, count, timeoutMs = 60000, settleMs = 2000 }: { workflowId: string; afterId: number; count: number; timeoutMs?: number; settleMs?: number },
): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	const mine = async () => (await executionsAfter(context, afterId)).filter((execution) => execution.workflowId === workflowId);
	while (Date.now() < deadline) {
		const finished = (await mine()).filter((execution) => FINAL.includes(execution.status));
		if (finished.length >= count) break;
		await sleep(500);
	}
	await sleep(settleMs);
	return mine();
}

/** Gameball's documented v4 signature: hex SHA-1 of `<raw JSON body>:<secret key>`. */
export function gameballSignature(rawBody: string, secretKey: string): string {
	return createHash('sha1').update(`${rawBody}:${secretKey}`).digest('hex');
}

export async function post(url: string, body: string, headers: Record<string, string> = {}) {
	const response = await fetch(url, { method: 'POST', body, headers });
	return { status: response.status, text: await response.text() };
}

/** POSTs a v4 delivery the way Gameball does: JSON body, X-GB-Signature and X-GB-Webhook-Version headers. */
export function deliver(url: string, payload: unknown, secretKey: string) {
	const body = JSON.stringify(payload);
	return post(url, body, {
		'content-type': 'application/json',
		'x-gb-webhook-version': 'v4',
		'x-gb-signature': gameballSignature(body, secretKey),
	});
}

/** A customer.profile.updated payload shaped like Gameball's documented sample. */
export function profileUpdated(customerId: string, data: Record<string, unknown>) {
	return {
		event: 'customer.profile.updated',
		client_id: '2155',
		customer_id: customerId,
		gb_customer_id: 1234,
		created_at: new Date().toISOString(),
		data: {
			email: `${customerId}@example.com`,
			mobile_number: null,
			tier_name: 'Bronze',
			tier_order: 1,
			referral_code: `ref-${customerId}`,
			referral_link: `https://example.com/r/${customerId}`,
			activated_points: 0,
			pending_points: 0,
			total_points: 0,
			...data,
		},
	};
}
