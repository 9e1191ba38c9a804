/** Customer endpoints: profile, progress, referrals, activities, tags, notifications. */
import { automationCampaigns, achieveSocialChallenge, campaignsProgress, stampsProgress, streakProgress } from '../domain/campaigns';
import { customerCoupons } from '../domain/coupons';
import {
	balanceView,
	customerDetailsView,
	customerView,
	isValidReferrerCode,
	parseTags,
	setActivation,
	tierProgressView,
	upsertCustomer,
} from '../domain/customers';
import type { Customer } from '../state';
import { API, ok, paging, parseBoolean, type RouteContext, type RouteTable } from './types';

function customerOf(context: RouteContext): Customer {
	return context.account.getCustomer(context.params.customerId);
}

function referralsOf(context: RouteContext, customer: Customer): Customer[] {
	return [...context.state.customers.values()].filter((candidate) => candidate.referredBy === customer.customerId);
}

function isActiveReferral(context: RouteContext, friend: Customer): boolean {
	return context.state.ledgerEntries.some((entry) => entry.customerId === friend.customerId && entry.type === 'PaymentReward');
}

function activitiesOf(context: RouteContext, customer: Customer) {
	const activityType = context.query.get('activityType');
	return context.state.activities.filter((activity) => activity.customerId === customer.customerId && (!activityType || activity.activityType === activityType));
}

function notificationsOf(context: RouteContext, customer: Customer) {
	const isRead = parseBoolean(context.query.get('isRead'));
	return context.state.notifications.filter((notification) => notification.customerId === customer.customerId && (isRead === undefined || notification.isRead === isRead));
}

function localized(notification: { languages: Array<{ local: string; title: string; body: string }> }, lang: string | null) {
	return notification.languages.find((language) => language.local === lang) ?? notification.languages[0];
}

