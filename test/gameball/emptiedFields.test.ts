// Fields an expression emptied, or that would reach Gameball other than as given: refused per item, before sending.
import type { INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { GameballCredentials } from '../harness/gameball';
import { runGameball, simulatorFor } from '../harness/gameball';

let sim: Simulator;
let credentials: GameballCredentials;

beforeAll(async () => {
	({ sim, credentials } = await simulatorFor());
	await runGameball(credentials, { resource: 'customer', operation: 'createOrUpdate', customerId: 'c1' });
});
afterAll(async () => await sim.stop());

const lastRequest = () => sim.requests[sim.requests.length - 1];

/** The error of running the node once with `parameters`, and whether it sent anything. */
async function refusal(parameters: INodeParameters) {
	const before = sim.requests.length;
	const { error } = await runGameball(credentials, parameters);
	return { message: error?.message, sent: sim.requests.length > before };
}

describe('A filter added but emptied by its expression is refused: the read would answer for everyone', () => {
	it.each([
		[{ resource: 'customer', operation: 'countActivities', customerId: 'c1', filters: { activityType: '={{ "" }}' } }, 'Activity Type'],
		[{ resource: 'customer', operation: 'countNotifications', customerId: 'c1', filters: { isRead: '={{ "" }}' } }, 'Is Read'],
		[{ resource: 'customer', operation: 'getCampaignsProgress', customerId: 'c1', filters: { campaignId: '={{ "" }}' } }, 'Campaign Name or ID'],
		[{ resource: 'configuration', operation: 'getRedemptionRules', filters: { customerId: '={{ $json.missing }}' } }, 'Customer ID'],
		[{ resource: 'configuration', operation: 'getRewardCampaigns', filters: { productSku: '={{ "" }}' } }, 'Product SKU'],
		[{ resource: 'leaderboard', operation: 'get', filters: { customerTag: '={{ "" }}' } }, 'Customer Tag'],
	])('%j', async (parameters, field) => {
		expect(await refusal(parameters)).toEqual({ message: `"${field}" is empty: to read without it, remove it from "Filters"`, sent: false });
	});

	it('reads as before with the filter set, and with an emptied language (no filter: the account language)', async () => {
		expect(await refusal({ resource: 'leaderboard', operation: 'get', filters: { customerTag: 'vip' } })).toEqual({ message: undefined, sent: true });
		expect(lastRequest().query).toMatchObject({ customerTag: 'vip' });
		const language = await refusal({ resource: 'customer', operation: 'countNotifications', customerId: 'c1', filters: { isRead: false, lang: '={{ "" }}' } });
		expect(language).toEqual({ message: undefined, sent: true });
	});

	it('refuses Burn with Coupon Codes emptied beside a Lock Reference (it would burn every coupon of the lock)', async () => {
		const burn = await refusal({ resource: 'coupon', operation: 'burn', customerId: 'c1', additionalFields: { coupons: '={{ "" }}', lockReference: 'L1' } });
		expect(burn.message).toMatch(/^"Coupon Codes" is empty\. Without it, Gameball burns every coupon locked under the Lock Reference/);
		expect(burn.sent).toBe(false);
	});
});

describe('Events are sent as named, or refused', () => {
	const send = (fields: INodeParameters) => refusal({ resource: 'event', operation: 'send', customerId: 'c1', ...fields });

	it('refuses metadata without an Event Name, as when its expression gave nothing beside More Events (the event would be lost)', async () => {
		expect(await send({ eventName: '={{ $json.missing }}', metadata: '{"rating": 5}', moreEvents: '{"other": {}}' })).toEqual({
			message: '"Metadata (JSON)" is set but "Event Name" is empty',
			sent: false,
		});
		expect(await send({ eventName: '', metadata: '{"rating": 5}', moreEvents: '{"other": {}}' })).toEqual({
			message: '"Metadata (JSON)" is set but "Event Name" is empty',
			sent: false,
		});
	});

	it('trims More Events names as Event Name is: a blank one, or one given twice once trimmed, is refused', async () => {
		expect(await send({ eventName: '', moreEvents: '{"": {"x": 1}}' })).toEqual({ message: '"More Events (JSON)" names an event with a blank name', sent: false });
		expect(await send({ eventName: 'purchase', moreEvents: '{" purchase ": {"x": 1}}' })).toEqual({
			message: 'The event "purchase" is given twice: as Event Name and in More Events (JSON). Give it once.',
			sent: false,
		});
		expect(await send({ eventName: '', moreEvents: '{"a": {}, " a": {}}' })).toEqual({ message: '"More Events (JSON)" gives the event "a" twice. Give it once.', sent: false });
		expect(await send({ eventName: 'login', moreEvents: '{" review ": {"rating": 4}}' })).toEqual({ message: undefined, sent: true });
		expect(lastRequest().body).toEqual({ customerId: 'c1', events: { review: { rating: 4 }, login: {} } });
	});
});

describe('Values Gameball would read otherwise are refused by name', () => {
	it('Update Coupon Settings: counts and days at least 0 or 1, and the default expiry not past the maximum', async () => {
		const settings = (additionalFields: INodeParameters) => refusal({ resource: 'configuration', operation: 'updateCouponSettings', additionalFields });
		expect(await settings({ maximumCoupons: -3 })).toEqual({ message: '"Maximum Coupons" must be at least 0 (got -3)', sent: false });
		expect(await settings({ defaultExpiryDays: '-1' })).toEqual({ message: '"Default Expiry (Days)" must be at least 1 (got -1)', sent: false });
		expect(await settings({ maxExpiryDays: 0 })).toEqual({ message: '"Maximum Expiry (Days)" must be at least 1 (got 0)', sent: false });
		expect(await settings({ defaultExpiryDays: 400, maxExpiryDays: 365 })).toEqual({
			message: '"Default Expiry (Days)" (400) is more than "Maximum Expiry (Days)" (365)',
			sent: false,
		});
		expect(await settings({ maximumCoupons: '3', defaultExpiryDays: 30, maxExpiryDays: 365 })).toEqual({ message: undefined, sent: true });
		expect(lastRequest().body).toEqual({ maximumCoupons: 3, expirationSettings: { defaultExpiryDays: 30, maxExpiryDays: 365 } });
	});

	it('a whole-number ID past 2^53 (it would be sent as another number)', async () => {
		expect(await refusal({ resource: 'customer', operation: 'getStampsProgress', customerId: 'c1', challengeId: '99999999999999999999' })).toEqual({
			message: '"Challenge Name or ID" is too large to send exactly (got 99999999999999999999)',
			sent: false,
		});
	});

	it("the Leaderboard's From after its To (the period would rank nobody)", async () => {
		expect(await refusal({ resource: 'leaderboard', operation: 'get', filters: { from: '2026-12-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } })).toEqual({
			message: '"From" (2026-12-01T00:00:00.000Z) is after "To" (2026-01-01T00:00:00.000Z)',
			sent: false,
		});
	});

	it('a tag holding a comma (Gameball takes the tags as one comma-separated text), in Add Tags and Create or Update', async () => {
		const message = 'The tag "a,b" holds a comma: Gameball reads the tags as one comma-separated text, so it would be two tags';
		expect(await refusal({ resource: 'customer', operation: 'addTags', customerId: 'c1', tags: '["a,b", "c"]' })).toEqual({ message, sent: false });
		expect(await refusal({ resource: 'customer', operation: 'createOrUpdate', customerId: 'c1', additionalFields: { tags: '["a,b", "c"]' } })).toEqual({ message, sent: false });
	});

	it('Coupon Mapping: the four coupon types Gameball lists, each named by non-blank text (a number as its text)', async () => {
		const integration = (couponMapping: string) =>
			refusal({ resource: 'configuration', operation: 'updateCouponIntegration', method: 'POST', url: 'https://shop.example/coupons', additionalFields: { couponMapping } });
		expect(await integration('{"fixedRate": "fixed_amount"}')).toEqual({
			message: '"Coupon Mapping (JSON) › fixedRate" is not a field Gameball takes here: it takes fixed, freeProduct, freeShipping, percentage',
			sent: false,
		});
		expect(await integration('{"percentage": " "}')).toEqual({
			message: '"Coupon Mapping (JSON) › percentage" must be your name for the coupon type as text (got " ")',
			sent: false,
		});
		expect(await integration('{"fixed": 1, "percentage": " percent "}')).toEqual({ message: undefined, sent: true });
		expect(lastRequest().body).toMatchObject({ couponMapping: { fixed: '1', percentage: 'percent' } });
	});
});
