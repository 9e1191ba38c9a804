import { GameballTrigger } from '../../nodes/GameballTrigger/GameballTrigger.node';
import { gameballWebhook, TRIGGER_EVENTS } from '../../nodes/GameballTrigger/description';
import { newTrigger } from './fixtures';

/** The webhook method n8n registers, resolved by n8n-workflow's own expression engine as n8n does on activation. */
function registeredMethod(parameters: Record<string, unknown>) {
	const trigger = newTrigger(parameters as never, {}, {});
	return trigger.workflow.expression.getSimpleParameterValue(trigger.node, gameballWebhook.httpMethod, 'webhook', {});
}

describe('Gameball Trigger description', () => {
	const { description } = new GameballTrigger();

	it('is a trigger with no inputs, one POST webhook at path "webhook", answered on receipt', () => {
		expect(description).toMatchObject({ name: 'gameballTrigger', displayName: 'Gameball Trigger', group: ['trigger'], inputs: [] });
		expect(description.webhooks).toEqual([gameballWebhook]);
		expect(gameballWebhook).toMatchObject({ name: 'default', path: 'webhook', responseMode: 'onReceived' });
		expect(description.icon).toEqual({ light: 'file:gameball.svg', dark: 'file:gameball.dark.svg' });
		expect((new GameballTrigger() as unknown as Record<string, unknown>).webhookMethods).toBeUndefined();
	});

	it('registers POST for Gameball v4 and the chosen method for automation campaigns', () => {
		expect(registeredMethod({})).toBe('POST');
		expect(registeredMethod({ source: 'v4', automationMethod: 'GET' })).toBe('POST');
		for (const method of ['GET', 'POST', 'PUT']) {
			expect(registeredMethod({ source: 'automation', automationMethod: method })).toBe(method);
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

	it('asks for the Gameball credential only when it verifies signatures', () => {
		expect(description.credentials).toEqual([
			{ name: 'gameballApi', required: true, displayOptions: { show: { source: ['v4'], verifySignature: [true] } } },
		]);
	});
});
