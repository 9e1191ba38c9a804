import type { INode, IWebhookFunctions } from 'n8n-workflow';

/*
 * The Secret Key, read from the credential at most every CACHE_MS per credential.
 * Reading a credential in a webhook costs n8n a database read, a decryption and, under its default `vm`
 * expression engine, a whole new expression isolate (it resolves credential expressions in one); that doubled
 * n8n's own per-delivery cost. The key lives only in this process's memory. A delivery that the cached key does
 * not verify makes the caller re-read it (`fresh`), so a rotated key is picked up at once; a key that was
 * replaced is still accepted for at most CACHE_MS. Deliveries that find the key missing or expired at the same time
 * share one read: with 50 in flight, each of them reading it had cost n8n 50 isolates every CACHE_MS.
 * Re-reads after a mismatch get at most FRESH_READS_PER_SECOND per credential in any 1,000 ms, so a flood of forged
 * deliveries cannot make n8n pay a credential read for each one; past that, the cached key judges them.
 */

export const SECRET_KEY_CACHE_MS = 30_000;
export const FRESH_READS_PER_SECOND = 5;
const MAX_CACHED_CREDENTIALS = 100;

interface CachedKey {
	secretKey: string;
	readAt: number;
}

const cachedKeys = new Map<string, CachedKey>();

/** Reads of a missing or expired key in flight, per credential id. */
const readsInFlight = new Map<string, Promise<string>>();

/** When the last FRESH_READS_PER_SECOND re-reads after a mismatch were made, per credential id, oldest first. */
const freshReads = new Map<string, number[]>();

export interface SecretKeyRead {
	secretKey: string;
	/** True when the key came from the cache, so a re-read may give another one. */
	fromCache: boolean;
}

/** The Secret Key of `node`'s `gameballApi` credential (`node` is `context.getNode()`); `fresh` bypasses the cache. */
export async function readSecretKey(context: IWebhookFunctions, node: INode, now: number, fresh = false): Promise<SecretKeyRead> {
	const credentialId = node.credentials?.gameballApi?.id;
	const cached = credentialId ? cachedKeys.get(credentialId) : undefined;
	if (!fresh && cached && now - cached.readAt >= 0 && now - cached.readAt < SECRET_KEY_CACHE_MS) {
		return { secretKey: cached.secretKey, fromCache: true };
	}
	if (fresh && cached && credentialId && !takeFreshRead(credentialId, now)) {
		return { secretKey: cached.secretKey, fromCache: true };
	}
	const secretKey = fresh || !credentialId ? await keyOfCredential(context) : await sharedRead(context, credentialId);
	if (credentialId) {
		if (cachedKeys.size >= MAX_CACHED_CREDENTIALS) cachedKeys.clear();
		cachedKeys.set(credentialId, { secretKey, readAt: now });
	}
	return { secretKey, fromCache: false };
}

/** True when the credential had fewer than FRESH_READS_PER_SECOND re-reads in the 1,000 ms before `now`; counts this one. */
function takeFreshRead(credentialId: string, now: number): boolean {
	let times = freshReads.get(credentialId);
	if (!times) {
		if (freshReads.size >= MAX_CACHED_CREDENTIALS) freshReads.clear();
		times = [];
		freshReads.set(credentialId, times);
	}
	if (times.length >= FRESH_READS_PER_SECOND) {
		const sinceOldest = now - times[0];
		// A clock set back (negative) does not block re-reads.
		if (sinceOldest >= 0 && sinceOldest < 1000) return false;
		times.shift();
	}
	times.push(now);
	return true;
}

/** Trimmed: HTTP drops spaces around a header value, so a key pasted with one passes the credential test. */
async function keyOfCredential(context: IWebhookFunctions): Promise<string> {
	return String((await context.getCredentials('gameballApi')).secretKey ?? '').trim();
}

/** One read for every delivery that needs the key while it is in flight; a failed read fails them all, once. */
function sharedRead(context: IWebhookFunctions, credentialId: string): Promise<string> {
	let read = readsInFlight.get(credentialId);
	if (!read) {
		read = keyOfCredential(context).finally(() => readsInFlight.delete(credentialId));
		readsInFlight.set(credentialId, read);
	}
	return read;
}
