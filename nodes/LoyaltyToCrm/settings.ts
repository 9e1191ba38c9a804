import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { readChoices, readCollectionOptions, readNumber, toBoolean, toNumber, toText } from '../parameters';
import type { CrmMatchKey, CrmPreset, CrmRuleCondition, CrmStep } from '../types';
import { loyaltyToCrmProperties } from './description';
import { PRESETS, type CrmPresetDefinition, type LoyaltyField } from './presets';
import { DEFAULT_TASK, STEPS, type MessageChannel, type StepSettings } from './steps';

export interface NodeSettings extends StepSettings {
	rules: Record<CrmStep, CrmRuleCondition[]>;
}

function stringOr(value: unknown, fallback: string): string {
	return typeof value === 'string' && value !== '' ? value : fallback;
}

const DEFAULT_TAG_TEMPLATE = 'Loyalty: {tier}';

const propertyNamed = (name: string) => loyaltyToCrmProperties.find((property) => property.name === name) as INodeProperties;

/** N of the points rules: required (a blank expression refused) only when a selected rule uses it. */
function readThreshold(context: IExecuteFunctions, rules: Record<CrmStep, CrmRuleCondition[]>, itemIndex: number): number {
	const property = propertyNamed('pointsThreshold');
	const used = Object.values(rules).some((conditions) => conditions.includes('pointsAtLeast') || conditions.includes('pointsCrossed'));
	if (used) return readNumber(context, property, itemIndex);
	const value = toNumber(context, property.displayName, context.getNodeParameter(property.name, itemIndex, property.default), itemIndex);
	return value ?? (property.default as number);
}

/** Match Contact By, refused where the preset's CRM cannot find a contact by it (HubSpot by mobile). */
function readMatchBy(context: IExecuteFunctions, preset: CrmPresetDefinition, matchBy: CrmMatchKey['by'], itemIndex: number): CrmMatchKey['by'] {
	if (!preset.cannotMatchBy?.includes(matchBy)) return matchBy;
	const property = propertyNamed('matchBy');
	const [label, crm] = [optionName(property, matchBy), optionName(propertyNamed('crmPreset'), preset.id)];
	const others = (property.options as INodePropertyOptions[]).filter(({ value }) => !preset.cannotMatchBy?.includes(value as CrmMatchKey['by']));
	throw new NodeOperationError(context.getNode(), `"${property.displayName}" ${label} does not work with ${crm}: its upsert cannot find a contact by it`, {
		itemIndex,
		description: `Choose ${others.map(({ name }) => name).join(' or ')}.`,
	});
}

/** Property Prefix, refused where the preset's CRM would refuse the names it starts. */
function readPrefix(context: IExecuteFunctions, preset: CrmPresetDefinition, prefix: string, itemIndex: number): string {
	const problem = preset.prefixProblem?.(prefix);
	if (!problem) return prefix;
	const crm = optionName(propertyNamed('crmPreset'), preset.id);
	throw new NodeOperationError(context.getNode(), `"Property Prefix" ${JSON.stringify(prefix)} would give names ${crm} refuses: ${problem}`, { itemIndex });
}

const optionName = (property: INodeProperties, value: string) =>
	(property.options as INodePropertyOptions[]).find((option) => option.value === value)?.name ?? value;

/** Reads the node's parameters for one item (they may be expressions that differ per item). */
/** Whole days (the collection's range check refuses a negative): a fraction was dropped from the due date only. */
function dueInDaysOf(context: IExecuteFunctions, value: unknown, itemIndex: number): number {
	return toNumber(context, 'Due In Days', value, itemIndex, true) ?? DEFAULT_TASK.dueInDays;
}

export function readSettings(context: IExecuteFunctions, itemIndex: number, now: Date): NodeSettings {
	const param = <T>(name: string, fallback: T) => context.getNodeParameter(name, itemIndex, fallback) as T;
	// Dropdowns, numbers and switches may be expressions: each is checked, and refused by name, never guessed.
	const choices = <T>(name: string) => readChoices(context, propertyNamed(name), param(name, propertyNamed(name).default), itemIndex) as T;
	// Text may be an expression too: a number is read as text, a list or an object refused by name.
	const text = (name: string, fallback: string) => toText(context, propertyNamed(name).displayName, param(name, fallback), itemIndex) ?? fallback;
	const flag = (name: string) => toBoolean(context, propertyNamed(name).displayName, param(name, propertyNamed(name).default), itemIndex) ?? (propertyNamed(name).default as boolean);
	const preset = PRESETS[choices<CrmPreset>('crmPreset')];
	const task = readCollectionOptions(context, propertyNamed('taskOptions'), param<IDataObject>('taskOptions', {}), itemIndex);
	const rules = Object.fromEntries(STEPS.map((step) => [step, choices<CrmRuleCondition[]>(`${step}On`)])) as Record<CrmStep, CrmRuleCondition[]>;
	return {
		rules,
		preset,
		presetSettings: {
			prefix: readPrefix(context, preset, text('propertyPrefix', preset.defaultPrefix), itemIndex),
			fieldKeys: readCollectionOptions(context, propertyNamed('pipedriveFieldKeys'), param<IDataObject>('pipedriveFieldKeys', {}), itemIndex) as Partial<
				Record<LoyaltyField, string>
			>,
		},
		matchBy: readMatchBy(context, preset, choices<CrmMatchKey['by']>('matchBy'), itemIndex),
		pointsThreshold: readThreshold(context, rules, itemIndex),
		// A blank template would tag every contact with an empty name, which CRMs refuse.
		tagTemplate: text('tagTemplate', DEFAULT_TAG_TEMPLATE).trim() || DEFAULT_TAG_TEMPLATE,
		removeOldTierTag: flag('removeOldTierTag'),
		allTierNames: text('allTierNames', '')
			.split(',')
			.map((tier) => tier.trim())
			.filter(Boolean),
		task: {
			dueInDays: dueInDaysOf(context, task.dueInDays, itemIndex),
			titleTierUp: stringOr(task.titleTierUp, DEFAULT_TASK.titleTierUp),
			titleTierDown: stringOr(task.titleTierDown, DEFAULT_TASK.titleTierDown),
			titlePoints: stringOr(task.titlePoints, DEFAULT_TASK.titlePoints),
			titleOther: stringOr(task.titleOther, DEFAULT_TASK.titleOther),
			body: stringOr(task.body, DEFAULT_TASK.body),
		},
		channels: choices<MessageChannel[]>('messageChannels'),
		language: text('messageLanguage', ''),
		includeEvent: flag('includeEvent'),
		now,
		timeZone: context.getTimezone(),
	};
}
