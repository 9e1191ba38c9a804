import type { CrmPresetDefinition } from './preset';
import { underscored, words } from './preset';

/**
 * Pipedrive: custom fields are keyed by generated hashes, so the user maps each loyalty field to its key.
 * An unmapped field keeps a readable name such as `loyalty_points_available`, so it is visible in the output.
 */
export const pipedrive: CrmPresetDefinition = {
	id: 'pipedrive',
	defaultPrefix: 'loyalty_',
	propertyName(field, settings) {
		const mapped = settings.fieldKeys[field]?.trim();
		return mapped ? mapped : underscored(settings.prefix) + words(field).join('_');
	},
	matchField(by, settings) {
		if (by === 'email') return 'email';
		if (by === 'mobile') return 'phone';
		return this.propertyName('customerId', settings);
	},
	taskFields: (task) => ({ subject: task.title, note: task.body, due_date: task.dueDate, type: 'task', done: false }),
	noteFields: (note) => ({ content: note.note }),
	tagFields: (tag, removeTags) => ({ label: tag, removeLabels: removeTags }),
};
