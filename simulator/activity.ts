/**
 * A realistic stream of loyalty activity, applied in-process through the simulator's own domain layer:
 * sign-ups (some referred), orders, cashback, redemptions, events, refunds, notifications; tiers move as
 * points accumulate, and every profile change sends its webhook like an API call would.
 */
import { sendEvents } from './domain/campaigns';
import { upsertCustomer } from './domain/customers';
import { cashback, redeem, refund, trackOrder } from './domain/transactions';
import { GameballError } from './errors';
import type { Simulator } from './index';
import type { Customer } from './state';

export interface PlayOptions {
	/** Time between actions. Default 1000 ms. */
	intervalMs?: number;
	/** How many customers to grow to. Default 20. */
	customers?: number;
	/** Called with one line per action. */
	log?: (line: string) => void;
	/** Deterministic runs: a function returning numbers in [0, 1). Default Math.random. */
	random?: () => number;
}

export interface ActivityPlayer {
	stop(): void;
	/** Actions applied so far (failed ones included). */
	readonly actions: number;
	/** Applies one action now; returns its description. */
	step(): string;
}

const FIRST_NAMES = ['Nour', 'Omar', 'Lina', 'Youssef', 'Maya', 'Karim', 'Sara', 'Adam', 'Hana', 'Ziad', 'Laila', 'Tarek', 'Mona', 'Ali', 'Farah', 'Sami'];
const LAST_NAMES = ['Haddad', 'Mansour', 'Saleh', 'Khalil', 'Farouk', 'Nasser', 'Aziz', 'Hamdy', 'Fawzy', 'Rashed'];
const PRODUCTS = [
	{ productId: 'SKU-COFFEE', title: 'Single-origin coffee', price: 14 },
	{ productId: 'SKU-MUG', title: 'Ceramic mug', price: 22 },
	{ productId: 'SKU-GRINDER', title: 'Hand grinder', price: 89 },
	{ productId: 'SKU-KETTLE', title: 'Gooseneck kettle', price: 120 },
	{ productId: 'SKU-BEANS', title: 'House blend beans 1kg', price: 38 },
];
const EVENTS = ['write_review', 'subscribe_newsletter', 'purchase_coffee', 'daily_check_in', 'share_wishlist'];

