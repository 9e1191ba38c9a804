/**
 * Webhook deliveries as Gameball makes them: POST, JSON, X-GB-Signature (hex SHA-1 of body + ':' + secret),
 * X-GB-Webhook-Version v4. A non-2xx answer or a network failure is retried after 5, 20 and 60 minutes
 * (times timeScale), then dropped. Sending never throws into the server.
 */
import { createHash } from 'crypto';
import * as http from 'http';
import * as https from 'https';
import type { TimerRegistry } from './timers';

export const RETRY_DELAYS_MINUTES = [5, 20, 60];

export type WebhookTopic = 'customer.profile.updated' | 'customer.notification.push';

export interface DeliveryRecord {
	deliveryId: string;
	url: string;
	topic: WebhookTopic;
	/** The exact bytes sent. */
	body: string;
	signature: string;
	/** 1 for the first try, up to 4. */
	attempt: number;
	at: number;
	status?: number;
	error?: string;
	/** True when this was the last attempt and it failed. */
	dropped?: boolean;
}

export function signWebhook(body: string, secret: string): string {
	return createHash('sha1').update(`${body}:${secret}`).digest('hex');
}

export interface WebhookDispatcherOptions {
	secretKey: string;
	timeScale: number;
	timers: TimerRegistry;
	log: (line: string) => void;
	timeoutMs?: number;
}

export class WebhookDispatcher {
	readonly deliveries: DeliveryRecord[] = [];
	readonly urls: string[] = [];
	private readonly inFlight = new Set<http.ClientRequest>();
	private sequence = 0;
	/** Attempts sent and not yet settled (their retry, if any, not yet scheduled). */
	private unsettled = 0;
	/** Bumped by `reset()`: an attempt from before it records nothing and schedules no retry. */
	private generation = 0;

	constructor(private readonly options: WebhookDispatcherOptions) {}

	addUrl(url: string): void {
		new URL(url); // throws on an invalid URL
		if (!this.urls.includes(url)) this.urls.push(url);
	}

	/** Sends one payload to every URL; resolves when each first attempt has finished. */
	async send(topic: WebhookTopic, payload: unknown): Promise<void> {
		const body = JSON.stringify(payload);
		const signature = signWebhook(body, this.options.secretKey);
		this.sequence += 1;
		const deliveryId = `dlv-${this.sequence}`;
		await Promise.all(this.urls.map((url) => this.attempt({ deliveryId, url, topic, body, signature }, 1)));
	}

	/** True while an attempt is in flight: its retry is not scheduled yet. */
	get isBusy(): boolean {
		return this.unsettled > 0;
	}

	/** Aborts the attempts in flight; neither they nor their retries are recorded. */
	reset(): void {
		this.generation += 1;
		this.abortInFlight();
		this.deliveries.length = 0;
	}

	private async attempt(delivery: Pick<DeliveryRecord, 'deliveryId' | 'url' | 'topic' | 'body' | 'signature'>, attempt: number): Promise<void> {
		if (this.options.timers.isStopped) return;
		const generation = this.generation;
		const record: DeliveryRecord = { ...delivery, attempt, at: Date.now() };
		this.deliveries.push(record);
		this.unsettled += 1;
		try {
			record.status = await this.post(delivery.url, delivery.body, delivery.signature, delivery.topic);
		} catch (error) {
			record.error = error instanceof Error ? error.message : String(error);
		} finally {
			this.unsettled -= 1;
		}
		if (generation !== this.generation) return;
		const ok = record.status !== undefined && record.status >= 200 && record.status < 300;
		this.options.log(`webhook ${delivery.topic} -> ${delivery.url} attempt ${attempt}: ${record.status ?? record.error}`);
		if (ok) return;
		const delayMinutes = RETRY_DELAYS_MINUTES[attempt - 1];
		if (delayMinutes === undefined) {
			record.dropped = true;
			return;
		}
		this.options.timers.after(delayMinutes * 60_000 * this.options.timeScale, () => {
			this.attempt(delivery, attempt + 1).catch(() => undefined);
		});
	}

	private post(url: string, body: string, signature: string, topic: WebhookTopic): Promise<number> {
		return new Promise((resolve, reject) => {
			let target: URL;
			try {
				target = new URL(url);
			} catch {
				reject(new Error(`invalid URL ${url}`));
				return;
			}
			const transport = target.protocol === 'https:' ? https : http;
			const request = transport.request(
				target,
				{
					method: 'POST',
					agent: false,
					timeout: this.options.timeoutMs ?? 10_000,
					headers: {
						'Content-Type': 'application/json',
						'Content-Length': Buffer.byteLength(body),
						'X-GB-Signature': signature,
						'X-GB-Webhook-Version': 'v4',
						'User-Agent': 'gameball-simulator',
					},
				},
				(response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
					response.on('error', reject);
				},
			);
			this.inFlight.add(request);
			request.on('close', () => this.inFlight.delete(request));
			request.on('timeout', () => request.destroy(new Error('timeout')));
			request.on('error', reject);
			request.end(body);
		});
	}

	/** Aborts requests still in flight (timers are cleared by the registry). */
	stop(): void {
		this.abortInFlight();
	}

	private abortInFlight(): void {
		for (const request of this.inFlight) request.destroy(new Error('simulator stopped'));
		this.inFlight.clear();
	}
}
