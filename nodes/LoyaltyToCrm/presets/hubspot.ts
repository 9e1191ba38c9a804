import type { CrmPresetDefinition } from './preset';
import { underscored, words } from './preset';

/** HubSpot: contact property internal names are lower snake case, e.g. `gameball_points_available`. */
export const hubspot: CrmPresetDefinition = {
	id: 'hubspot',
	defaultPrefix: 'gameball_',
	propertyName(field, settings) {
		const prefix = underscored(settings.prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_'));
		return prefix + words(field).join('_');
	},
	matchField(by, settings) {
		if (by === 'email') return 'email';
		if (by === 'mobile') return 'mobilephone';
		return this.propertyName('customerId', settings);
	},
	// HubSpot's upsert finds a contact by a property with unique values: `mobilephone` is not one.
	cannotMatchBy: ['mobile'],
	taskFields: (task) => ({ subject: task.title, body: task.body, status: 'NOT_STARTED', forObjectType: 'CONTACT' }),
	noteFields: (note) => ({ hs_note_body: note.note, hs_timestamp: note.occurredAt }),
	tagFields: (tag, removeTags) => ({ listName: tag, removeListNames: removeTags }),
	// n8n's HubSpot node upserts through the v1 contacts API, which takes a date-time as epoch milliseconds.
	dateTime: (time) => String(time),
};
