// What every scenario needs: the run's context (written by e2e/run.js), executions read from n8n's database,
// signed deliveries, and the CRM store's rows.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
	landed: Record<'action' | 'trigger' | 'crm' | 'simulator', boolean>;
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

/** Executions with an id above `afterId`, read from n8n's SQLite database by n8n's own Node.js and sqlite3. */
export function executionsAfter(context: RunContext, afterId = 0): Execution[] {
	const script = join(__dirname, '..', 'lib', 'executions-query.js');
	const output = execFileSync(context.nodeBin, [script, context.installDir, context.database, String(afterId)], {
		maxBuffer: 256 * 1024 * 1024,
	});
	return JSON.parse(output.toString()) as Execution[];
}

export function lastExecutionId(context: RunContext): number {
	const all = executionsAfter(context, 0);
	return all.length ? all[all.length - 1].id : 0;
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
	const mine = () => executionsAfter(context, afterId).filter((execution) => execution.workflowId === workflowId);
	while (Date.now() < deadline) {
		const finished = mine().filter((execution) => FINAL.includes(execution.status));
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
