import { customerLookup } from '../../helpers/customerLookup';
import { languageOption } from '../../helpers/fields';

export const countNotifications = customerLookup({
	value: 'countNotifications',
	name: 'Count Notifications',
	action: "Count a customer's notifications",
	endpoint: 'GET /customers/{customerId}/notifications/count',
	filters: [
		{ displayName: 'Is Read', name: 'isRead', type: 'boolean', default: false, description: 'Whether to count only read (or only unread) notifications' },
		languageOption,
	],
});
