/** Money-moving operations shared by the single endpoints and the batch jobs. */
import { randomBytes } from 'crypto';
import { badRequest, ERROR_CODES, fieldsGiven, GameballError, insufficientPoints, onlyOneOf, PlainError } from '../errors';
import type { Customer, Hold, LedgerEntry, OrderRecord } from '../state';
import { round2, type Account } from './account';
import { COUPON_TYPE_NAMES } from './catalog';
import { prepareCouponBurn } from './coupons';

type Json = Record<string, unknown>;

function merchantNames(body: Json): { merchantName?: string; branchName?: string } {
	const merchant = body.merchant as Json | undefined;
	const branch = merchant?.branch as Json | undefined;
	return { merchantName: (merchant?.name as string) ?? undefined, branchName: (branch?.name as string) ?? undefined };
}

function returnWindowDays(body: Json, key: 'cashbackConfigurations' | 'configurations'): number {
	const config = body[key] as Json | undefined;
	const days = Number(config?.returnWindow ?? 0);
	return Number.isFinite(days) && days > 0 ? days : 0;
}

function pendingFields(account: Account, days: number): { pending: boolean; activateAt?: string } {
	if (days <= 0) return { pending: false };
	const activateAt = new Date(account.now().getTime() + days * 86_400_000);
	if (Number.isNaN(activateAt.getTime())) throw badRequest(ERROR_CODES.invalidValue, `returnWindow ${days} days ends past any date`);
	return { pending: true, activateAt: activateAt.toISOString() };
}

// ---- cashback, orders and payments -------------------------------------------------------------

export function cashback(account: Account, body: Json): Json {
	const customer = account.getCustomer(String(body.customerId));
	const transactionId = String(body.transactionId);
	const amount = Number(body.amount);
	if (amount < 0) throw badRequest(ERROR_CODES.invalidValue, 'amount must not be negative');
	const points = account.earnedPointsFor(amount);
	const entry = account.applyMovement({
		customer,
		type: 'PaymentReward',
		points,
		amount,
		transactionId,
		dedupKey: `cashback:${transactionId}`,
		...pendingFields(account, returnWindowDays(body, 'configurations')),
		...merchantNames(body),
		at: body.transactionTime as string,
	});
	return { customerId: customer.customerId, gameballTransactionId: entry.gameballTransactionId, rewardAmount: round2(amount), rewardEquivalentPoints: points };
}

interface LineInput {
	productId?: string;
	serviceId?: string;
	quantity: number;
	total: number;
}

/** Splits `points` over line items in proportion to their totals. */
function distribute(points: number, lines: LineInput[], factor: number): Array<LineInput & { points: number; decimalPoints: number }> {
	const sum = lines.reduce((total, line) => total + Math.max(0, line.total), 0);
	return lines.map((line) => {
		const decimalPoints = sum > 0 ? (points * Math.max(0, line.total)) / sum : Math.max(0, line.total) * factor;
		return { ...line, points: Math.floor(decimalPoints), decimalPoints: round2(decimalPoints) };
	});
}

export function orderLines(body: Json): LineInput[] {
	const items = (body.lineItems as Json[] | undefined) ?? [];
	return items.map((item) => {
		const quantity = Number(item.quantity ?? 1);
		const total = Number(item.price ?? 0) * quantity - Number(item.discount ?? 0);
		return { productId: String(item.productId ?? item.sku ?? ''), quantity, total };
	});
}

export function paymentLines(body: Json): LineInput[] {
	const items = (body.paymentDetails as Json[] | undefined) ?? [];
	return items.map((item) => ({ serviceId: String(item.serviceId ?? ''), quantity: 1, total: Number(item.amount ?? 0) - Number(item.discount ?? 0) }));
}

/** What an order or payment earns, without applying anything. */
export function calculateEarning(account: Account, totalPaid: number, lines: LineInput[]) {
	const points = account.earnedPointsFor(totalPaid);
	return { points, lines: distribute(points, lines, account.state.config.pointsPerCurrencyUnit) };
}

