import type { CrmPresetDefinition } from './preset';
import { titleCase, words } from './preset';

/** Generic: camelCase names after an optional prefix, e.g. `pointsAvailable` or `loyaltyPointsAvailable`. */
export const generic: CrmPresetDefinition = {
	id: 'generic',
	defaultPrefix: '',
	propertyName(field, settings) {
		const [head, ...rest] = words(field);
		if (settings.prefix === '') return head + rest.map(titleCase).join('');
		if (/[_.-]$/.test(settings.prefix)) return settings.prefix + head + rest.map(titleCase).join('');
		return settings.prefix + [head, ...rest].map(titleCase).join('');
	},
	matchField(by, settings) {
		if (by === 'customerId') return this.propertyName('customerId', settings);
		return by;
	},
	taskFields: (task) => ({ title: task.title, body: task.body, dueDate: task.dueDate }),
	noteFields: (note) => ({ title: note.title, note: note.note, occurredAt: note.occurredAt }),
	tagFields: (tag, removeTags) => ({ tag, removeTags }),
};
