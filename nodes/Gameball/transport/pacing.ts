import { sleep } from 'n8n-workflow';

import type { Endpoint } from './endpoint';

/** Gameball's documented limits, per second and per 30 seconds, by resource group. */
export const RATE_LIMITS = {
	customersRead: [100, 1200],
	customersWrite: [30, 360],
	events: [100, 1200],
	orderCashback: [1000, 15000],
	orderTracking: [30, 360],
	transactions: [30, 360],
	coupons: [30, 360],
	others: [30, 360],
} as const;

export type RateGroup = keyof typeof RATE_LIMITS;

const WINDOW_MS = [1000, 30000] as const;
/**
 * Windows are stretched a little so that network jitter never lets one request too many land in a window: by 5 %,
 * and by 100 ms more, what one request may lag behind a later one between leaving the pacer and reaching Gameball
 * (a GC pause, a slow connection). That costs the 1 s window a tenth, and the sustained rate nothing it sets.
 */
const SAFETY = 1.05;
const JITTER_MS = 100;

/** The 1 s window as paced: a request with a deadline may pass it by this much, as any request is paced. */
export const SHORT_WINDOW_MS = WINDOW_MS[0] * SAFETY + JITTER_MS;

export function rateGroupOf(endpoint: Endpoint): RateGroup {
	const [method, path] = endpoint.split(' ');
	if (path.startsWith('/customers')) return method === 'GET' ? 'customersRead' : 'customersWrite';
	if (path.startsWith('/events')) return 'events';
	if (path === '/orders/cashback') return 'orderCashback';
	// The docs name "orders tracking" only: the other order calls are paced with it, never beside it in "others".
	if (path.startsWith('/orders')) return 'orderTracking';
	if (path.startsWith('/transactions')) return 'transactions';
	if (path.startsWith('/coupons')) return 'coupons';
	return 'others';
}

/** A sliding log of send times for one limit: how long to wait before one more request fits. */
class SlidingWindow {
	private readonly stamps: number[] = [];

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
	) {}

	waitFor(now: number): number {
		while (this.stamps.length && this.stamps[0] <= now - this.windowMs) this.stamps.shift();
		return this.stamps.length < this.limit ? 0 : this.stamps[0] + this.windowMs - now;
	}

	record(now: number) {
		this.stamps.push(now);
	}
}

/** Paces requests to one Gameball account and group across all executions in this process. */
export class Pacer {
	private readonly windows: SlidingWindow[];
	/** Until when Gameball asked this group to wait (a 429): every execution in the process waits, not just one. */
	private heldUntil = 0;

	constructor(limits: readonly number[], scale = SAFETY) {
		this.windows = limits.map((limit, i) => new SlidingWindow(limit, WINDOW_MS[i] * scale + JITTER_MS));
	}

	/**
	 * Resolves when one more request may be sent, and counts it as sent: with the time waited. `givesUp` is asked before
	 * each wait, with its length and whether a 429 hold sets it; when it says so, nothing is counted and the answer is
	 * `undefined`.
	 */
	async acquire(
		clock: () => number = Date.now,
		wait: (ms: number) => Promise<void> = sleep,
		givesUp: (delay: number, held: boolean) => boolean = () => false,
	): Promise<number | undefined> {
		let waited = 0;
		for (;;) {
			const now = clock();
			const windowDelay = Math.max(0, ...this.windows.map((window) => window.waitFor(now)));
			const delay = Math.max(this.heldUntil - now, windowDelay);
			if (delay <= 0) {
				for (const window of this.windows) window.record(now);
				return waited;
			}
			if (givesUp(delay, this.heldUntil - now > windowDelay)) return undefined;
			waited += delay;
			await wait(delay);
		}
	}

	/** Sends nothing more in this group before `until` (ms since the epoch). */
	holdUntil(until: number): void {
		this.heldUntil = Math.max(this.heldUntil, until);
	}
}

const pacers = new Map<string, Pacer>();

/** The pacer shared by every request to `account` (base URL plus a key fingerprint) in `group`. */
export function pacerFor(account: string, group: RateGroup): Pacer {
	const key = `${account}|${group}`;
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer(RATE_LIMITS[group]);
		pacers.set(key, pacer);
	}
	return pacer;
}
