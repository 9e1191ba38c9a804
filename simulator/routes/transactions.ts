/** Transaction endpoints: cashback, redeem, refund, holds, listings, manual adjustments, activation, OTP. */
import { randomInt } from 'crypto';
import {
	activatePending,
	cashback,
	createHold,
	filterLedger,
	getHold,
	manualAdjustment,
	redeem,
	refund,
	releaseHold,
	transactionView,
} from '../domain/transactions';
import { badRequest, ERROR_CODES } from '../errors';
import { API, ok, paging, type RouteContext, type RouteTable } from './types';

function listing(context: RouteContext, customerView: boolean) {
	const { startAfter, limit } = paging(context.query);
	const all = filterLedger(context.account, context.query).filter((entry) => entry.gameballTransactionId > startAfter);
	const page = all.slice(0, limit);
	return ok({ count: page.length, hasMore: all.length > page.length, transactions: page.map((entry) => transactionView(context.account, entry, customerView)) });
}

export const transactionRoutes: RouteTable = {
	[`POST ${API}/transactions/cashback`]: (context) => ok(cashback(context.account, context.body)),
	[`POST ${API}/transactions/redeem`]: (context) => ok(redeem(context.account, context.body)),
	[`POST ${API}/transactions/refund`]: (context) => ok(refund(context.account, context.body)),
	[`POST ${API}/transactions/hold`]: (context) => ok(createHold(context.account, context.body)),
	[`GET ${API}/transactions/hold/{holdReferenceId}`]: (context) => ok(getHold(context.account, context.params.holdReferenceId)),
	[`DELETE ${API}/transactions/hold/{holdReferenceId}`]: (context) => ok(releaseHold(context.account, context.params.holdReferenceId)),
	[`GET ${API}/transactions`]: (context) => listing(context, false),
	[`GET ${API}/transactions/customer-view`]: (context) => listing(context, true),
	[`GET ${API}/transactions/count`]: (context) => ok({ count: filterLedger(context.account, context.query).length }),
	[`POST ${API}/transactions/manual`]: (context) => ok(manualAdjustment(context.account, context.body)),
	[`PUT ${API}/transactions/{transactionId}/activate`]: (context) => ok(activatePending(context.account, context.params.transactionId)),
	[`POST ${API}/transactions/otp`]: (context) => {
		const customer = context.account.getCustomer(String(context.body.customerId));
		const given = ['amount', 'points', 'ruleId'].filter((key) => context.body[key] !== undefined && context.body[key] !== null);
		if (given.length !== 1) throw badRequest(ERROR_CODES.invalidValue, 'Exactly one of ruleId, points or amount must be provided');
		customer.otp = String(randomInt(100000, 1000000));
		return ok({ success: true, message: `OTP sent to the customer's mobile ending ${(customer.mobile ?? '').slice(-2) || '??'}` });
	},
};
