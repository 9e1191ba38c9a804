/**
 * Gameball's documented rate limits: fixed windows of 1 s and 30 s per resource group.
 * A rejected request does not use up the window.
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

interface WindowCounter {
	second: number;
	secondCount: number;
	window30: number;
	window30Count: number;
}

export class RateLimiter {
	private readonly counters = new Map<RateGroup, WindowCounter>();

	constructor(private readonly now: () => number = Date.now) {}

	/** Takes one request from the group's windows; returns the seconds to wait when over the limit. */
	take(group: RateGroup): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
		const limits = RATE_LIMITS[group];
		const now = this.now();
		const second = Math.floor(now / 1000);
		const window30 = Math.floor(now / 30_000);
		let counter = this.counters.get(group);
		if (!counter) {
			counter = { second, secondCount: 0, window30, window30Count: 0 };
			this.counters.set(group, counter);
		}
		if (counter.second !== second) {
			counter.second = second;
			counter.secondCount = 0;
		}
		if (counter.window30 !== window30) {
			counter.window30 = window30;
			counter.window30Count = 0;
		}
		if (counter.window30Count >= limits.per30Seconds) {
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((window30 + 1) * 30_000 - now) / 1000)) };
		}
		if (counter.secondCount >= limits.perSecond) {
			return { allowed: false, retryAfterSeconds: 1 };
		}
		counter.secondCount += 1;
		counter.window30Count += 1;
		return { allowed: true };
	}

	reset(): void {
		this.counters.clear();
	}
}
