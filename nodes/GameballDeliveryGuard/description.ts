import type { INodeProperties } from 'n8n-workflow';

import { noticeParam, optionsCollection, positiveNumberOption } from '../GameballTrigger/sharedProperties';

/** Defaults of the numeric options (the parameters below repeat them as literals, as the linter asks). */
export const GUARD_DEFAULTS = {
	historySize: 10000,
	lockTimeoutSeconds: 60,
	/** A queue of live executions, each holding the lock for one check, must not look like a crash. */
	minLockTimeoutSeconds: 10,
	customerMemorySize: 10000,
} as const;

export type GuardOperation = 'dropDuplicates' | 'trackChanges';

const dropOnly = { show: { operation: ['dropDuplicates'] } };
const trackOnly = { show: { operation: ['trackChanges'] } };

export const guardProperties: INodeProperties[] = [
	{
		displayName:
			"As an AI agent tool, Drop Duplicate Deliveries records the delivery IDs the agent gives it in this workflow's real delivery history: a later delivery with such an ID is dropped",
		name: 'toolNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@tool': [true], operation: ['dropDuplicates'] } },
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Drop Duplicate Deliveries',
				value: 'dropDuplicates',
				description:
					'Keep only items whose delivery was never processed before by this workflow (stored in n8n\'s database)',
				action: 'Drop duplicate deliveries',
			},
			{
				name: 'Track Tier and Points Changes',
				value: 'trackChanges',
				description:
					'Derive Tier Changed and Points Changed items from each customer\'s previous profile update',
				action: 'Track tier and points changes',
			},
		],
		default: 'dropDuplicates',
	},
	noticeParam(
		'dropNotice',
		'Put this node right after the Gameball Trigger. It keeps the deduplication history in n8n\'s database, so retries are dropped across webhook processors, workers and restarts (queue mode). In queue mode, turn the trigger\'s Deduplicate Retries off: it records a delivery before n8n queues its run. Use one Drop per workflow: two share the history but not its lock.',
		dropOnly,
	),
	noticeParam(
		'trackNotice',
		'Needs the trigger\'s Profile Updated items: it derives tier and points changes from them and drops the trigger\'s own. Customer profiles are remembered in this workflow\'s static data. n8n keeps it on a single instance, but in queue mode workers do not share it safely: there this node warns and derives nothing (on n8n 1.x, once it notices another worker\'s writes). See https://github.com/n8n-nodes-gameball/n8n-nodes-gameball/blob/main/docs/queue-mode.md.',
		trackOnly,
	),
	{
		displayName: 'Delivery ID',
		name: 'deliveryId',
		type: 'string',
		default: '={{ $json.deliveryId }}',
		required: true,
		description:
			'The idempotency key of each item. The Gameball Trigger\'s deliveryId is a digest of the signed body, the same for a retry (for an automation campaign call, of its method, query and body: the same call made twice is dropped too). Items with the same key in one run are kept or dropped together.',
		displayOptions: dropOnly,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		noDataExpression: true,
		options: [
			{
				name: 'Points Changed',
				value: 'pointsChanged',
				description: 'Add a gameball.points.changed item when activated or total points moved',
			},
			{
				name: 'Tier Changed',
				value: 'tierChanged',
				description: 'Add a gameball.tier.changed item when the customer moved to another tier',
			},
		],
		default: ['tierChanged', 'pointsChanged'],
		description: 'Which derived items to add after each profile update (none selected: both, as in the trigger)',
		displayOptions: trackOnly,
	},
	optionsCollection([
		positiveNumberOption(
			'Customer Memory Size',
			'customerMemorySize',
			10000,
			'How many of the most recently seen customers\' last profile are always remembered (up to twice as many are kept; older ones are forgotten in bulk)',
			{ show: { '/operation': ['trackChanges'] } },
		),
		positiveNumberOption(
			'History Size',
			'historySize',
			10000,
			'How many delivery IDs to remember (oldest are forgotten first). Gameball retries for about 85 minutes, so keep more than the deliveries of 2 hours.',
			{ show: { '/operation': ['dropDuplicates'] } },
		),
		{
			displayName: 'Keep Input Items',
			name: 'keepInput',
			type: 'boolean',
			default: true,
			description:
				'Whether to pass the input items on (profile items with "changes" recomputed; the trigger\'s own tier and points items are replaced by this node\'s). Off, only this node\'s tier and points items come out: notifications and other items are dropped too.',
			displayOptions: { show: { '/operation': ['trackChanges'] } },
		},
		{
			displayName: 'Lock Timeout (Seconds)',
			name: 'lockTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 10 },
			default: 60,
			description:
				'How long to wait for the lock (at least 10). After that it is taken as left behind by a crashed process and is broken once; if the lock still cannot be taken by twice this time, the node fails and records nothing. The time counts from when this execution began to wait, so keep it well above how long a queue of executions can hold the lock in turn (each holds it for one check).',
			displayOptions: { show: { '/operation': ['dropDuplicates'] } },
		},
	]),
];
