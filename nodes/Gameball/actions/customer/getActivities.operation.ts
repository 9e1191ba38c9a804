import { customerLookup } from '../../helpers/customerLookup';
import { activityTypeFilter } from '../../helpers/activityTypes';

export const getActivities = customerLookup({
	value: 'getActivities',
	name: 'Get Activities',
	action: "Get a customer's activity history",
	endpoint: 'GET /customers/{customerId}/activities',
	list: { itemsKey: 'activities', cursorKey: 'activityId' },
	filters: [activityTypeFilter],
});
