// The Gameball simulator for a scenario: started on the port the run's credentials point at, delivering to the
// given n8n webhook URLs, with a small client for its REST API.
import { startSimulator, type Simulator } from '../../simulator';
import { lastExecutionId, waitForExecutions, type Execution, type RunContext } from './support';

export function startRunSimulator(
	context: RunContext,
	webhookUrls: string[],
	options: { autoNotifications?: boolean } = {},
): Promise<Simulator> {
	return startSimulator({
		port: context.simulatorPort,
		apiKey: context.apiKey,
		secretKey: context.secretKey,
		webhookUrls,
		...options,
	});
}

/** A call to the simulator's v4.0 REST API with both keys, as a merchant's backend makes it. */
export async function gameballApi(sim: Simulator, method: string, path: string, body?: unknown) {
	const response = await fetch(`${sim.url}/api/v4.0/integrations${path}`, {
		method,
		headers: { 'content-type': 'application/json', APIKey: sim.apiKey, SecretKey: sim.secretKey },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/** A customer with the email `<customerId>@example.com`, or none with `withEmail: false`. */
export function createCustomer(sim: Simulator, customerId: string, { withEmail = true } = {}) {
	return gameballApi(sim, 'POST', '/customers', {
		customerId,
		...(withEmail ? { email: `${customerId}@example.com` } : {}),
		customerAttributes: { displayName: `Customer ${customerId}` },
	});
}

export function rewardCashback(sim: Simulator, customerId: string, amount: number, transactionId: string) {
	return gameballApi(sim, 'POST', '/transactions/cashback', {
		customerId,
		transactionId,
		transactionTime: new Date().toISOString(),
		amount,
	});
}

/**
 * Waits until the simulator has no webhook delivery in flight (their first attempts are not awaited by the API
 * call that caused them) and no timer or batch job pending.
 */
export async function deliveriesSettled(sim: Simulator, timeoutMs = 20000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let seen = -1;
	for (;;) {
		await sim.idle(timeoutMs);
		const inFlight = sim.deliveries.some((record) => record.status === undefined && record.error === undefined);
		if (!inFlight && sim.deliveries.length === seen) return;
		if (Date.now() > deadline) throw new Error('Simulator deliveries did not settle in time');
		seen = inFlight ? -1 : sim.deliveries.length;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

/** Plays one simulator action, waits for its deliveries, and answers the status and error of the one execution of `workflowId` it started. */
export async function playOnce(context: RunContext, sim: Simulator, workflowId: string, action: () => Promise<unknown>) {
	const before = await lastExecutionId(context);
	await action();
	await deliveriesSettled(sim);
	const executions: Execution[] = await waitForExecutions(context, { workflowId, afterId: before, count: 1 });
	return executions.map(({ status, error }) => ({ status, error }));
}
