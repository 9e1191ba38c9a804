import type { CrmMatchKey, CrmPreset } from '../../types';

/** The loyalty values written onto a contact, in the order they are listed. */
export const LOYALTY_FIELDS = [
	'tier',
	'tierRank',
	'pointsAvailable',
	'pointsPending',
	'pointsTotal',
	'referralCode',
	'referralLink',
	'customerId',
	'lastEvent',
	'lastEventAt',
] as const;

export type LoyaltyField = (typeof LOYALTY_FIELDS)[number];

export interface PresetSettings {
	/** Prefix of every loyalty property name: the preset's default unless the user changes it (empty: none). */
	prefix: string;
	/** Pipedrive only: the CRM's own key per loyalty field (custom field keys are hashes). */
	fieldKeys: Partial<Record<LoyaltyField, string>>;
}

export interface TaskDraft {
	title: string;
	body: string;
	dueDate: string;
}

export interface NoteDraft {
	title: string;
	note: string;
	occurredAt: string;
}

/** How one CRM names things. Pure: presets never talk to the CRM; n8n's own CRM nodes do. */
export interface CrmPresetDefinition {
	id: CrmPreset;
	defaultPrefix: string;
	propertyName(field: LoyaltyField, settings: PresetSettings): string;
	matchField(by: CrmMatchKey['by'], settings: PresetSettings): string;
	/** Keys the CRM cannot find a contact by: refused as Match Contact By (settings.ts), and never a fallback. */
	cannotMatchBy?: Array<CrmMatchKey['by']>;
	taskFields(task: TaskDraft): Record<string, unknown>;
	noteFields(note: NoteDraft): Record<string, unknown>;
	tagFields(tag: string, removeTags: string[]): Record<string, unknown>;
	/** Why the CRM would refuse names starting with this prefix, if it would. */
	prefixProblem?(prefix: string): string | undefined;
	/** A time (ms since the epoch) as the CRM's API takes it in a date-time field; ISO 8601 is sent without this. */
	dateTime?(time: number): string;
}

/** `pointsAvailable` -> `['points', 'available']`. */
export function words(field: string): string[] {
	return field.split(/(?=[A-Z])/).map((word) => word.toLowerCase());
}

/** Makes sure a non-empty prefix ends with `_`, so `Loyalty` and `Loyalty_` give the same names. */
export function underscored(prefix: string): string {
	return prefix === '' || prefix.endsWith('_') ? prefix : `${prefix}_`;
}

export function titleCase(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Salesforce and Zoho API names: letters, digits and single underscores, starting with a letter. */
export function apiNamePrefixProblem(prefix: string): string | undefined {
	if (prefix === '' || /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/.test(prefix)) return undefined;
	return 'field API names take letters, digits and single underscores, starting with a letter';
}
