import type {
	AddTagItem,
	CreateTaskItem,
	CrmMatchKey,
	CrmRuleCondition,
	CrmStep,
	CrmStepItem,
	CrmStepItemBase,
	LogNoteItem,
	LoyaltyEvent,
	LoyaltyNotification,
	SendMessageItem,
	UpsertContactItem,
} from '../types';
import { entriesInLanguage, firstPerLanguage } from '../languages';
import { calendarDayIn, parseTime, timeOnDayIn } from '../times';

/** A task's due time on its due day, in the workflow's time zone: the end of a working day. */
const DUE_HOUR = 17;
import { LOYALTY_FIELDS, type CrmPresetDefinition, type LoyaltyField, type PresetSettings } from './presets';
import { balanceOf } from './rules';
import { describe, isTransactionAssigned, tierLabel } from './summary';

/** Output order of the node. */
export const STEPS: CrmStep[] = ['upsertContact', 'addTag', 'createTask', 'logNote', 'sendMessage'];

export type MessageChannel = SendMessageItem['channel'];

export interface TaskSettings {
	dueInDays: number;
	titleTierUp: string;
	titleTierDown: string;
	titlePoints: string;
	titleOther: string;
	body: string;
}

export interface StepSettings {
	preset: CrmPresetDefinition;
	presetSettings: PresetSettings;
	matchBy: CrmMatchKey['by'];
	pointsThreshold: number;
	tagTemplate: string;
	removeOldTierTag: boolean;
	/** Every tier of the program, when the user lists them: their tags are removed too. */
	allTierNames: string[];
	task: TaskSettings;
	channels: MessageChannel[];
	/** Only notification texts in this language, else the closest (`entriesInLanguage`); empty for all. */
	language: string;
	includeEvent: boolean;
	now: Date;
	/** The workflow's time zone: a task's due date is a calendar day there. */
	timeZone: string;
}

export const DEFAULT_TASK: TaskSettings = {
	dueInDays: 3,
	titleTierUp: 'Congratulate {customer} on reaching {tier}',
	titleTierDown: 'Check in with {customer}: moved down to {tier}',
	titlePoints: '{customer} has {points} points (threshold {threshold})',
	titleOther: 'Follow up with {customer}: {summary}',
	body: '{summary}',
};

// After the chosen key: the customer ID is unique by definition, a mobile number often is not (HubSpot's upsert
// cannot match on it at all), so it comes last.
const MATCH_ORDER: Array<CrmMatchKey['by']> = ['email', 'customerId', 'mobile'];

function matchValue(event: LoyaltyEvent, by: CrmMatchKey['by']): string | null {
	if (by === 'email') return event.customer.email;
	if (by === 'mobile') return event.customer.mobile;
	return event.customer.id;
}

/** Open Loyalty events that change a key: the CRM holds the old value, so the new one would not find the contact. */
const CHANGED_KEYS: Record<string, CrmMatchKey['by']> = {
	CustomerEmailWasChanged: 'email',
	CustomerPhoneNumberWasChanged: 'mobile',
};

/** The chosen key, unless the event just changed it and names the customer ID: then the customer ID. */
function preferredKey(event: LoyaltyEvent, settings: StepSettings): CrmMatchKey['by'] {
	const changed = event.source === 'openLoyalty' ? CHANGED_KEYS[event.sourceEvent] : undefined;
	return changed === settings.matchBy && event.customer.id !== null ? 'customerId' : settings.matchBy;
}

/** The preferred key, or the first other key the event has (flagged as a fallback when not the chosen one). */
export function matchKeyOf(event: LoyaltyEvent, settings: StepSettings): CrmMatchKey {
	const preferred = preferredKey(event, settings);
	const fallbacks = MATCH_ORDER.filter((by) => by !== preferred && !settings.preset.cannotMatchBy?.includes(by));
	const candidates = [preferred, ...fallbacks];
	const by = candidates.find((candidate) => matchValue(event, candidate) !== null) ?? settings.matchBy;
	return {
		by,
		field: settings.preset.matchField(by, settings.presetSettings),
		value: matchValue(event, by),
		fallback: by !== settings.matchBy,
	};
}

/** Fills `{name}` placeholders; unknown ones are left as typed so mistakes stay visible. */
export function fillTemplate(template: string, event: LoyaltyEvent, settings: StepSettings): string {
	const { customer, tier, points } = event;
	const values: Record<string, string | number | null> = {
		customer: customer.name ?? customer.email ?? customer.mobile ?? customer.id,
		customerId: customer.id,
		email: customer.email,
		mobile: customer.mobile,
		// A tier without a name (only its rank was sent) is named by its rank: "reaching tier 3", not "reaching ".
		tier: tierLabel(tier.name, tier.rank),
		previousTier: tierLabel(tier.previousName, tier.previousRank),
		direction: tier.direction,
		points: balanceOf(event),
		delta: points.delta,
		threshold: settings.pointsThreshold,
		summary: event.summary,
	};
	return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
		Object.hasOwn(values, name) ? String(values[name as keyof typeof values] ?? '') : placeholder,
	);
}

