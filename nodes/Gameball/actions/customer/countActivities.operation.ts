import { customerLookup } from '../../helpers/customerLookup';
import { activityTypeFilter } from '../../helpers/activityTypes';

export const countActivities = customerLookup({
	value: 'countActivities',
	name: 'Count Activities',
	action: "Count a customer's activities",
	endpoint: 'GET /customers/{customerId}/activities/count',
	filters: [activityTypeFilter],
});
