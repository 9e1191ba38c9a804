import type { GameballOperation } from '../operation';
import { customerIdParam, readString } from '../../helpers/fields';

export const markNotificationsRead: GameballOperation = {
	value: 'markNotificationsRead',
	name: 'Mark Notifications Read',
	action: 'Mark customer notifications as read',
	endpoint: 'PUT /customers/{customerId}/notifications/read',
	properties: [
		customerIdParam,
		{ displayName: 'Notification IDs', name: 'notificationIds', type: 'string', default: '', required: true, description: 'Comma-separated notification IDs' },
	],
	build(itemIndex) {
		const notificationIds = readString(this, 'notificationIds', itemIndex)
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		return { pathParams: { customerId: readString(this, 'customerId', itemIndex) }, body: { notificationIds } };
	},
};
