/** Order and payment endpoints: tracking, cashback calculation, reward previews, order transactions. */
import { previewEvent } from '../domain/campaigns';
import { calculateEarning, orderLines, orderTransactions, paymentLines, reverseOrder, trackOrder, trackPayment } from '../domain/transactions';
import { API, ok, type RouteContext, type RouteTable } from './types';

function cashbackLines(context: RouteContext, lines: ReturnType<typeof calculateEarning>['lines'], key: 'productId' | 'serviceId') {
	const factor = context.state.config.pointsPerCurrencyUnit;
	return lines.map((line) => ({
		[key]: line[key],
		quantity: line.quantity,
		totalPoints: line.points,
		totalScore: line.points,
		totalDecimalPoints: line.decimalPoints,
		rewardWalletFactor: factor,
		campaignImpactPoints: 0,
		campaignImpactWalletFactor: 0,
		campaignId: null,
		campaignName: null,
		campaignEndDate: null,
	}));
}

function orderCashback(context: RouteContext) {
	const { points, lines } = calculateEarning(context.account, Number(context.body.totalPaid), orderLines(context.body));
	return { totalPoints: points, totalScore: points, lineItems: cashbackLines(context, lines, 'productId') };
}

export const orderRoutes: RouteTable = {
	[`POST ${API}/orders`]: (context) => ok(trackOrder(context.account, context.body)),
	[`POST ${API}/orders/cashback`]: (context) => ok(orderCashback(context)),
	[`POST ${API}/orders/reward-preview`]: (context) => {
		const customerId = typeof context.body.customerId === 'string' ? context.body.customerId : '';
		const found = customerId ? context.account.findCustomer(customerId) : undefined;
		// An inactive customer counts as not found: only the cashback quote is given.
		const customer = found?.isActive ? found : undefined;
		const cashback = orderCashback(context);
		const eventRewards = customer ? previewEvent(context.account, customer, 'place_order') : null;
		const eventPoints = eventRewards ? Number(eventRewards.totalPoints) : 0;
		// One coupon per achievement of a coupon-reward campaign.
		const coupons = ((eventRewards?.campaigns ?? []) as Array<Record<string, unknown>>).filter((campaign) => campaign.rewardType === 'Coupon');
		return ok({
			customerId,
			customerFound: Boolean(customer),
			totalPoints: cashback.totalPoints + eventPoints,
			totalCoupons: coupons.reduce((total, campaign) => total + Number(campaign.timesAchieved), 0),
			cashback,
			eventRewards,
		});
	},
	[`GET ${API}/orders/{orderId}/transactions`]: (context) => ok(orderTransactions(context.account, context.params.orderId)),
	[`DELETE ${API}/orders/{orderId}/transactions`]: (context) => ok(reverseOrder(context.account, context.params.orderId)),
	[`POST ${API}/payments`]: (context) => ok(trackPayment(context.account, context.body)),
	[`POST ${API}/payments/cashback`]: (context) => {
		const totalPaid = Number(context.body.totalPaid ?? context.body.totalAmount ?? 0);
		const { points, lines } = calculateEarning(context.account, totalPaid, paymentLines(context.body));
		return ok({ totalPoints: points, totalScore: points, paymentDetails: cashbackLines(context, lines, 'serviceId') });
	},
};
