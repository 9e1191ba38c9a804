import { customerLookup } from '../../helpers/customerLookup';
import { languageOption } from '../../helpers/fields';

export const getNotifications = customerLookup({
	value: 'getNotifications',
	name: 'Get Notifications',
	action: "Get a customer's notifications",
	endpoint: 'GET /customers/{customerId}/notifications',
	list: { itemsKey: 'notifications', cursorKey: 'id' },
	filters: [
		{ displayName: 'Is Read', name: 'isRead', type: 'boolean', default: false, description: 'Whether to return only read (or only unread) notifications' },
		languageOption,
	],
});
