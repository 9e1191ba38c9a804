import type { IHookFunctions, INodePropertyOptions } from 'n8n-workflow';
import { resolveWebhookDescriptionField, webhookDescriptionIsNativelyResolvable } from 'n8n-workflow';

import { GameballTrigger } from '../../nodes/GameballTrigger/GameballTrigger.node';
import { gameballWebhook, httpMethodField, METHOD_EXPRESSION, TRIGGER_EVENTS } from '../../nodes/GameballTrigger/description';
import { newTrigger } from './fixtures';

const METHOD_CASES: Array<[Record<string, unknown>, string]> = [
	[{}, 'POST'],
	[{ source: 'v4', automationMethod: 'GET' }, 'POST'],
	[{ source: 'automation', automationMethod: 'GET' }, 'GET'],
	[{ source: 'automation', automationMethod: 'POST' }, 'POST'],
	[{ source: 'automation', automationMethod: 'PUT' }, 'PUT'],
];

/** A webhook method, resolved by n8n-workflow's own expression engine (n8n 1.x, or parameters with expressions). */
function methodByExpression(parameters: Record<string, unknown>, httpMethod = gameballWebhook.httpMethod) {
	const trigger = newTrigger(parameters as never, {}, {});
	return trigger.workflow.expression.getSimpleParameterValue(trigger.node, httpMethod, 'webhook', {});
}

/** The webhook method as n8n 2.x resolves it without the expression engine (`webhook.service`). */
function methodNatively(parameters: Record<string, unknown>) {
	const { node } = newTrigger(parameters as never, {}, {});
	return resolveWebhookDescriptionField(node, gameballWebhook, 'httpMethod');
}

describe('Gameball Trigger description', () => {
	const { description } = new GameballTrigger();

	it('is a trigger with no inputs, one POST webhook at path "webhook", answered on receipt', () => {
		expect(description).toMatchObject({ name: 'gameballTrigger', displayName: 'Gameball Trigger', group: ['trigger'], inputs: [] });
		expect(description.webhooks).toEqual([gameballWebhook]);
		expect(gameballWebhook).toMatchObject({ name: 'default', path: 'webhook', responseMode: 'onReceived' });
		expect(description.icon).toEqual({ light: 'file:gameball.svg', dark: 'file:gameball.dark.svg' });
	});

	it('registers nothing at Gameball, which has no webhook API: the webhook always exists, create and delete change nothing', async () => {
		const lifecycle = new GameballTrigger().webhookMethods.default;
		const context = {} as IHookFunctions;
		expect(await lifecycle.checkExists.call(context)).toBe(true);
		expect(await lifecycle.create.call(context)).toBe(true);
		expect(await lifecycle.delete.call(context)).toBe(true);
	});

	it('registers POST for Gameball v4 and the chosen method for automation campaigns, natively and by expression', () => {
		expect(webhookDescriptionIsNativelyResolvable(gameballWebhook)).toBe(true);
		for (const [parameters, method] of METHOD_CASES) {
			expect({ parameters, native: methodNatively(parameters) }).toEqual({ parameters, native: { resolved: true, value: method } });
			expect({ parameters, expression: methodByExpression(parameters) }).toEqual({ parameters, expression: method });
		}
	});

	it('falls back to the expression where n8n-workflow has no native resolvers (1.x)', () => {
		expect(httpMethodField({})).toEqual({ httpMethod: METHOD_EXPRESSION });
		for (const [parameters, method] of METHOD_CASES) {
			expect({ parameters, expression: methodByExpression(parameters, METHOD_EXPRESSION) }).toEqual({ parameters, expression: method });
		}
	});

	it('offers every event of the issue, all by default, and verification on by default', () => {
		const events = description.properties.find((property) => property.name === 'events');
		expect(events?.options?.map((option) => ('value' in option ? option.value : undefined)).sort()).toEqual([...TRIGGER_EVENTS].sort());
		expect(events?.default).toEqual([]);
		expect(description.properties.find((property) => property.name === 'verifySignature')?.default).toBe(true);
		expect(description.properties.find((property) => property.name === 'simplify')?.default).toBe(true);
	});

	it('shows the setup steps, and a warning only while verification is off', () => {
		const setup = description.properties.find((property) => property.name === 'setupNotice');
		expect(setup?.displayName).toContain('Admin Settings > Account Integration > Webhooks');
		expect(setup?.displayName).toContain('V4');
		expect(setup?.displayName).toContain('<b>Production</b> URL');
		const warning = description.properties.find((property) => property.name === 'verificationOffNotice');
		expect(warning?.displayOptions?.show).toEqual({ source: ['v4'], verifySignature: [false] });
	});

	it("explains in the trigger panel where Gameball's deliveries show up, active or not", () => {
		type Both = { active: string; inactive: string };
		const panel = description.triggerPanel as { executionsHelp: Both; activationHint: Both };
		expect(panel.executionsHelp.inactive).toContain('paste the Production URL there and activate the workflow (publish it, in n8n 2)');
		expect(panel.executionsHelp.active).toContain('executions list');
		expect(panel.activationHint.inactive).toContain('Production URL');
		expect(panel.activationHint.active).toContain('executions list');
	});

	it('says how to get one notification item per customer, that derived items stay typed, and that a future created_at is no age', () => {
		const events = description.properties.find((property) => property.name === 'events');
		const notification = events?.options?.find((option): option is INodePropertyOptions => 'value' in option && option.value === 'notification');
		expect(notification?.description).toContain('Options > Preferred Languages for one item per customer');
		expect(notification?.description).toContain('more than 200 language entries get 400');
		const simplify = description.properties.find((property) => property.name === 'simplify');
		expect(simplify?.description).toContain('Derived Tier Changed and Points Changed items stay typed either way');
		const options = description.properties.find((property) => property.name === 'options');
		const maxAge = options?.options?.find((option) => 'name' in option && option.name === 'maxDeliveryAgeMinutes');
		expect(maxAge && 'description' in maxAge ? maxAge.description : undefined).toContain('over an hour ahead of this server\'s clock gets 400 whatever the limit');
		const setup = description.properties.find((property) => property.name === 'setupNotice');
		expect(setup?.displayName).toContain('the first test event for a customer only sets a baseline: send a second one with another tier or points');
	});

	it('asks for the Gameball credential only when it verifies signatures', () => {
		expect(description.credentials).toEqual([
			{ name: 'gameballApi', required: true, displayOptions: { show: { source: ['v4'], verifySignature: [true] } } },
		]);
	});
});