function takeHold(account: Account, customer: Customer, holdReference: string): Hold {
	const hold = account.state.holds.get(holdReference);
	if (!hold || hold.customerId !== customer.customerId) throw new GameballError(404, ERROR_CODES.holdNotFound, `Hold '${holdReference}' was not found`);
	account.heldPoints(customer.customerId); // expires stale holds
	if (hold.state !== 'Active') throw badRequest(ERROR_CODES.holdNotActive, `Hold '${holdReference}' is ${hold.state.toLowerCase()}`);
	return hold;
}

function trackPurchase(account: Account, body: Json, kind: 'order' | 'payment'): { customer: Customer; record: OrderRecord; earned: LedgerEntry; redeemedPoints: number; lines: ReturnType<typeof distribute> } {
	const customer = account.getCustomer(String(body.customerId));
	const id = String(kind === 'order' ? body.orderId : body.paymentId);
	const dedupKey = `${kind}:${id}`;
	account.assertNotApplied(dedupKey, kind === 'order' ? 'orderId' : 'paymentId', id);
	const totalPaid = Number(body.totalPaid);
	if (totalPaid < 0) throw badRequest(ERROR_CODES.invalidValue, 'totalPaid must not be negative');
	const redemption = (body.redemption as Json | undefined) ?? {};
	const hold = typeof redemption.pointsHoldReference === 'string' && redemption.pointsHoldReference !== '' ? takeHold(account, customer, redemption.pointsHoldReference) : undefined;
	const burnOrderCoupons = prepareCouponBurn(account, customer, redemption);
	// Everything that can refuse the purchase runs before the hold is redeemed: nothing is half applied.
	const { points, lines } = calculateEarning(account, totalPaid, kind === 'order' ? orderLines(body) : paymentLines(body));
	const pending = pendingFields(account, returnWindowDays(body, 'cashbackConfigurations'));
	const ledgerIds: number[] = [];
	let redeemedPoints = 0;
	const at = (kind === 'order' ? body.orderDate : body.paymentDate) as string;
	if (hold) {
		const redemptionEntry = account.applyMovement({ customer, type: 'Redemption', points: -hold.points, amount: hold.amount, transactionId: id, orderId: id, holdReference: hold.holdReference, reason: `Redeemed on ${kind} ${id}`, at, ...merchantNames(body) });
		hold.state = 'Redeemed';
		redeemedPoints = hold.points;
		ledgerIds.push(redemptionEntry.gameballTransactionId);
	}
	burnOrderCoupons();
	const earned = account.applyMovement({
		customer,
		type: 'PaymentReward',
		points,
		amount: totalPaid,
		transactionId: id,
		orderId: id,
		dedupKey,
		dedupField: kind === 'order' ? 'orderId' : 'paymentId',
		at,
		...pending,
		...merchantNames(body),
	});
	ledgerIds.push(earned.gameballTransactionId);
	const record: OrderRecord = { orderId: id, customerId: customer.customerId, totalPaid, orderDate: at, ledgerIds, reversed: false };
	(kind === 'order' ? account.state.orders : account.state.payments).set(id, record);
	const attributes = customer.attributes;
	attributes.totalOrders = Number(attributes.totalOrders ?? 0) + 1;
	attributes.totalSpent = round2(Number(attributes.totalSpent ?? 0) + totalPaid);
	attributes.lastOrderDate = at;
	return { customer, record, earned, redeemedPoints, lines };
}

export function trackOrder(account: Account, body: Json): Json {
	const { customer, earned, redeemedPoints, lines } = trackPurchase(account, body, 'order');
	return {
		customerId: customer.customerId,
		rewardedPoints: earned.points,
		redeemedPoints,
		lineItems: lines.map((line) => ({ productId: line.productId, quantity: line.quantity, points: line.points, decimalPoints: line.decimalPoints, score: line.points })),
	};
}

