import type { IWebhookFunctions } from 'n8n-workflow';

import { nodeKey } from '../nodeKey';
import type { Outcome } from './pipeline';

/*
 * A delivery refused or ignored starts no execution, so n8n shows nothing: these lines are how a merchant finds a
 * set-up mistake. Refusals that a wrong set-up gives every delivery are warnings, once a minute per node and reason
 * (a forger cannot flood the log). A bad signature or secret header warns only while the node has let no delivery
 * through with its current secret in this process: after that it is a forger's, not the set-up. An unknown topic
 * (a webhook version other than V4) warns too, once a minute per node. In a test ("Listen for test event") every
 * refusal and ignore warns, as the editor waits on with nothing to show. Reason codes carry no secret.
 */

const SET_UP_REFUSALS: Record<string, string> = {
	'signature-no-secret':
		'it refuses every delivery: Verify Signature is on and the Gameball API credential has no Secret Key. Add it to the credential, or turn Verify Signature off.',
	'secret-header-not-set':
		'it refuses every automation call: its Header Name or Header Secret is empty (an expression may have given nothing). Set both.',
	'signature-mismatch':
		"a delivery's X-GB-Signature does not match the credential's Secret Key. If Gameball's deliveries get this, the Secret Key is not this Gameball account's, or a proxy in between changed the body.",
	'signature-missing':
		'a delivery came without the X-GB-Signature header. If it was Gameball\'s, a proxy in between dropped the header.',
	'signature-malformed':
		"a delivery's X-GB-Signature is no SHA-1 digest (hex or base64). If it was Gameball's, a proxy in between changed the header.",
	'delivery-too-old':
		"a delivery was made longer ago than Refuse Deliveries Older Than allows, by this server's clock, or names no time (created_at). Check the server's clock, or raise the limit.",
	'delivery-from-future':
		"a delivery's created_at is over an hour ahead of this server's clock: the server's clock or Gameball's is off. Check the server's clock; raising Refuse Deliveries Older Than does not help.",
	'secret-header-mismatch':
		"an automation call's secret header is missing or its value differs: check Header Name and Header Secret against the campaign's Send Webhook action.",
};

const TEST_IGNORES: Record<string, string> = {
	'not-selected': "its topic is not among the trigger's Events.",
	'nothing-to-emit':
		'it gave no item: Tier Changed and Points Changed need an earlier update of the customer to compare with, and a notification needs a text.',
};

/** At most this many characters of a sender's text go into a log line. */
const MAX_QUOTED = 60;

/** The sender's text for a log line: cut short, without control or invisible formatting characters, quoted. */
function quoted(text: string): string {
	const shown = text.slice(0, MAX_QUOTED).replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, '');
	return JSON.stringify(text.length > MAX_QUOTED ? `${shown}…` : shown);
}

/** Why an unknown topic was ignored, quoting what was received. Warned in production too: a wrong webhook version. */
function unknownTopicExplanation({ topic, webhookVersion }: Extract<Outcome, { reason: 'unknown-topic' }>): string {
	const version = webhookVersion === undefined ? '' : `, X-GB-Webhook-Version ${quoted(webhookVersion)}`;
	return `its topic (${topic === null ? 'none' : quoted(topic)}${version}) is not one this trigger handles (customer.profile.updated, customer.notification.push): if the webhook's version in Gameball's dashboard is not V4, set it to V4 (Admin Settings > Account Integration > Webhooks).`;
}

/** Refusals that only say the set-up is wrong while no delivery has been let through. */
const UNTIL_AUTHENTICATED = new Set(['signature-mismatch', 'signature-missing', 'signature-malformed', 'secret-header-mismatch']);

const WARN_EVERY_MS = 60_000;
const lastWarned = new Map<string, number>();
/**
 * Per node (`<workflow id>:<node id>`), the secret (Secret Key or Header Secret) with which a delivery last passed
 * the check in this process. Another secret failing (a changed credential) forgets it: the set-up may be wrong again.
 */
const authenticatedWith = new Map<string, string>();

export function nodeKeyOf(context: IWebhookFunctions): string {
	return nodeKey(context.getWorkflow().id, context.getNode().id);
}

/** Records how the signature or secret-header check of a delivery went, for a node that checks one. */
export function noteSecretCheck(key: string, secret: string, outcome: Outcome): void {
	if (outcome.kind !== 'reject') {
		if (authenticatedWith.get(key) === secret) return;
		if (authenticatedWith.size >= 1000) authenticatedWith.clear();
		authenticatedWith.set(key, secret);
	} else if (UNTIL_AUTHENTICATED.has(outcome.reason) && authenticatedWith.get(key) !== secret) {
		authenticatedWith.delete(key);
	}
}

function warnAtMostEveryMinute(context: IWebhookFunctions, key: string, message: string, where: Record<string, string>): void {
	const now = Date.now();
	if (now - (lastWarned.get(key) ?? -Infinity) < WARN_EVERY_MS) return;
	if (lastWarned.size >= 1000) lastWarned.clear();
	lastWarned.set(key, now);
	context.logger.warn(message, where);
}

/** Logs a refused or ignored delivery: a debug line always, a warning where the merchant's set-up is the likely cause. */
export function logUnrun(context: IWebhookFunctions, outcome: Exclude<Outcome, { kind: 'emit' }>): void {
	const where = { workflowId: String(context.getWorkflow().id ?? ''), node: context.getNode().name };
	const refused = outcome.kind === 'reject';
	context.logger.debug(`Gameball Trigger ${refused ? 'refused' : 'ignored'} a delivery`, {
		...where,
		reason: outcome.reason,
		...(refused ? { status: String(outcome.status) } : {}),
	});
	const test = context.getMode() === 'manual';
	let explanation: string | undefined;
	if (refused) explanation = SET_UP_REFUSALS[outcome.reason];
	else if (outcome.reason === 'unknown-topic') explanation = unknownTopicExplanation(outcome);
	else if (test) explanation = TEST_IGNORES[outcome.reason];
	if (test && refused) {
		const why = explanation ?? `its answer was ${outcome.status} (${outcome.reason}).`;
		context.logger.warn(`Gameball Trigger refused a test delivery (${outcome.reason}): ${why}`, where);
	} else if (test && explanation) {
		context.logger.warn(`Gameball Trigger ignored a test delivery (${outcome.reason}): ${explanation}`, where);
	} else if (explanation) {
		const key = nodeKeyOf(context);
		if (UNTIL_AUTHENTICATED.has(outcome.reason) && authenticatedWith.has(key)) return;
		const what = refused ? '' : 'ignored a delivery ';
		warnAtMostEveryMinute(context, `${key}:${outcome.reason}`, `Gameball Trigger ${what}(${outcome.reason}): ${explanation}`, where);
	}
}