export const customerRoutes: RouteTable = {
	[`POST ${API}/customers`]: (context) => {
		const { customer } = upsertCustomer(context.account, context.body);
		return ok({ gameballId: customer.gameballId });
	},
	[`GET ${API}/customers/{customerId}`]: (context) => ok(customerView(context.account, customerOf(context))),
	[`GET ${API}/customers/{customerId}/details`]: (context) => ok(customerDetailsView(context.account, customerOf(context))),
	[`DELETE ${API}/customers/{customerId}`]: (context) => {
		const customer = context.account.deleteCustomer(context.params.customerId);
		return ok({ success: true, message: `Customer ${customer.customerId} deleted` });
	},
	[`PUT ${API}/customers/{customerId}/activate`]: (context) => ok(setActivation(context.account, customerOf(context), context.body.isActive as boolean)),
	[`GET ${API}/customers/{customerId}/coupons`]: (context) => ok(customerCoupons(context.account, customerOf(context))),
	[`POST ${API}/customers/social-challenges`]: (context) => ok(achieveSocialChallenge(context.account, context.body), 202),
	[`GET ${API}/customers/{customerId}/hash`]: (context) => ok({ hash: context.account.issueHash(customerOf(context)) }),
	[`GET ${API}/referrals/validate`]: (context) =>
		ok({ isValid: isValidReferrerCode(context.account, context.query.get('referrerCode') ?? '', context.query.get('forCustomerId') ?? undefined) }),
	[`GET ${API}/customers/{customerId}/balance`]: (context) => ok(balanceView(context.account, customerOf(context))),
	[`GET ${API}/customers/{customerId}/tier-progress`]: (context) => ok(tierProgressView(context.account, customerOf(context))),
	[`GET ${API}/customers/{customerId}/reward-campaigns-progress`]: (context) => ok(campaignsProgress(context.account, customerOf(context), context.query)),
	[`GET ${API}/customers/{customerId}/referrals`]: (context) => {
		const customer = customerOf(context);
		const { startAfter, limit } = paging(context.query);
		const friends = referralsOf(context, customer).filter((friend) => friend.gameballId > startAfter);
		const page = friends.slice(0, limit);
		return ok({
			count: page.length,
			hasMore: friends.length > page.length,
			referredFriends: page.map((friend) => ({
				customerId: friend.customerId,
				displayName: friend.displayName ?? '',
				email: friend.email ?? '',
				mobileNumber: friend.mobile ?? '',
				joinDate: friend.joinedAt,
				status: isActiveReferral(context, friend) ? 'Active' : 'Pending',
			})),
		});
	},
	[`GET ${API}/customers/{customerId}/referrals/count`]: (context) => {
		const friends = referralsOf(context, customerOf(context));
		const active = friends.filter((friend) => isActiveReferral(context, friend)).length;
		return ok({ count: friends.length, totalActive: active, totalPending: friends.length - active });
	},
	[`GET ${API}/customers/{customerId}/activities`]: (context) => {
		const customer = customerOf(context);
		const { startAfter, limit } = paging(context.query);
		const all = activitiesOf(context, customer).filter((activity) => activity.activityId > startAfter);
		const page = all.slice(0, limit);
		return ok({
			count: page.length,
			hasMore: all.length > page.length,
			activities: page.map((activity) => ({
				activityId: activity.activityId,
				activityType: activity.activityType,
				activityDate: activity.at.slice(0, 10),
				activityDay: new Date(activity.at).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }),
				activityTime: activity.at.slice(11, 19),
				customerId: customer.customerId,
				displayName: customer.displayName ?? null,
				email: customer.email ?? null,
				phoneNumber: customer.mobile ?? null,
				points: activity.points ?? null,
				rewardPoints: activity.points !== undefined && activity.points > 0 ? activity.points : null,
				score: activity.points ?? null,
				transactionId: activity.transactionId ?? null,
				reason: activity.reason ?? null,
				campaignName: activity.campaignName ?? null,
				tierName: activity.tierName ?? null,
				currency: context.state.config.currency,
				isGuest: customer.guest,
				isManualActivity: activity.activityType === 'SuccessfulAction' && Boolean(activity.points),
			})),
		});
	},
	[`GET ${API}/customers/{customerId}/activities/count`]: (context) => ok({ count: activitiesOf(context, customerOf(context)).length }),
	[`GET ${API}/customers/{customerId}/automation`]: (context) => ok(automationCampaigns(context.account, customerOf(context), context.query.get('campaignType'))),
	[`GET ${API}/customers/{customerId}/stamps/{challengeId}`]: (context) => ok(stampsProgress(context.account, customerOf(context), context.params.challengeId)),
	[`GET ${API}/customers/{customerId}/streaks/{campaignId}`]: (context) => ok(streakProgress(context.account, customerOf(context), context.params.campaignId)),
	[`POST ${API}/customers/{customerId}/tags`]: (context) => {
		const customer = customerOf(context);
		const tags = parseTags(context.body.tags);
		for (const tag of tags) if (!customer.tags.includes(tag)) customer.tags.push(tag);
		return ok({ success: true, message: `Tags attached: ${tags.join(', ')}` });
	},
	[`DELETE ${API}/customers/{customerId}/tags`]: (context) => {
		const customer = customerOf(context);
		const tags = parseTags(context.body.tags);
		customer.tags = customer.tags.filter((tag) => !tags.includes(tag));
		return ok({ success: true, message: `Tags removed: ${tags.join(', ')}` });
	},
	[`DELETE ${API}/customers/{customerId}/tags/{tag}`]: (context) => {
		const customer = customerOf(context);
		customer.tags = customer.tags.filter((tag) => tag !== context.params.tag);
		return ok({ success: true, message: `Tag removed: ${context.params.tag}` });
	},
	[`GET ${API}/customers/{customerId}/notifications`]: (context) => {
		const customer = customerOf(context);
		const { startAfter, limit } = paging(context.query);
		const lang = context.query.get('lang');
		const all = notificationsOf(context, customer).filter((notification) => Number(notification.id.replace(/\D/g, '')) > startAfter);
		const page = all.slice(0, limit);
		const last = page[page.length - 1];
		return ok({
			notifications: page.map((notification) => {
				const text = localized(notification, lang);
				return { id: notification.id, title: text.title, body: text.body, isRead: notification.isRead, createdAt: notification.createdAt };
			}),
			nextCursor: all.length > page.length && last ? last.id.replace(/\D/g, '') : null,
		});
	},
	[`GET ${API}/customers/{customerId}/notifications/count`]: (context) => ok({ count: notificationsOf(context, customerOf(context)).length }),
	[`PUT ${API}/customers/{customerId}/notifications/read`]: (context) => {
		const customer = customerOf(context);
		const ids = new Set(context.body.notificationIds as string[]);
		let marked = 0;
		for (const notification of context.state.notifications) {
			if (notification.customerId === customer.customerId && ids.has(notification.id) && !notification.isRead) {
				notification.isRead = true;
				marked += 1;
			}
		}
		return ok({ success: true, message: `${marked} notification(s) marked as read` });
	},
};
