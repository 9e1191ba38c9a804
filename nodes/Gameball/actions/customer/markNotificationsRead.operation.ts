import { customerIdParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const markNotificationsRead = requestOperation({
	value: 'markNotificationsRead',
	name: 'Mark Notifications Read',
	action: 'Mark customer notifications as read',
	endpoint: 'PUT /customers/{customerId}/notifications/read',
	path: [customerIdParam],
	required: [
		{ displayName: 'Notification IDs', name: 'notificationIds', type: 'string', default: '', required: true, description: 'Comma-separated notification IDs' },
	],
	lists: ['notificationIds'],
});