export function playActivity(sim: Simulator, options: PlayOptions = {}): ActivityPlayer {
	const { account, timers } = sim.internals;
	const intervalMs = options.intervalMs ?? 1000;
	const target = options.customers ?? 20;
	const random = options.random ?? Math.random;
	const log = options.log ?? (() => undefined);
	let actions = 0;
	let sequence = 0;
	let stopped = false;
	let handle: NodeJS.Timeout | undefined;

	const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
	const now = () => new Date().toISOString();
	const customers = (): Customer[] => [...account.state.customers.values()];

	const actionsTable: Array<{ weight: number; run: () => string }> = [
		{ weight: 3, run: () => signUp() },
		{ weight: 5, run: () => order() },
		{ weight: 2, run: () => directCashback() },
		{ weight: 2, run: () => redemption() },
		{ weight: 3, run: () => event() },
		{ weight: 1, run: () => refundLastOrder() },
		{ weight: 1, run: () => notification() },
	];

	function signUp(): string {
		const first = pick(FIRST_NAMES);
		const last = pick(LAST_NAMES);
		sequence += 1;
		const customerId = `cust-${first.toLowerCase()}-${sequence}-${Math.floor(random() * 1e4)}`;
		const existing = customers();
		const referrer = existing.length > 0 && random() < 0.3 ? pick(existing) : undefined;
		upsertCustomer(account, {
			customerId,
			email: `${first.toLowerCase()}.${last.toLowerCase()}${sequence}@example.com`,
			mobile: `+2010${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
			referrerCode: referrer?.referralCode,
			customerAttributes: { displayName: `${first} ${last}`, firstName: first, lastName: last, country: 'EG', channel: pick(['web', 'mobile', 'pos']) },
		});
		return `sign-up ${customerId}${referrer ? ` referred by ${referrer.customerId}` : ''}`;
	}

	function someCustomer(): Customer | undefined {
		const all = customers();
		return all.length > 0 ? pick(all) : undefined;
	}

	function order(): string {
		const customer = someCustomer();
		if (!customer) return signUp();
		const lineItems = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
			const product = pick(PRODUCTS);
			return { productId: product.productId, title: product.title, price: product.price, quantity: 1 + Math.floor(random() * 2) };
		});
		const totalPaid = lineItems.reduce((total, item) => total + item.price * item.quantity, 0);
		sequence += 1;
		const orderId = `ORD-${Date.now()}-${sequence}`;
		const result = trackOrder(account, { customerId: customer.customerId, orderId, orderDate: now(), totalPaid, lineItems, cashbackConfigurations: random() < 0.2 ? { returnWindow: 14 } : undefined });
		return `order ${orderId} by ${customer.customerId}: paid ${totalPaid}, earned ${String(result.rewardedPoints)}`;
	}

	function directCashback(): string {
		const customer = someCustomer();
		if (!customer) return signUp();
		sequence += 1;
		const amount = 5 + Math.floor(random() * 150);
		cashback(account, { customerId: customer.customerId, transactionId: `CB-${Date.now()}-${sequence}`, transactionTime: now(), amount });
		return `cashback ${amount} for ${customer.customerId}`;
	}

	function redemption(): string {
		const candidates = customers().filter((customer) => account.availablePoints(customer) >= 20);
		if (candidates.length === 0) return order();
		const customer = pick(candidates);
		const points = 10 * Math.max(1, Math.floor((random() * account.availablePoints(customer)) / 20));
		sequence += 1;
		redeem(account, { customerId: customer.customerId, transactionId: `RDM-${Date.now()}-${sequence}`, transactionTime: now(), points });
		return `redeem ${points} points by ${customer.customerId}`;
	}

	function event(): string {
		const customer = someCustomer();
		if (!customer) return signUp();
		const name = pick(EVENTS);
		sendEvents(account, { customerId: customer.customerId, events: { [name]: { source: 'activity-player' } } });
		return `event ${name} by ${customer.customerId}`;
	}

	function refundLastOrder(): string {
		const orders = [...account.state.orders.values()].filter((record) => !record.reversed && account.state.customers.has(record.customerId));
		const last = orders[orders.length - 1];
		if (!last) return order();
		sequence += 1;
		const refundAmount = Math.max(1, Math.round(last.totalPaid * 0.3));
		refund(account, { customerId: last.customerId, refundTransactionId: `RF-${Date.now()}-${sequence}`, reverseTransactionId: last.orderId, transactionTime: now(), refundAmount });
		return `partial refund ${refundAmount} of ${last.orderId}`;
	}

	function notification(): string {
		const customer = someCustomer();
		if (!customer) return signUp();
		account.notify(customer, [
			{ local: 'en', title: 'Double points weekend', body: 'Earn 2x points on every order this weekend.', icon: 'https://cdn.gameball.co/uploads/gb-library/notifications/promo.webp' },
			{ local: 'ar', title: 'نقاط مضاعفة', body: 'اكسب ضعف النقاط على كل طلب هذا الأسبوع.', icon: 'https://cdn.gameball.co/uploads/gb-library/notifications/promo.webp' },
		]);
		return `notification to ${customer.customerId}`;
	}

	function step(): string {
		actions += 1;
		const table = customers().length < Math.min(3, target) ? [actionsTable[0]] : actionsTable.filter((action, index) => index !== 0 || customers().length < target);
		const total = table.reduce((sum, action) => sum + action.weight, 0);
		let roll = random() * total;
		const chosen = table.find((action) => (roll -= action.weight) < 0) ?? table[table.length - 1];
		let line: string;
		try {
			line = chosen.run();
		} catch (error) {
			line = `action failed: ${error instanceof GameballError ? `${error.code} ${error.message}` : String(error)}`;
		}
		log(line);
		return line;
	}

	function schedule(): void {
		if (stopped) return;
		handle = timers.after(intervalMs, () => {
			step();
			schedule();
		});
	}

	schedule();
	return {
		stop() {
			stopped = true;
			timers.cancel(handle);
		},
		get actions() {
			return actions;
		},
		step,
	};
}
