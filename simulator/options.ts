/** Public options of the simulator and their defaults. */

export interface TierDefinition {
	name: string;
	order: number;
	minPoints: number;
}

export interface FaultOptions {
	latencyMs?: number;
	latencyJitterMs?: number;
	/** 0..1: answers 500/502/503 with a Gameball 5xxx error body. */
	errorRate5xx?: number;
	/** 0..1: destroys the socket without answering. */
	resetRate?: number;
	/** After every `every` requests, answers the next `length` with 429. */
	burst429?: { every: number; length: number };
	/** 0..1: answers 200 with a truncated, invalid JSON body. */
	malformedRate?: number;
	/**
	 * 0..1: answers 400 with Gameball's error 2001 ("a concurrent request for the same customer; retry") without
	 * applying anything, whatever applyBeforeFault says.
	 */
	concurrentRequestRate?: number;
	/**
	 * For money-moving calls, and Activate, Release Hold, Release Lock, Delete Customer and Set Activation, sometimes
	 * apply the change and then fail (`mayApplyBeforeFault`). Default true when faults are on.
	 */
	applyBeforeFault?: boolean;
	/** Share of those faults that apply the change first (default 0.5); 1 makes tests deterministic. */
	applyBeforeFaultRate?: number;
	/** Seeds the fault dice, so that a test sees the same faults on every run. */
	seed?: number;
}

export interface SimulatorOptions {
	port?: number;
	apiKey?: string;
	secretKey?: string;
	rateLimits?: boolean;
	webhookUrls?: string[];
	timeScale?: number;
	tiers?: TierDefinition[];
	pointsPerCurrencyUnit?: number;
	batchItemDelayMs?: number;
	batchStatusShape?: 'openapi' | 'tutorial';
	/**
	 * Default true. The OpenAPI document gives batch result and error entries no schema, so false leaves out their
	 * `index`: a client then cannot tell which entry each one belongs to.
	 */
	batchResultIndexes?: boolean;
	/**
	 * Default 'full': a result entry holds what a single call would answer (a balance, an order's transactions). The
	 * OpenAPI document gives result entries no schema: 'identity' keeps only the item's `customerId` or `orderId`
	 * (and `index`), 'none' lists no results at all (errors are listed either way).
	 */
	batchResultData?: 'full' | 'identity' | 'none';
	/**
	 * Default true: a wrong SecretKey is refused on every route. The docs do not say whether routes that need only the
	 * APIKey check it; false ignores it there, the way a client must not rely on.
	 */
	checkSecretKeyEverywhere?: boolean;
	/** Default false. Gameball's High Security Mode: every call needs the SecretKey too, else 401 code 1001. */
	highSecurityMode?: boolean;
	/**
	 * Default true: a request body field or query parameter that the contract does not list is refused with 400
	 * (code 3003), so a misspelt name fails loudly. The OpenAPI document does not forbid unknown fields, and Gameball
	 * may drop them silently; false accepts them.
	 */
	rejectUnknownFields?: boolean;
	faults?: FaultOptions;
	log?: (line: string) => void;
	/** Extension: the `client_id` put in webhook envelopes. Default 'sim-client'. */
	clientId?: string;
	/** Extension: also push a notification (webhook + list) when a customer moves up a tier. Default true. */
	autoNotifications?: boolean;
}

export const DEFAULT_TIERS: TierDefinition[] = [
	{ name: 'Bronze', order: 1, minPoints: 0 },
	{ name: 'Silver', order: 2, minPoints: 100 },
	{ name: 'Gold', order: 3, minPoints: 500 },
	{ name: 'Platinum', order: 4, minPoints: 2000 },
];

export interface ResolvedOptions {
	port: number;
	apiKey: string;
	secretKey: string;
	rateLimits: boolean;
	webhookUrls: string[];
	timeScale: number;
	tiers: TierDefinition[];
	pointsPerCurrencyUnit: number;
	batchItemDelayMs: number;
	batchStatusShape: 'openapi' | 'tutorial';
	batchResultIndexes: boolean;
	batchResultData: 'full' | 'identity' | 'none';
	checkSecretKeyEverywhere: boolean;
	highSecurityMode: boolean;
	rejectUnknownFields: boolean;
	faults: FaultOptions | undefined;
	log: (line: string) => void;
	clientId: string;
	autoNotifications: boolean;
}

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
	const tiers = [...(options.tiers ?? DEFAULT_TIERS)].sort((a, b) => a.minPoints - b.minPoints);
	if (tiers.length === 0) throw new Error('At least one tier is required');
	return {
		port: options.port ?? 0,
		apiKey: options.apiKey ?? 'sim-api-key',
		secretKey: options.secretKey ?? 'sim-secret-key',
		rateLimits: options.rateLimits ?? true,
		webhookUrls: [...(options.webhookUrls ?? [])],
		timeScale: options.timeScale ?? 1,
		tiers,
		pointsPerCurrencyUnit: options.pointsPerCurrencyUnit ?? 1,
		batchItemDelayMs: options.batchItemDelayMs ?? 0.2,
		batchStatusShape: options.batchStatusShape ?? 'openapi',
		batchResultIndexes: options.batchResultIndexes ?? true,
		batchResultData: options.batchResultData ?? 'full',
		checkSecretKeyEverywhere: options.checkSecretKeyEverywhere ?? true,
		highSecurityMode: options.highSecurityMode ?? false,
		rejectUnknownFields: options.rejectUnknownFields ?? true,
		faults: options.faults,
		log: options.log ?? (() => undefined),
		clientId: options.clientId ?? 'sim-client',
		autoNotifications: options.autoNotifications ?? true,
	};
}
