import type { IWebhookFunctions } from 'n8n-workflow';

import { holdsExpression } from '../parameters';

/**
 * A parameter as `getNodeParameter` gives it, read on every delivery. A value without an expression is returned as
 * stored: n8n would return the same after resolving it, copying it and looking its description up among the node's
 * properties (bench/RESULTS.md P2). That holds while no trigger parameter declares a `validateType`
 * (test/trigger/parameters.test.ts checks). The value is n8n's own: read it, never change it.
 */
export function readParameter(context: IWebhookFunctions, name: string, fallback: unknown): unknown {
	const stored = context.getNodeParameter(name, fallback, { rawExpressions: true });
	return holdsExpression(stored) ? context.getNodeParameter(name, fallback) : stored;
}
