/** Signed Gameball v4 deliveries for the benchmarks and the load runs: distinct, about 1 KB each. */
import { createHash } from 'node:crypto';

import type { LoadRequest } from './load';

export const TARGET_BYTES = 1024;

/** Gameball's documented v4 signature: hex SHA-1 of `<raw body>:<secret key>`. */
export function signBody(body: string, secretKey: string): string {
	return createHash('sha1').update(`${body}:${secretKey}`).digest('hex');
}

/**
 * A `customer.profile.updated` body for customer `n`, padded (inside `referral_link`) to `bytes` bytes of JSON.
 * `run` keeps bodies of different runs apart, so deduplication never sees an earlier run's bytes.
 */
export function profileBody(n: number, run: string, bytes = TARGET_BYTES): string {
	const payload = {
		event: 'customer.profile.updated',
		client_id: 'bench-client',
		customer_id: `bench-${run}-${n}`,
		gb_customer_id: 100000 + n,
		created_at: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
		data: {
			email: `bench-${run}-${n}@example.com`,
			mobile_number: '+20-1000-0000',
			tier_name: n % 3 === 0 ? 'Gold' : 'Silver',
			tier_order: n % 3 === 0 ? 3 : 2,
			referral_code: `ref${n}`,
			referral_link: '',
			activated_points: n % 1000,
			pending_points: 10,
			total_points: (n % 1000) + 10,
		},
	};
	const bare = JSON.stringify(payload).length;
	payload.data.referral_link = `https://example.com/r/${n}?p=${'x'.repeat(Math.max(0, bytes - bare - 25 - String(n).length))}`;
	return JSON.stringify(payload);
}

export interface SignedDelivery {
	body: string;
	signature: string;
}

export function signedDeliveries(count: number, run: string, secretKey: string, bytes = TARGET_BYTES): SignedDelivery[] {
	return Array.from({ length: count }, (_, n) => {
		const body = profileBody(n, run, bytes);
		return { body, signature: signBody(body, secretKey) };
	});
}

/** The headers Gameball sends a v4 delivery with. */
export function deliveryHeaders(signature: string): Record<string, string> {
	return { 'content-type': 'application/json', 'x-gb-webhook-version': 'v4', 'x-gb-signature': signature };
}

/** A signed delivery as a request for the load generator. */
export function deliveryRequest({ body, signature }: SignedDelivery): LoadRequest {
	return { body, headers: deliveryHeaders(signature) };
}

/** `signedDeliveries` as requests for the load generator. */
export function signedRequests(count: number, run: string, secretKey: string): LoadRequest[] {
	return signedDeliveries(count, run, secretKey).map(deliveryRequest);
}
