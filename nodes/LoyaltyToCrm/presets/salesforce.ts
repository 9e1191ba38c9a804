import type { CrmPresetDefinition } from './preset';
import { apiNamePrefixProblem, titleCase, underscored, words } from './preset';

/** Salesforce: custom fields are `Prefix_Words__c`, e.g. `Loyalty_Tier__c`; standard fields keep their names. */
export const salesforce: CrmPresetDefinition = {
	id: 'salesforce',
	defaultPrefix: 'Loyalty_',
	propertyName(field, settings) {
		return `${underscored(settings.prefix)}${words(field).map(titleCase).join('_')}__c`;
	},
	prefixProblem: apiNamePrefixProblem,
	matchField(by, settings) {
		if (by === 'email') return 'Email';
		if (by === 'mobile') return 'MobilePhone';
		return this.propertyName('customerId', settings);
	},
	taskFields: (task) => ({
		Subject: task.title,
		Description: task.body,
		ActivityDate: task.dueDate,
		Status: 'Not Started',
		Priority: 'Normal',
	}),
	noteFields: (note) => ({ Title: note.title, Body: note.note }),
	tagFields: (tag, removeTags) => ({ topicName: tag, removeTopicNames: removeTags }),
};
