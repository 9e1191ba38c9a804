import { requestOperation } from '../../helpers/requestOperation';
import { forCustomerFilter } from './forCustomer';

export const getRedemptionRules = requestOperation({
	value: 'getRedemptionRules',
	name: 'Get Redemption Rules',
	action: 'Get the rules for redeeming points, for all or one customer',
	endpoint: 'GET /configurations/redemption',
	sendIn: 'qs',
	optional: [forCustomerFilter],
});
