/**
 * The Gameball API simulator (dev-only): a real node:http server with in-memory state that follows the
 * committed v4 contract. Used by the tests, the e2e suite, the benchmarks and the demo.
 */
import * as http from 'http';
import type { Socket } from 'net';
import { BatchRunner } from './batches';
import { loadContract } from './contract';
import { Account, type ProfilePayload } from './domain/account';
import { FaultInjector } from './faults';
import { resolveOptions, type FaultOptions, type SimulatorOptions } from './options';
import { RateLimiter } from './rateLimit';
import { createRequestHandler, missingRoutes, type RequestRecord } from './server';
import { SimulatorState, type Customer, type LedgerEntry, type NotificationRecord } from './state';
import { TimerRegistry } from './timers';
import { WebhookDispatcher, type DeliveryRecord } from './webhooks';

export type { FaultOptions, SimulatorOptions, TierDefinition } from './options';
export type { RequestRecord } from './server';
export type { DeliveryRecord, WebhookTopic } from './webhooks';
export type { BatchJob, Coupon, Customer, Hold, LedgerEntry, NotificationRecord } from './state';
export { SimulatorState } from './state';
export { signWebhook, RETRY_DELAYS_MINUTES } from './webhooks';
export { RATE_LIMITS } from './rateLimit';
export { ERROR_CODES } from './errors';
export { validateRequest, loadContract } from './contract';

export interface NotificationLanguage {
	local: string;
	title: string;
	body: string;
	icon?: string;
}

export interface Simulator {
	url: string;
	port: number;
	apiKey: string;
	secretKey: string;
	state: SimulatorState;
	requests: RequestRecord[];
	stats(): { total: number; byStatus: Record<number, number>; rateLimited: number };
	deliveries: DeliveryRecord[];
	setFaults(faults: FaultOptions | undefined): void;
	addWebhookUrl(url: string): void;
	sendNotification(customerId: string, languages?: NotificationLanguage[]): Promise<void>;
	ledger(): LedgerEntry[];
	reset(): void;
	stop(): Promise<void>;
	/** Extension: the webhook URLs deliveries go to. */
	webhookUrls: string[];
	/** Extension: resolves when every webhook attempt, retry timer and batch job has finished (for tests). */
	idle(timeoutMs?: number): Promise<void>;
	/** Extension: the domain layer and timers, for in-process activity (simulator/activity.ts). Not an HTTP API. */
	internals: { account: Account; timers: TimerRegistry };
}

const DEFAULT_NOTIFICATION: NotificationLanguage[] = [
	{ local: 'en', title: 'You have new rewards', body: 'Check your balance: new points are waiting for you.', icon: 'https://cdn.gameball.co/uploads/gb-library/notifications/gift.webp' },
	{ local: 'ar', title: 'لديك مكافآت جديدة', body: 'تحقق من رصيدك: نقاط جديدة في انتظارك.', icon: 'https://cdn.gameball.co/uploads/gb-library/notifications/gift.webp' },
];

function envelope(event: string, clientId: string, customer: Customer, data: unknown) {
	return {
		event,
		client_id: clientId,
		customer_id: customer.customerId,
		gb_customer_id: customer.gameballId,
		created_at: new Date().toISOString(),
		data,
	};
}

export async function startSimulator(input: SimulatorOptions = {}): Promise<Simulator> {
	const options = resolveOptions(input);
	const unimplemented = missingRoutes(loadContract().operations);
	if (unimplemented.length > 0) throw new Error(`Simulator routes missing for: ${unimplemented.join(', ')}`);

	const timers = new TimerRegistry();
	const state = new SimulatorState({ tiers: options.tiers, pointsPerCurrencyUnit: options.pointsPerCurrencyUnit, clientId: options.clientId });
	const dispatcher = new WebhookDispatcher({ secretKey: options.secretKey, timeScale: options.timeScale, timers, log: options.log });
	for (const url of options.webhookUrls) dispatcher.addUrl(url);

	const account = new Account(state, {
		onProfileChanged: (customer: Customer, profile: ProfilePayload) => {
			dispatcher.send('customer.profile.updated', envelope('customer.profile.updated', options.clientId, customer, profile)).catch(() => undefined);
		},
		onNotification: (notification: NotificationRecord, customer: Customer) =>
			dispatcher.send(
				'customer.notification.push',
				envelope(
					'customer.notification.push',
					options.clientId,
					customer,
					notification.languages.map((language) => ({ local: language.local, icon: language.icon ?? '', title: language.title, body: language.body })),
				),
			),
	});
	account.autoNotifications = options.autoNotifications;

	const batches = new BatchRunner(account, timers, () => options.batchItemDelayMs, () => options.rejectUnknownFields);
	const limiter = new RateLimiter();
	const faults = new FaultInjector(options.faults);
	const requests: RequestRecord[] = [];
	const counters = { rateLimited: 0 };

	const server = http.createServer(createRequestHandler({ account, batches, options, limiter, faults, timers, requests, counters }));
	server.keepAliveTimeout = 2000;
	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	const url = `http://127.0.0.1:${port}`;
	let stopped: Promise<void> | undefined;

	const simulator: Simulator = {
		url,
		port,
		apiKey: options.apiKey,
		secretKey: options.secretKey,
		state,
		requests,
		deliveries: dispatcher.deliveries,
		webhookUrls: dispatcher.urls,
		internals: { account, timers },
		stats() {
			const byStatus: Record<number, number> = {};
			for (const record of requests) byStatus[record.status] = (byStatus[record.status] ?? 0) + 1;
			return { total: requests.length, byStatus, rateLimited: counters.rateLimited };
		},
		setFaults(next) {
			faults.set(next);
		},
		addWebhookUrl(webhookUrl) {
			dispatcher.addUrl(webhookUrl);
		},
		async sendNotification(customerId, languages = DEFAULT_NOTIFICATION) {
			const customer = account.findCustomer(customerId);
			if (!customer) throw new Error(`Customer '${customerId}' was not found`);
			await account.notify(customer, languages).delivery;
		},
		ledger() {
			return state.ledgerEntries.map((entry) => ({ ...entry }));
		},
		reset() {
			timers.cancelAll();
			state.reset();
			requests.length = 0;
			dispatcher.reset();
			limiter.reset();
			counters.rateLimited = 0;
		},
		async idle(timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			const busy = () => timers.pending > 0 || dispatcher.isBusy || [...state.batches.values()].some((job) => job.status === 'queued' || job.status === 'running');
			while (busy()) {
				if (Date.now() > deadline) throw new Error('Simulator did not become idle in time');
				await new Promise<void>((resolve) => setTimeout(resolve, 5));
			}
		},
		stop() {
			stopped ??= new Promise<void>((resolve) => {
				timers.clearAll();
				dispatcher.stop();
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
				server.closeAllConnections?.();
			});
			return stopped;
		},
	};
	return simulator;
}
