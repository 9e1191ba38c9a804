import type { INodeProperties } from 'n8n-workflow';

import type { GameballOperation, GameballResource } from './operation';

function shownFor(resource: string, operation: string, property: INodeProperties): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	return {
		...property,
		displayOptions: { ...property.displayOptions, show: { ...show, resource: [resource], operation: [operation] } },
	};
}

const listProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** A list whose answer gives no cursor to read on from (paginate.ts reads one page of up to 200). */
const oneLotNotice: INodeProperties = {
	displayName: "Gameball's answer to this list may give no way to read on: then at most 200 records come back, and an execution hint says when there were more",
	name: 'oneLotNotice',
	type: 'notice',
	default: '',
};

const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const batchingProperty: INodeProperties = {
	displayName: 'Batching',
	name: 'batching',
	type: 'collection',
	placeholder: 'Add Batching Option',
	default: {},
	description:
		"Send many items through Gameball's batch API, which needs the credential's Secret Key: one job per 1,000 items instead of one call per item",
	options: [
		{
			displayName: 'Batch Size',
			name: 'size',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 1000,
			description: 'Items per batch job (Gameball accepts at most 1,000)',
		},
		{
			displayName: 'Batch Threshold',
			name: 'threshold',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Smallest number of input items that is sent in batches with Above Threshold (Manual Adjustment never is)',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollSeconds',
			type: 'number',
			typeOptions: { minValue: 0.1 },
			default: 2,
			description: "Longest pause between two reads of a job's status: the first read comes at once, and the pause after it starts at 0.25 s (or this, if shorter) and doubles",
		},
		{
			displayName: 'Send in Batches',
			name: 'mode',
			type: 'options',
			default: 'auto',
			options: [
				{
					name: 'Above Threshold',
					value: 'auto',
					description:
						'Use batches when there are at least "Batch Threshold" items and the credential has a Secret Key (the batch API needs it); otherwise one request per item, as for Manual Adjustment and for items with a field the batch form cannot carry (such as Tags)',
				},
				{
					name: 'Always',
					value: 'always',
					description:
						'Use batches for any number of items; needs the credential\'s Secret Key. Manual Adjustment is batched only here: its batch form has no transaction ID, username or transaction time, so sending the same items again adjusts again, and it sends the Points as the form\'s "amount", which Gameball does not document as points or money (try one customer first).',
				},
				{ name: 'Never', value: 'never', description: 'One request per item, paced to the rate limits' },
			],
		},
		{
			displayName: 'Time Limit (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 600,
			description: 'How long to wait, in all, for the jobs to finish. Items of an unfinished job are reported as errors.',
		},
		{
			displayName: 'Wait for Results',
			name: 'waitForResults',
			type: 'boolean',
			default: true,
			description:
				'Whether to wait for the jobs to finish and output each item\'s result. Off: each item comes out as soon as its job is created, with its job ID and position; Gameball finishes the job on its own, and Batch > Wait Until Finished reads its results later.',
		},
	],
};

function operationProperties(resource: string, operation: GameballOperation): INodeProperties[] {
	const own = [...operation.properties];
	if (operation.list) own.push(...listProperties);
	if (operation.list && !operation.list.cursorKey) own.push(oneLotNotice);
	if (operation.simplify) own.push(simplifyProperty);
	if (operation.batch) own.push(batchingProperty);
	return own.map((property) => shownFor(resource, operation.value, property));
}

/** The node's parameters, built from the resource and operation definitions so that they never drift apart. */
export function buildProperties(resources: GameballResource[]): INodeProperties[] {
	const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value }) => ({ name, value })).sort(byName),
			default: 'customer', // the first resource (test/gameball/description.test.ts)
		},
		...resources.flatMap((resource) => [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options' as const,
				noDataExpression: true,
				displayOptions: { show: { resource: [resource.value] } },
				options: resource.operations
					.map(({ name, value, action }) => ({ name, value, action, description: action }))
					.sort(byName),
				default: resource.operations[0].value,
			},
			...resource.operations.flatMap((operation) => operationProperties(resource.value, operation)),
		]),
	];
}
