import type { CrmPresetDefinition } from './preset';
import { apiNamePrefixProblem, titleCase, underscored, words } from './preset';

/** Zoho CRM: field API names are `Prefix_Words`, e.g. `Loyalty_Points_Available`; standard `Email`, `Mobile`. */
export const zoho: CrmPresetDefinition = {
	id: 'zoho',
	defaultPrefix: 'Loyalty_',
	propertyName(field, settings) {
		return `${underscored(settings.prefix)}${words(field).map(titleCase).join('_')}`;
	},
	prefixProblem: apiNamePrefixProblem,
	matchField(by, settings) {
		if (by === 'email') return 'Email';
		if (by === 'mobile') return 'Mobile';
		return this.propertyName('customerId', settings);
	},
	taskFields: (task) => ({
		Subject: task.title,
		Description: task.body,
		Due_Date: task.dueDate,
		Status: 'Not Started',
		Priority: 'Normal',
	}),
	noteFields: (note) => ({ Note_Title: note.title, Note_Content: note.note }),
	tagFields: (tag, removeTags) => ({
		tags: [{ name: tag }],
		removeTags: removeTags.map((name) => ({ name })),
	}),
	// Zoho's API takes a Date/Time as yyyy-MM-ddTHH:mm:ss±HH:mm: no milliseconds, no `Z`.
	dateTime: (time) => `${new Date(time).toISOString().slice(0, 19)}+00:00`,
};
