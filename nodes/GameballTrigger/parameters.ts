import type { IWebhookFunctions } from 'n8n-workflow';

/** True when `value` is, or holds, an n8n expression (a string starting with `=`). */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * A parameter as `getNodeParameter` gives it, read on every delivery. A value without an expression is returned as
 * stored, which is what n8n would return after resolving it, copying it and looking its description up among the
 * node's properties (about 1.5 µs a read, bench/RESULTS.md P2); that holds while no trigger parameter declares a
 * `validateType` (test/trigger/parameters.test.ts checks). The value is n8n's own: read it, never change it.
 */
export function readParameter(context: IWebhookFunctions, name: string, fallback: unknown): unknown {
	const stored = context.getNodeParameter(name, fallback, { rawExpressions: true });
	return holdsExpression(stored) ? context.getNodeParameter(name, fallback) : stored;
}
