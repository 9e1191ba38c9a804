/**
 * Gameball's documented rate limits: windows of 1 s and 30 s per resource group (`RateLimiter`).
 * A rejected request does not use up the window (Gameball's docs do not say; the lenient reading).
 */

export type RateGroup = 'customersRead' | 'customersWrite' | 'events' | 'orderCashback' | 'orderTracking' | 'transactions' | 'coupons' | 'others';

export const RATE_LIMITS: Record<RateGroup, { perSecond: number; per30Seconds: number }> = {
	customersRead: { perSecond: 100, per30Seconds: 1200 },
	customersWrite: { perSecond: 30, per30Seconds: 360 },
	events: { perSecond: 100, per30Seconds: 1200 },
	orderCashback: { perSecond: 1000, per30Seconds: 15000 },
	orderTracking: { perSecond: 30, per30Seconds: 360 },
	transactions: { perSecond: 30, per30Seconds: 360 },
	coupons: { perSecond: 30, per30Seconds: 360 },
	others: { perSecond: 30, per30Seconds: 360 },
};

/** The limit group of a contract path (without the /api/v4.0/integrations prefix handling: full paths work). */
export function rateGroupOf(method: string, contractPath: string): RateGroup {
	const resource = contractPath.replace(/^\/api\/v4(\.\d)?\/integrations/, '');
	if (resource.startsWith('/customers')) return method.toUpperCase() === 'GET' ? 'customersRead' : 'customersWrite';
	if (resource.startsWith('/events')) return 'events';
	if (resource === '/orders/cashback') return 'orderCashback';
	if (resource.startsWith('/orders')) return 'orderTracking';
	if (resource.startsWith('/transactions')) return 'transactions';
	if (resource.startsWith('/coupons')) return 'coupons';
	return 'others';
}

/** The times of the requests a group let through in the last 30 s, oldest first (a queue read from `head`). */
interface SentLog {
	times: number[];
	head: number;
}

/**
 * Sliding windows: no span of 1 s (or 30 s) holds more than the limit, wherever it starts. Gameball does not say
 * whether its windows slide or are fixed; sliding is the stricter reading, so a client paced for it passes both.
 */
export class RateLimiter {
	private readonly logs = new Map<RateGroup, SentLog>();

	constructor(private readonly now: () => number = Date.now) {}

	/** Takes one request from the group's windows; returns the seconds to wait when over the limit. */
	take(group: RateGroup): { allowed: true; at: number } | { allowed: false; retryAfterSeconds: number } {
		const limits = RATE_LIMITS[group];
		const now = this.now();
		let log = this.logs.get(group);
		if (!log) {
			log = { times: [], head: 0 };
			this.logs.set(group, log);
		}
		while (log.head < log.times.length && log.times[log.head] <= now - 30_000) log.head++;
		if (log.head > 1024 && log.head * 2 > log.times.length) {
			log.times = log.times.slice(log.head);
			log.head = 0;
		}
		const inLast30 = log.times.length - log.head;
		if (inLast30 >= limits.per30Seconds) {
			const frees = log.times[log.times.length - limits.per30Seconds] + 30_000;
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((frees - now) / 1000)) };
		}
		// The request `perSecond` back in the log is the oldest one that could still be in the last second.
		if (inLast30 >= limits.perSecond && log.times[log.times.length - limits.perSecond] > now - 1000) {
			return { allowed: false, retryAfterSeconds: 1 };
		}
		log.times.push(now);
		return { allowed: true, at: now };
	}

	/** Gives back a request taken `at`, refused after all (a simulated 429): refused requests do not count. */
	giveBack(group: RateGroup, at: number): void {
		const log = this.logs.get(group);
		const index = log ? log.times.lastIndexOf(at) : -1;
		if (log && index >= log.head) log.times.splice(index, 1);
	}

	reset(): void {
		this.logs.clear();
	}
}
