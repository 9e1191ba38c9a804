/** Fault injection: latency, 5xx answers, connection resets, 429 bursts, malformed bodies and 2001 "concurrent request" answers. */
import type { FaultOptions } from './options';

export type FaultKind = 'none' | 'reset' | 'error5xx' | 'malformed' | 'burst429' | 'concurrent';

/** Operations that move points or money: faults may hit them after the change was applied. */
const MONEY_MOVING = new Set([
	'POST /api/v4.0/integrations/transactions/cashback',
	'POST /api/v4.0/integrations/transactions/redeem',
	'POST /api/v4.0/integrations/transactions/refund',
	'POST /api/v4.0/integrations/transactions/manual',
	'POST /api/v4.0/integrations/transactions/hold',
	'POST /api/v4.0/integrations/orders',
	'POST /api/v4.0/integrations/payments',
	'DELETE /api/v4.0/integrations/orders/{orderId}/transactions',
	'POST /api/v4.0/integrations/coupons/predefined',
	'POST /api/v4.0/integrations/coupons/burn',
	// Events and social challenges can complete campaigns that award points.
	'POST /api/v4.0/integrations/events',
	'POST /api/v4.0/integrations/customers/social-challenges',
	// Each OTP replaces the last one: a repeat after a fault sends the customer another code.
	'POST /api/v4.0/integrations/transactions/otp',
	// Batch jobs that move points: the job is created, and so applied, before the fault.
	'POST /api/v4.0/integrations/batch/balance-adjustment',
	'POST /api/v4.0/integrations/batch/cashback',
	'POST /api/v4.0/integrations/batch/redeem',
	'POST /api/v4.0/integrations/batch/orders',
	'POST /api/v4.0/integrations/batch/events',
]);

function isMoneyMoving(method: string, contractPath: string): boolean {
	return MONEY_MOVING.has(`${method.toUpperCase()} ${contractPath}`);
}

/**
 * Writes that move no money but that Gameball may just as well apply before its answer is lost: a retry then meets
 * them done (Activate answers 200 with pointsActivated 0, Release Hold 9005, Release Lock 9022, Delete Customer 7000,
 * Set Activation 200 with stateChanged false).
 */
const APPLIED_BEFORE_FAULT_TOO = new Set([
	'PUT /api/v4.0/integrations/customers/{customerId}/activate',
	'PUT /api/v4.0/integrations/transactions/{transactionId}/activate',
	'DELETE /api/v4.0/integrations/transactions/hold/{holdReferenceId}',
	'DELETE /api/v4.0/integrations/coupons/{lockReference}',
	'DELETE /api/v4.0/integrations/customers/{customerId}',
]);

/** Whether a reset or 5xx on this call may come after the call was applied (`applyBeforeFault`). */
export function mayApplyBeforeFault(method: string, contractPath: string): boolean {
	return isMoneyMoving(method, contractPath) || APPLIED_BEFORE_FAULT_TOO.has(`${method.toUpperCase()} ${contractPath}`);
}

export interface FaultDecision {
	kind: FaultKind;
	latencyMs: number;
	/** For reset/error5xx: apply the request first, then fail. */
	applyFirst: boolean;
	status5xx: 500 | 502 | 503;
}

export class FaultInjector {
	private options: FaultOptions | undefined;
	private requestCount = 0;

	constructor(
		options: FaultOptions | undefined,
		private random: () => number = Math.random,
	) {
		this.set(options);
	}

	set(options: FaultOptions | undefined): void {
		this.options = options;
		this.requestCount = 0;
		if (options?.seed !== undefined) this.random = seededRandom(options.seed);
	}

	get current(): FaultOptions | undefined {
		return this.options;
	}

	decide(mayApplyFirst: boolean): FaultDecision {
		const options = this.options;
		const decision: FaultDecision = { kind: 'none', latencyMs: 0, applyFirst: false, status5xx: 500 };
		if (!options) return decision;
		this.requestCount += 1;
		decision.latencyMs = Math.max(0, (options.latencyMs ?? 0) + (options.latencyJitterMs ? this.random() * options.latencyJitterMs : 0));
		if (options.burst429 && options.burst429.every > 0 && options.burst429.length > 0) {
			const cycle = options.burst429.every + options.burst429.length;
			const position = (this.requestCount - 1) % cycle;
			if (position >= options.burst429.every) {
				decision.kind = 'burst429';
				return decision;
			}
		}
		if (this.random() < (options.resetRate ?? 0)) decision.kind = 'reset';
		else if (this.random() < (options.errorRate5xx ?? 0)) {
			decision.kind = 'error5xx';
			decision.status5xx = ([500, 502, 503] as const)[Math.floor(this.random() * 3)];
		} else if (this.random() < (options.malformedRate ?? 0)) decision.kind = 'malformed';
		// Drawn only when asked for, so that seeded runs without it see the same faults as before it existed.
		else if ((options.concurrentRequestRate ?? 0) > 0 && this.random() < (options.concurrentRequestRate ?? 0)) decision.kind = 'concurrent';
		if ((decision.kind === 'reset' || decision.kind === 'error5xx') && mayApplyFirst && (options.applyBeforeFault ?? true)) {
			decision.applyFirst = this.random() < (options.applyBeforeFaultRate ?? 0.5);
		}
		return decision;
	}
}

/** A JSON text cut short so that it no longer parses. */
export function truncateJson(text: string): string {
	// Every body the simulator sends is an object or array, so any strict prefix is invalid JSON.
	return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

/** mulberry32: a small, fast, seedable generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
