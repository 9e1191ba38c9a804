import type { Endpoint, GameballRequest } from './operation';

/** Gameball's documented string limits (the OpenAPI's `maxLength`), by endpoint, for body fields and path parameters. */
export const MAX_LENGTHS: Partial<Record<Endpoint, Record<string, number>>> = {
	'POST /customers/social-challenges': { customerId: 100 },
	'PUT /customers/{customerId}/activate': { customerId: 100 },
	'POST /events/reward-preview': { customerId: 100 },
	'POST /orders/reward-preview': { customerId: 100 },
	'POST /transactions/redeem': { reason: 255 },
};

export interface TooLong {
	field: string;
	limit: number;
	length: number;
}

/** The first value of the request longer than Gameball takes, counted in characters as JSON Schema counts them. */
export function findTooLong(endpoint: Endpoint, request: GameballRequest): TooLong | undefined {
	for (const [field, limit] of Object.entries(MAX_LENGTHS[endpoint] ?? {})) {
		const value = request.body?.[field] ?? request.pathParams?.[field];
		if (typeof value !== 'string') continue;
		const length = [...value].length;
		if (length > limit) return { field, limit, length };
	}
	return undefined;
}
