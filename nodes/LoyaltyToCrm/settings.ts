import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { CrmMatchKey, CrmPreset, CrmRuleCondition, CrmStep } from '../types';
import { PRESETS, type LoyaltyField } from './presets';
import { DEFAULT_TASK, STEPS, type MessageChannel, type StepSettings } from './steps';

export interface NodeSettings extends StepSettings {
	rules: Record<CrmStep, CrmRuleCondition[]>;
}

function numberOr(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function stringOr(value: unknown, fallback: string): string {
	return typeof value === 'string' && value !== '' ? value : fallback;
}

/** Reads the node's parameters for one item (they may be expressions that differ per item). */
export function readSettings(context: IExecuteFunctions, itemIndex: number, now: Date): NodeSettings {
	const param = <T>(name: string, fallback: T) => context.getNodeParameter(name, itemIndex, fallback) as T;
	const presetId = param<CrmPreset>('crmPreset', 'hubspot');
	const preset = PRESETS[presetId] ?? PRESETS.generic;
	const task = param<IDataObject>('taskOptions', {});
	const rules = Object.fromEntries(STEPS.map((step) => [step, param<CrmRuleCondition[]>(`${step}On`, [])])) as Record<
		CrmStep,
		CrmRuleCondition[]
	>;
	return {
		rules,
		preset,
		presetSettings: {
			prefix: param<string>('propertyPrefix', preset.defaultPrefix),
			fieldKeys: param<Partial<Record<LoyaltyField, string>>>('pipedriveFieldKeys', {}),
		},
		matchBy: param<CrmMatchKey['by']>('matchBy', 'email'),
		pointsThreshold: param<number>('pointsThreshold', 1000),
		tagTemplate: param<string>('tagTemplate', 'Loyalty: {tier}'),
		removeOldTierTag: param<boolean>('removeOldTierTag', true),
		allTierNames: param<string>('allTierNames', '')
			.split(',')
			.map((tier) => tier.trim())
			.filter(Boolean),
		task: {
			dueInDays: numberOr(task.dueInDays, DEFAULT_TASK.dueInDays),
			titleTierUp: stringOr(task.titleTierUp, DEFAULT_TASK.titleTierUp),
			titleTierDown: stringOr(task.titleTierDown, DEFAULT_TASK.titleTierDown),
			titlePoints: stringOr(task.titlePoints, DEFAULT_TASK.titlePoints),
			titleOther: stringOr(task.titleOther, DEFAULT_TASK.titleOther),
			body: stringOr(task.body, DEFAULT_TASK.body),
		},
		channels: param<MessageChannel[]>('messageChannels', ['email', 'push', 'sms']),
		language: param<string>('messageLanguage', '').trim(),
		includeEvent: param<boolean>('includeEvent', true),
		now,
		timeZone: context.getTimezone(),
	};
}