export function trackPayment(account: Account, body: Json): Json {
	const { customer, earned, redeemedPoints, lines } = trackPurchase(account, body, 'payment');
	return {
		customerId: customer.customerId,
		rewardedPoints: earned.points,
		redeemedPoints,
		paymentDetails: lines.map((line) => ({ serviceId: line.serviceId, points: line.points, decimalPoints: line.decimalPoints, score: line.points })),
	};
}

// ---- redemption and holds ----------------------------------------------------------------

function pointsRequested(account: Account, body: Json, pointsKey: string, amountKey: string): { points: number; amount: number } | undefined {
	if (typeof body[pointsKey] === 'number') {
		const points = body[pointsKey] as number;
		if (points <= 0) throw badRequest(ERROR_CODES.invalidValue, `${pointsKey} must be positive`);
		return { points, amount: account.valueOfPoints(points) };
	}
	if (typeof body[amountKey] === 'number') {
		const amount = body[amountKey] as number;
		if (amount <= 0) throw badRequest(ERROR_CODES.invalidValue, `${amountKey} must be positive`);
		return { points: account.pointsToRedeem(amount), amount: round2(amount) };
	}
	return undefined;
}

export function redeem(account: Account, body: Json): Json {
	onlyOneOf(body, ['amount', 'points', 'holdReference']);
	const customer = account.getCustomer(String(body.customerId));
	const transactionId = String(body.transactionId);
	const dedupKey = `redeem:${transactionId}`;
	account.assertNotApplied(dedupKey, 'transactionId', transactionId);
	account.checkSecurity(customer, body);
	let hold: Hold | undefined;
	let requested = pointsRequested(account, body, 'points', 'amount');
	if (!requested && typeof body.holdReference === 'string' && body.holdReference !== '') {
		hold = takeHold(account, customer, body.holdReference);
		requested = { points: hold.points, amount: hold.amount };
	}
	if (!requested) throw badRequest(ERROR_CODES.missingField, 'One of amount, points or holdReference is required');
	const entry = account.applyMovement({
		customer,
		type: 'Redemption',
		points: -requested.points,
		amount: requested.amount,
		transactionId,
		dedupKey,
		holdReference: hold?.holdReference,
		reason: body.reason as string | undefined,
		at: body.transactionTime as string,
		...merchantNames(body),
	});
	if (hold) hold.state = 'Redeemed';
	return {
		customerId: customer.customerId,
		gameballTransactionId: String(entry.gameballTransactionId),
		transactionId,
		redeemAmount: requested.amount,
		redeemEquivalentPoints: requested.points,
		reason: (body.reason as string | undefined) ?? '',
	};
}

export function createHold(account: Account, body: Json): Json {
	onlyOneOf(body, ['ruleId', 'amountToHold', 'pointsToHold']);
	const customer = account.getCustomer(String(body.customerId));
	account.checkSecurity(customer, body);
	let requested = pointsRequested(account, body, 'pointsToHold', 'amountToHold');
	if (!requested && body.ruleId !== undefined && body.ruleId !== null && body.ruleId !== '') {
		const rule = account.state.config.redemptionRules.find((candidate) => String(candidate.id) === String(body.ruleId));
		if (!rule) throw new GameballError(404, ERROR_CODES.configurationNotFound, `Redemption rule '${String(body.ruleId)}' was not found`);
		requested = { points: rule.pointsToRedeem, amount: account.valueOfPoints(rule.pointsToRedeem) };
	}
	if (!requested) throw badRequest(ERROR_CODES.missingField, 'One of pointsToHold, amountToHold or ruleId is required');
	const available = account.availablePoints(customer);
	if (available < requested.points) throw insufficientPoints(available, requested.points);
	const now = account.now();
	const hold: Hold = {
		holdReference: `HOLD-${account.state.nextId('hold')}-${randomBytes(3).toString('hex')}`,
		customerId: customer.customerId,
		points: requested.points,
		amount: requested.amount,
		state: 'Active',
		createdAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + account.state.config.holdMinutes * 60_000).toISOString(),
	};
	account.state.holds.set(hold.holdReference, hold);
	return { customerId: customer.customerId, holdAmount: hold.amount, holdEquivalentPoints: hold.points, holdReference: hold.holdReference };
}

