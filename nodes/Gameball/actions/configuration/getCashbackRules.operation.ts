import { requestOperation } from '../../helpers/requestOperation';
import { forCustomerFilter } from './forCustomer';

export const getCashbackRules = requestOperation({
	value: 'getCashbackRules',
	name: 'Get Cashback Rules',
	action: 'Get the cashback rules, by tier or for one customer',
	endpoint: 'GET /configurations/cashback',
	sendIn: 'qs',
	optional: [forCustomerFilter],
});
