// Signed Gameball v4 deliveries and a small load generator with Gameball's behaviour on failure: a delivery
// that gets no 2xx (connection error, 5xx) is sent again, up to `attempts` times.
const { createHash } = require('node:crypto');

function sign(body, secretKey) {
	return createHash('sha1').update(`${body}:${secretKey}`).digest('hex');
}

/** A `customer.profile.updated` body; `customer` and `profile` make each one distinct. */
function profileBody(customer, profile, createdAt) {
	return JSON.stringify({
		event: 'customer.profile.updated',
		client_id: 'queue-e2e',
		customer_id: customer,
		gb_customer_id: 4242,
		created_at: createdAt,
		data: { email: `${customer}@example.com`, mobile_number: null, referral_code: null, referral_link: null, ...profile },
	});
}

const deliveryId = (body) => createHash('sha1').update(body).digest('hex');

/** A seeded shuffle, so a run's order can be repeated. */
function shuffle(list, seed = 7) {
	const copy = [...list];
	let state = seed;
	for (let index = copy.length - 1; index > 0; index--) {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		const other = state % (index + 1);
		[copy[index], copy[other]] = [copy[other], copy[index]];
	}
	return copy;
}

/**
 * Sends every body to `url` with `concurrency` requests in flight. `during(sentSoFar)` is called after each
 * send (to restart something mid-run). Returns counts and latencies.
 */
async function send(url, bodies, { secretKey, concurrency, attempts = 1, during = () => {} }) {
	const result = { sent: bodies.length, ok: 0, statuses: {}, fiveXx: 0, connectionErrors: 0, retried: 0, failed: 0, latenciesMs: [] };
	let nextIndex = 0;
	let done = 0;
	async function one(body) {
		for (let attempt = 1; attempt <= attempts; attempt++) {
			const started = performance.now();
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-gb-webhook-version': 'v4', 'x-gb-signature': sign(body, secretKey) },
					body,
				});
				await response.arrayBuffer();
				result.latenciesMs.push(performance.now() - started);
				result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
				if (response.status >= 500) result.fiveXx++;
				if (response.ok) {
					result.ok++;
					return;
				}
			} catch {
				result.connectionErrors++;
			}
			if (attempt < attempts) {
				result.retried++;
				await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
			}
		}
		result.failed++;
	}
	const started = Date.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (nextIndex < bodies.length) {
				const body = bodies[nextIndex++];
				await one(body);
				await during(++done);
			}
		}),
	);
	result.seconds = (Date.now() - started) / 1000;
	const sorted = result.latenciesMs.sort((a, b) => a - b);
	result.p50Ms = Math.round(sorted[Math.floor(sorted.length * 0.5)] ?? 0);
	result.p99Ms = Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0);
	delete result.latenciesMs;
	return result;
}

module.exports = { profileBody, deliveryId, shuffle, send, sign };