export function getHold(account: Account, holdReference: string): Json {
	const hold = account.state.holds.get(holdReference);
	if (!hold) throw new GameballError(404, ERROR_CODES.holdNotFound, `Hold '${holdReference}' was not found`);
	account.heldPoints(hold.customerId);
	return { customerId: hold.customerId, holdAmount: hold.amount, holdEquivalentPoints: hold.points, state: hold.state, dateToExpire: hold.expiresAt };
}

export function releaseHold(account: Account, holdReference: string): Json {
	const hold = account.state.holds.get(holdReference);
	if (!hold) throw new GameballError(404, ERROR_CODES.holdNotFound, `Hold '${holdReference}' was not found`);
	account.heldPoints(hold.customerId);
	if (hold.state !== 'Active') throw badRequest(ERROR_CODES.holdNotActive, `Hold '${holdReference}' is ${hold.state.toLowerCase()}`);
	hold.state = 'Released';
	return { success: true, message: `Hold ${holdReference} released` };
}

// ---- refunds, reversals, manual adjustments -------------------------------------------------

function originalEntries(account: Account, customerId: string, reference: string): LedgerEntry[] {
	return account.state.ledgerEntries.filter(
		(entry) =>
			entry.customerId === customerId &&
			(entry.transactionId === reference || entry.orderId === reference) &&
			(entry.type === 'PaymentReward' || entry.type === 'Redemption') &&
			entry.status !== 'Cancelled',
	);
}

/** What refunded line items are worth (unit price x quantity, one unit when none is given); `undefined` without any. */
function lineItemsValue(lineItems: unknown): number | undefined {
	if (!Array.isArray(lineItems) || lineItems.length === 0) return undefined;
	let value = 0;
	for (const item of lineItems as Json[]) value += (Number(item?.price) || 0) * (typeof item?.quantity === 'number' ? item.quantity : 1);
	return round2(value);
}

export function refund(account: Account, body: Json): Json {
	const customer = account.getCustomer(String(body.customerId));
	const refundTransactionId = String(body.refundTransactionId);
	const reverseTransactionId = String(body.reverseTransactionId);
	const dedupKey = `refund:${refundTransactionId}`;
	account.assertNotApplied(dedupKey, 'refundTransactionId', refundTransactionId);
	const originals = originalEntries(account, customer.customerId, reverseTransactionId);
	if (originals.length === 0) throw new GameballError(404, ERROR_CODES.transactionNotFound, `No transaction '${reverseTransactionId}' to refund for customer '${customer.customerId}'`);
	const earning = originals.find((entry) => entry.type === 'PaymentReward');
	const baseAmount = earning?.amount ?? originals[0].amount;
	const remainingAmount = round2(baseAmount - (earning ?? originals[0]).refundedAmount);
	const refundAmount = typeof body.refundAmount === 'number' ? round2(body.refundAmount) : (lineItemsValue(body.lineItems) ?? remainingAmount);
	if (refundAmount <= 0 || refundAmount > remainingAmount) {
		throw badRequest(ERROR_CODES.refundExceedsOriginal, `refundAmount ${refundAmount} exceeds the refundable ${remainingAmount} of '${reverseTransactionId}'`);
	}
	const fraction = baseAmount > 0 ? refundAmount / baseAmount : 1;
	let netPoints = 0;
	let firstEntry: LedgerEntry | undefined;
	originals.forEach((original, position) => {
		const magnitude = Math.abs(original.points);
		const remaining = magnitude - original.refundedPoints;
		const refundsTheRest = round2(original.refundedAmount + refundAmount) >= round2(baseAmount);
		const back = refundsTheRest ? remaining : Math.min(remaining, Math.round(magnitude * fraction));
		const signed = original.type === 'PaymentReward' ? -back : back;
		const entry = account.applyMovement({
			customer,
			type: 'Refund',
			points: signed,
			amount: refundAmount,
			transactionId: refundTransactionId,
			dedupKey: position === 0 ? dedupKey : `${dedupKey}#${position}`,
			dedupField: 'refundTransactionId',
			reversesTransactionId: original.gameballTransactionId,
			affectsEarned: original.type === 'PaymentReward',
			fromPending: original.status === 'Pending',
			requireBalance: false,
			reason: `Refund of ${reverseTransactionId}`,
			at: body.transactionTime as string,
		});
		original.refundedPoints += back;
		original.refundedAmount = round2(original.refundedAmount + refundAmount);
		netPoints += signed;
		firstEntry ??= entry;
	});
	return {
		refundTransactionId,
		gameballTransactionId: String(firstEntry?.gameballTransactionId ?? ''),
		refundAmount,
		refundEquivalentPoints: Math.abs(netPoints),
	};
}