function loyaltyValue(event: LoyaltyEvent, field: LoyaltyField): string | number | null {
	const values: Record<LoyaltyField, string | number | null> = {
		tier: event.tier.name,
		tierRank: event.tier.rank,
		pointsAvailable: event.points.available,
		pointsPending: event.points.pending,
		pointsTotal: event.points.total,
		referralCode: event.referral.code,
		referralLink: event.referral.link,
		customerId: event.customer.id,
		lastEvent: event.summary,
		lastEventAt: event.occurredAt,
	};
	return values[field];
}

/** A time as the preset's CRM takes it; ISO 8601 when the preset has no form of its own or the time does not parse. */
function asDateTime(preset: CrmPresetDefinition, iso: string): string {
	const time = parseTime(iso);
	return preset.dateTime && !Number.isNaN(time) ? preset.dateTime(time) : iso;
}

function upsertContact(event: LoyaltyEvent, settings: StepSettings): Omit<UpsertContactItem, keyof CrmStepItemBase> {
	const { preset, presetSettings } = settings;
	const properties: UpsertContactItem['properties'] = {};
	// A late update's summary and time are older than the CRM's last event: only its identity is sent.
	const fields = event.outOfOrder ? LOYALTY_FIELDS.filter((field) => field === 'customerId') : LOYALTY_FIELDS;
	for (const field of fields) {
		const value = loyaltyValue(event, field);
		if (value === null) continue;
		const asSent = field === 'lastEventAt' ? asDateTime(preset, String(value)) : value;
		properties[preset.propertyName(field, presetSettings)] = asSent;
	}
	return { properties };
}

function addTag(event: LoyaltyEvent, settings: StepSettings): Omit<AddTagItem, keyof CrmStepItemBase> | null {
	const { name, previousName } = event.tier;
	if (!name) return null;
	// A function replacement: a "$" in a tier name is text, not a replacement pattern.
	const tagFor = (tierName: string) => settings.tagTemplate.replace(/\{tier\}/g, () => tierName);
	const tag = tagFor(name);
	const previous = settings.removeOldTierTag && previousName ? [previousName] : [];
	// CRMs often match tag names whatever their case: the tag added is never also queued for removal, in any case
	// (with a template without {tier}, every tier's tag is that one).
	const others = [...previous, ...settings.allTierNames].map(tagFor);
	const removeTags = [...new Set(others)].filter((other) => other.toLowerCase() !== tag.toLowerCase());
	return { tag, removeTags, fields: settings.preset.tagFields(tag, removeTags) };
}

function taskTitleTemplate(reasons: CrmRuleCondition[], task: TaskSettings): string {
	if (reasons.includes('tierUp')) return task.titleTierUp;
	if (reasons.includes('tierDown')) return task.titleTierDown;
	if (reasons.includes('pointsCrossed') || reasons.includes('pointsAtLeast')) return task.titlePoints;
	return task.titleOther;
}

/** `days` from today at DUE_HOUR; with 0 once that hour has passed, tomorrow: a new task is never overdue. */
function dueDay(now: number, timeZone: string, days: number): { dueDate: string; dueAt: string } {
	const today = calendarDayIn(now, timeZone);
	const passed = Date.parse(timeOnDayIn(today, DUE_HOUR, timeZone)) <= now;
	const dueDate = calendarDayIn(now, timeZone, days === 0 && passed ? 1 : days);
	return { dueDate, dueAt: timeOnDayIn(dueDate, DUE_HOUR, timeZone) };
}

function createTask(
	event: LoyaltyEvent,
	reasons: CrmRuleCondition[],
	settings: StepSettings,
): Omit<CreateTaskItem, keyof CrmStepItemBase> {
	const title = fillTemplate(taskTitleTemplate(reasons, settings.task), event, settings);
	const body = fillTemplate(settings.task.body, event, settings);
	const { dueDate, dueAt } = dueDay(settings.now.getTime(), settings.timeZone, settings.task.dueInDays);
	return {
		title,
		body,
		dueInDays: settings.task.dueInDays,
		dueDate,
		dueAt,
		fields: settings.preset.taskFields({ title, body, dueDate }),
	};
}

const KIND_LABELS: Record<LoyaltyEvent['kind'], string> = {
	profile_updated: 'profile updated',
	tier_changed: 'tier changed',
	points_changed: 'points changed',
	notification: 'notification',
	member_registered: 'member registered',
	member_deactivated: 'member deactivated',
	transaction_registered: 'transaction registered',
	reward_redeemed: 'reward redeemed',
	points_will_expire: 'points will expire',
	other: 'loyalty event',
};

