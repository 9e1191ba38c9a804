import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { Gameball } from '../../nodes/Gameball/Gameball.node';
import { resources } from '../../nodes/Gameball/actions/resources';

/**
 * The node's parameters are built by factories, which n8n's lint rules cannot read. These checks apply the same
 * conventions to the built description.
 */
const properties = new Gameball().description.properties;

function walk(list: INodeProperties[], visit: (property: INodeProperties, path: string) => void, path = '') {
	for (const property of list) {
		visit(property, `${path}${property.name}`);
		for (const option of property.options ?? []) {
			if ('type' in option) walk([option as INodeProperties], visit, `${path}${property.name}.`);
			else if ('values' in option) walk((option as INodePropertyCollection).values, visit, `${path}${property.name}.`);
		}
	}
}

const all: Array<{ property: INodeProperties; path: string }> = [];
walk(properties, (property, path) => all.push({ property, path }));

describe('Gameball node description', () => {
	it('defaults Resource to the first resource, and its Operation to an operation of that resource', () => {
		const resource = properties.find((property) => property.name === 'resource') as INodeProperties;
		expect(resource.default).toBe(resources[0].value);
		const operation = properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.default as string),
		) as INodeProperties;
		expect(resources[0].operations.map(({ value }) => value)).toContain(operation.default);
	});

	it('gives every parameter a default', () => {
		expect(all.filter(({ property }) => property.default === undefined).map(({ path }) => path)).toEqual([]);
	});

	it('sorts option lists and collection fields by name', () => {
		const unsorted = all
			.filter(({ property }) => ['options', 'multiOptions', 'collection', 'fixedCollection'].includes(property.type))
			.filter(({ property }) => {
				const names = (property.options ?? []).map((option) => ('type' in option ? option.displayName : option.name));
				return names.some((name, i) => i > 0 && names[i - 1].localeCompare(name) > 0);
			})
			.map(({ path }) => path);
		expect(unsorted).toEqual([]);
	});

	it('starts boolean descriptions with "Whether"', () => {
		const wrong = all
			.filter(({ property }) => property.type === 'boolean' && property.description && !property.description.startsWith('Whether'))
			.map(({ path }) => path);
		expect(wrong).toEqual([]);
	});

	it('names dropdowns loaded from the account "Name or ID" and explains expressions', () => {
		const wrong = all
			.filter(({ property }) => property.typeOptions?.loadOptionsMethod)
			.filter(({ property }) => !property.displayName.endsWith('Name or ID') || !property.description?.includes('expression'))
			.map(({ path }) => path);
		expect(wrong).toEqual([]);
	});

	it('writes display names in title case (a notice is a sentence)', () => {
		const small = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
		const wrong = all
			.filter(({ property }) => property.type !== 'notice')
			.filter(({ property }) =>
				property.displayName
					.replace(/\(.*?\)/g, '')
					.split(/\s+/)
					.filter(Boolean)
					.some((word, i) => i > 0 && !small.has(word) && /^[a-z]/.test(word)),
			)
			.map(({ path, property }) => `${path}: ${property.displayName}`);
		expect(wrong).toEqual([]);
	});

	it('gives every operation an action sentence for the actions panel and AI agents', () => {
		const operations = properties.filter((property) => property.name === 'operation');
		for (const operation of operations) {
			for (const option of operation.options as INodePropertyOptions[]) expect(option.action).toMatch(/^[A-Z]/);
		}
		expect(new Gameball().description.usableAsTool).toBe(true);
	});

	it('tells an AI agent what Get Details and Get Many (Customer View) return, as the OpenAPI response says', () => {
		const action = (resource: string, value: string) =>
			resources.find((candidate) => candidate.value === resource)?.operations.find((operation) => operation.value === value)?.action ?? '';
		// `/details` answers personal details (CustomerDetailsResponse): no balance, no tier.
		const details = action('customer', 'getDetails');
		expect(details).toMatch(/personal details/);
		expect(details).toMatch(/email/);
		expect(details).not.toMatch(/balance|tier/i);
		// `/customer-view` is transactions, each with the customer's name, email and deletion status.
		const customerView = action('transaction', 'customerView');
		expect(customerView).toMatch(/transactions.*customer name, email and whether the customer was deleted/);
		expect(customerView).not.toMatch(/sees/);
	});

	it('tells an AI agent that validating a coupon with Lock on reserves it (a side effect, not only a check)', () => {
		const actionOf = (value: string) => resources.find(({ value: resource }) => resource === 'coupon')?.operations.find((operation) => operation.value === value)?.action;
		expect(actionOf('validate')).toMatch(/reserving it when Lock is on/);
		expect(actionOf('validateMany')).toMatch(/reserving them when Lock is on/);
	});

	it('tells an AI agent what the parameters that need explaining take: expansions, the hash, campaign IDs, filters', () => {
		/** A parameter of one operation: `name`, or `collection.name` for a field of a collection. */
		const parameterOf = (resource: string, operation: string, path: string) => {
			const [head, field] = path.split('.');
			const owner = properties.find(
				({ name, displayOptions }) => name === head && displayOptions?.show?.resource?.includes(resource) && displayOptions.show.operation?.includes(operation),
			);
			return field ? (owner?.options as INodeProperties[] | undefined)?.find(({ name }) => name === field) : owner;
		};
		const descriptionOf = (resource: string, operation: string, path: string) => {
			const parameter = parameterOf(resource, operation, path);
			expect(parameter).toBeDefined();
			return parameter?.description;
		};
		expect(descriptionOf('customer', 'getBalance', 'filters.expand')).toBe('Comma-separated expansions: tier, referrals');
		expect(descriptionOf('customer', 'getTierProgress', 'filters.expand')).toBe('Comma-separated expansions: tier, referrals');
		expect(descriptionOf('transaction', 'redeem', 'additionalFields.hash')).toMatch(/Customer > Get Hash/);
		expect(descriptionOf('transaction', 'hold', 'additionalFields.hash')).toMatch(/Customer > Get Hash/);
		expect(descriptionOf('customer', 'achieveSocialChallenge', 'challengeId')).toMatch(/^The Social Activities campaign to award \(the list holds every campaign, each with its type\)\. Choose from the list/);
		expect(descriptionOf('customer', 'removeTag', 'tag')).toMatch(/^The tag to take off/);
		expect(descriptionOf('customer', 'validateReferralCode', 'referrerCode')).toMatch(/^The referral code to check/);
		for (const operation of ['list', 'customerView', 'count']) {
			for (const filter of ['customerId', 'direction', 'status']) expect(descriptionOf('transaction', operation, `filters.${filter}`)).toMatch(/^Only /);
		}
	});

	it('says what the OpenAPI document backs: cashback quotes apply the tier only, and Reverse Transactions is undocumented', () => {
		const operation = (resource: string, value: string) =>
			resources.find((candidate) => candidate.value === resource)?.operations.find((candidate) => candidate.value === value);
		const customerIdOf = (resource: string, value: string) =>
			(operation(resource, value)?.properties.find(({ name }) => name === 'additionalFields')?.options as INodeProperties[] | undefined)?.find(
				({ name }) => name === 'customerId',
			)?.description;
		expect(customerIdOf('order', 'calculateCashback')).toBe('The customer, to apply their tier');
		expect(customerIdOf('payment', 'calculateCashback')).toBe('The customer, to apply their tier');
		expect(customerIdOf('order', 'previewRewards')).toBe('The customer, to apply their tier and campaigns');
		const [notice] = operation('order', 'reverseTransactions')?.properties ?? [];
		expect(notice).toMatchObject({ type: 'notice', displayName: expect.stringContaining('not from Gameball') });
	});

	it('names the points or rewards at stake in every action that moves them, which is what an AI agent reads', () => {
		const moving = resources.flatMap((resource) =>
			resource.operations.filter((operation) => operation.movesMoney || operation.value === 'createJob').map((operation) => `${resource.value}.${operation.value}: ${operation.action}`),
		);
		expect(moving.length).toBeGreaterThan(10);
		expect(moving.filter((line) => !/points|rewards?\b|cashback|coupons?\b|transactions of an order/i.test(line.split(': ')[1]))).toEqual([]);
		expect(moving).toContain('batch.createJob: Create a batch job of up to 1,000 entries, which can move points (adjustments, cashback, redeems, orders, events)');
		expect(moving.join('\n')).not.toMatch(/by hand/);
	});

	it("describes Refund's Transaction Time as the refunded transaction's, as the OpenAPI document does", () => {
		const refund = resources.find(({ value }) => value === 'transaction')?.operations.find(({ value }) => value === 'refund');
		const time = refund?.properties.find(({ name }) => name === 'transactionTime');
		expect(time?.description).toMatch(/refunded \(original\) transaction/);
		expect(time?.description).not.toMatch(/Leave empty|current time|now/);
		expect(time?.required).toBe(true);
	});
});