export function manualAdjustment(account: Account, body: Json): Json {
	// Its 400s are documented as { error: 400, message }, with these messages.
	if (fieldsGiven(body, ['points', 'amount']).length > 1) throw new PlainError(400, 'Only one rewarding method may be specified');
	const deducts = (typeof body.points === 'number' && body.points < 0) || (typeof body.amount === 'number' && body.amount < 0);
	if (deducts && fieldsGiven(body, ['expiryAfter']).length) throw new PlainError(400, 'Deduction cannot have expiry');
	const customer = account.getCustomer(String(body.customerId));
	const transactionId = String(body.transactionId ?? `manual-${account.state.nextId('transaction')}`);
	let points: number;
	let amount = 0;
	if (typeof body.points === 'number') {
		points = body.points;
	} else if (typeof body.amount === 'number') {
		amount = body.amount;
		points = Math.sign(amount) * account.earnedPointsFor(Math.abs(amount));
	} else {
		throw new PlainError(400, 'A rewarding criteria is required');
	}
	if (points === 0) throw badRequest(ERROR_CODES.invalidValue, 'points must not be zero');
	const entry = account.applyMovement({
		customer,
		type: points > 0 ? 'ManualAccumulation' : 'ManualDeduction',
		points,
		amount,
		transactionId,
		dedupKey: body.transactionId === undefined ? undefined : `manual:${transactionId}`,
		reason: `${String(body.reason ?? 'Manual adjustment')}${body.username ? ` (by ${String(body.username)})` : ''}`,
		at: body.transactionTime as string | undefined,
	});
	return { customerId: customer.customerId, transactionId, gameballTransactionId: entry.gameballTransactionId, points: entry.points, amount: round2(amount) };
}

export function activatePending(account: Account, transactionId: string): Json {
	const entries = account.state.ledgerEntries.filter((entry) => entry.transactionId === transactionId || entry.orderId === transactionId);
	if (entries.length === 0) throw new GameballError(404, ERROR_CODES.transactionNotFound, `Transaction '${transactionId}' was not found`);
	let pointsActivated = 0;
	let gameballTransactionId = entries[0].gameballTransactionId;
	for (const entry of entries) {
		if (entry.status !== 'Pending') continue;
		const customer = account.state.customers.get(entry.customerId);
		if (!customer) continue;
		pointsActivated += account.activateEntry(entry, customer);
		gameballTransactionId = entry.gameballTransactionId;
	}
	return { clientTransactionId: transactionId, gameballTransactionId, pointsActivated };
}

function findPurchase(account: Account, orderId: string): OrderRecord {
	const record = account.state.orders.get(orderId) ?? account.state.payments.get(orderId);
	if (!record) throw new GameballError(404, ERROR_CODES.transactionNotFound, `Order '${orderId}' was not found`);
	return record;
}

export function orderTransactions(account: Account, orderId: string): Json {
	const record = findPurchase(account, orderId);
	const ids = new Set(record.ledgerIds);
	const related = account.state.ledgerEntries.filter(
		(entry) => ids.has(entry.gameballTransactionId) || (entry.reversesTransactionId !== undefined && ids.has(entry.reversesTransactionId)),
	);
	return {
		count: related.length,
		transactions: related.map((entry) => ({
			transactionId: entry.transactionId ?? '',
			gameballTransactionId: entry.gameballTransactionId,
			transactionType: entry.type,
			amount: entry.amount,
			equivalentPoints: entry.points,
			transactionDate: entry.at,
		})),
	};
}