function logNote(event: LoyaltyEvent, settings: StepSettings): Omit<LogNoteItem, keyof CrmStepItemBase> {
	const platform = event.source === 'gameball' ? 'Gameball' : 'Open Loyalty';
	// A profile or points event that also moved the tier (Tier Changed not chosen in the trigger) is a tier change.
	const movedTier = event.tier.direction !== null && (event.kind === 'profile_updated' || event.kind === 'points_changed');
	const label = isTransactionAssigned(event) ? 'transaction assigned' : KIND_LABELS[movedTier ? 'tier_changed' : event.kind];
	const title = `${platform}: ${label}`;
	const occurredAt = event.occurredAt ?? settings.now.toISOString();
	return {
		title,
		note: event.summary,
		occurredAt: event.occurredAt,
		fields: settings.preset.noteFields({ title, note: event.summary, occurredAt }),
	};
}

/** The texts to send: a notification's own, or for another event its summary; a notification without text sends none. */
function textsToSend(event: LoyaltyEvent, language: string): LoyaltyNotification[] {
	const texts = event.notifications.filter((entry) => entry.title !== null || entry.body !== null);
	if (texts.length === 0) {
		if (event.kind === 'notification') return [];
		return [{ language: null, title: 'Loyalty update', body: event.summary, icon: null }];
	}
	// One text per language, as the Gameball Trigger gives them: two in one language would send a message twice.
	if (!language) return firstPerLanguage(texts);
	const inLanguage = entriesInLanguage(texts, language);
	return inLanguage.length ? inLanguage.slice(0, 1) : texts.slice(0, 1);
}

function recipient(event: LoyaltyEvent, channel: MessageChannel): string | null {
	if (channel === 'sms') return event.customer.mobile;
	if (channel === 'email') return event.customer.email;
	return event.customer.id;
}

function sendMessages(event: LoyaltyEvent, settings: StepSettings): Array<Omit<SendMessageItem, keyof CrmStepItemBase>> {
	return textsToSend(event, settings.language).flatMap((text) =>
		settings.channels.map((channel) => ({
			channel,
			to: recipient(event, channel),
			language: text.language,
			title: text.title,
			body: text.body,
			icon: text.icon,
			subject: text.title,
			text: [text.title, text.body].filter(Boolean).join('\n'),
		})),
	);
}

/** A notification's summary names the title sent in Message Language, not the first language received. */
function inMessageLanguage(event: LoyaltyEvent, language: string): LoyaltyEvent {
	if (event.kind !== 'notification' || !language) return event;
	return { ...event, summary: describe({ ...event, notifications: textsToSend(event, language) }) };
}

/** Items for each of the five outputs, for one event and the reasons each step fires. */
export function buildSteps(
	received: LoyaltyEvent,
	reasonsByStep: Record<CrmStep, CrmRuleCondition[]>,
	settings: StepSettings,
	match: CrmMatchKey,
): CrmStepItem[][] {
	const event = inMessageLanguage(received, settings.language);
	const base = (step: CrmStep): CrmStepItemBase => ({
		step,
		preset: settings.preset.id,
		reasons: reasonsByStep[step],
		match,
		email: event.customer.email,
		mobile: event.customer.mobile,
		customerId: event.customer.id,
		...(settings.includeEvent ? { event } : {}),
	});
	const outputs: CrmStepItem[][] = STEPS.map(() => []);
	const fires = (step: CrmStep) => reasonsByStep[step].length > 0;
	/**
	 * Send Message items. With a contact key, one without an address is kept: the README wires Gameball's Customer >
	 * Get Details in front to find it by the customer ID. Without one (a transaction not yet matched), no CRM step could
	 * find the contact, and a message needs no contact, only someone to send it to.
	 */
	const addMessages = (addressedOnly: boolean) => {
		if (!fires('sendMessage')) return;
		for (const message of sendMessages(event, settings)) {
			if (!addressedOnly || message.to !== null) outputs[4].push({ ...base('sendMessage'), step: 'sendMessage', ...message });
		}
	};
	if (match.value === null) {
		addMessages(true);
		return outputs;
	}
	if (fires('upsertContact')) {
		outputs[0].push({ ...base('upsertContact'), step: 'upsertContact', ...upsertContact(event, settings) });
	}
	const tag = fires('addTag') ? addTag(event, settings) : null;
	if (tag) outputs[1].push({ ...base('addTag'), step: 'addTag', ...tag });
	if (fires('createTask')) {
		outputs[2].push({ ...base('createTask'), step: 'createTask', ...createTask(event, reasonsByStep.createTask, settings) });
	}
	if (fires('logNote')) outputs[3].push({ ...base('logNote'), step: 'logNote', ...logNote(event, settings) });
	addMessages(false);
	return outputs;
}