export function reverseOrder(account: Account, orderId: string): Json {
	const record = findPurchase(account, orderId);
	const dedupKey = `cancel:${orderId}`;
	account.assertNotApplied(dedupKey, 'orderId', orderId);
	const customer = account.getCustomer(record.customerId);
	const reversed: Json[] = [];
	for (const id of record.ledgerIds) {
		const original = account.state.ledgerEntries.find((entry) => entry.gameballTransactionId === id);
		if (!original) continue;
		const remaining = Math.abs(original.points) - original.refundedPoints;
		const signed = original.points >= 0 ? -remaining : remaining;
		const entry = account.applyMovement({
			customer,
			type: 'Cancel',
			points: signed,
			amount: original.amount,
			transactionId: orderId,
			dedupKey: reversed.length === 0 ? dedupKey : `${dedupKey}#${reversed.length}`,
			dedupField: 'orderId',
			reversesTransactionId: original.gameballTransactionId,
			affectsEarned: original.type === 'PaymentReward',
			fromPending: original.status === 'Pending',
			requireBalance: false,
			reason: `Order ${orderId} cancelled`,
		});
		original.refundedPoints = Math.abs(original.points);
		original.status = 'Cancelled';
		reversed.push({ gameballTransactionId: entry.gameballTransactionId, reversedTransactionId: original.gameballTransactionId, points: signed });
	}
	record.reversed = true;
	return { success: true, orderId, customerId: customer.customerId, reversedTransactions: reversed };
}

// ---- listings -----------------------------------------------------------------------------------

/** The documented couponType of a redeemed coupon ('' when the entry has none). */
function couponTypeOf(account: Account, code: string | undefined): string {
	const coupon = code ? account.state.coupons.get(code) : undefined;
	return coupon ? COUPON_TYPE_NAMES[coupon.type].couponType : '';
}

export function transactionView(account: Account, entry: LedgerEntry, customerView: boolean): Json {
	const view: Json = {
		customerId: entry.customerId,
		transactionId: entry.transactionId ?? '',
		gameballTransactionId: String(entry.gameballTransactionId),
		transactionTime: entry.at,
		type: entry.type,
		direction: entry.direction,
		status: entry.status,
		points: entry.points,
		amount: entry.amount,
		pointsBalanceBefore: entry.balanceBefore,
		pointsBalanceAfter: entry.balanceAfter,
		reason: entry.reason ?? '',
		merchantName: entry.merchantName ?? '',
		branchName: entry.branchName ?? '',
		couponCode: entry.couponCode ?? '',
		couponType: couponTypeOf(account, entry.couponCode),
		isCouponUsed: false,
		expiryDate: '',
		achievementName: entry.achievementName ?? '',
		achievementType: entry.achievedRewardCampaignId ? 'RewardCampaign' : '',
		achievedRewardCampaignId: entry.achievedRewardCampaignId ? String(entry.achievedRewardCampaignId) : '',
		achievedTierId: 0,
	};
	if (customerView) {
		const customer = account.state.customers.get(entry.customerId);
		view.customerName = customer?.displayName ?? '';
		view.customerEmail = customer?.email ?? '';
		view.isCustomerDeleted = !customer;
	}
	return view;
}

export function filterLedger(account: Account, query: URLSearchParams): LedgerEntry[] {
	const customerId = query.get('customerId');
	const direction = query.get('direction');
	const status = query.get('status');
	return account.state.ledgerEntries.filter(
		(entry) =>
			(!customerId || entry.customerId === customerId) &&
			(!direction || entry.direction === direction.trim() || (direction.trim() === '' && entry.direction === '+')) &&
			(!status || entry.status.toLowerCase() === status.toLowerCase()),
	);
}
