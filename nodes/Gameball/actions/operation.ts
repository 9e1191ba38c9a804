import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchEntry, BatchKind, Endpoint, GameballRequest, ListSpec } from '../transport/endpoint';
import type { DoneByEarlierAttempt } from '../transport/request';
import { pathValueProblem } from '../transport/endpoint';
import { refuse } from '../../parameters';
import { findTooLong } from './stringLimits';

export type { BatchEntry, BatchKind, Endpoint, GameballRequest, ListSpec };

export interface GameballOperation {
	/** Internal value, e.g. `createOrUpdate`. */
	value: string;
	/** Dropdown name, e.g. `Create or Update`. */
	name: string;
	/** Sentence shown in the actions panel and to AI agents. */
	action: string;
	endpoint: Endpoint;
	/** Other endpoints the operation may call, chosen by a parameter (e.g. the batch kind). */
	otherEndpoints?: Endpoint[];
	/** Parameters of this operation; the resource adds the display options. */
	properties: INodeProperties[];
	build: (this: IExecuteFunctions, itemIndex: number) => GameballRequest | Promise<GameballRequest>;
	/** For operations made of several calls (e.g. waiting for a batch): runs them through the transport itself. */
	run?: (this: IExecuteFunctions, request: GameballRequest, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	/**
	 * Names the body field that makes a retry safe (`transactionId`, `orderId`...). Money-moving POSTs are retried
	 * only when it is set, and a duplicate answer on a retry means "already applied".
	 */
	idempotencyKey?: string;
	/**
	 * What the items before the one that stops the node already did at Gameball, when a re-run would do it again (the
	 * batch jobs they created): added to the error. `earlier` are their output items.
	 */
	describeEarlier?: (earlier: INodeExecutionData[]) => string | undefined;
	/**
	 * A POST that changes nothing at Gameball (a preview, a calculation, a check): repeating it is harmless, and an
	 * unclear failure applied nothing. A function says it per request (Validate changes nothing without Lock).
	 */
	changesNothing?: boolean | ((request: GameballRequest) => boolean);
	/** Moves points or money: never repeated blindly after an ambiguous failure. */
	movesMoney?: boolean;
	/**
	 * Requests that a repeat could apply twice though they move no money (`what`: "a new lock"): retried as if they
	 * did. The idempotency key, when set, still makes a repeat safe.
	 */
	unsafeToRepeat?: { what: string; applies: (request: GameballRequest) => boolean };
	/**
	 * A write that a retry may meet already done by an earlier attempt whose answer was lost (Delete Customer: "no such
	 * customer"): how to tell, and what the item says then. The item is an `alreadyApplied` one, not a failure.
	 */
	doneByEarlierAttempt?: DoneByEarlierAttempt;
	/** Fields Gameball takes exactly one of: an item that sets none, or two, is refused before anything is sent. */
	onlyOneOf?: string[];
	list?: ListSpec;
	/**
	 * The answer wraps one list, and its other fields only count it (`{ count, transactions: [...] }`): one item per
	 * entry, none for an empty list. `tag` adds values of the request that the entries lack (an order's ID).
	 */
	entries?: { key: string; tag?: (request: GameballRequest) => IDataObject };
	/**
	 * A single call's success answer that says Gameball did nothing (its program switched off): the reason, and the
	 * item fails with it rather than reading as done. Lists, `run` and batch jobs do not read it.
	 */
	didNothing?: (answer: IDataObject) => string | undefined;
	/** Offers a "Simplify" toggle (on by default) that reduces each record to its most used fields. */
	simplify?: (record: IDataObject) => IDataObject;
	/** Operations that Gameball's batch API can also perform: how one built request becomes one batch item. */
	batch?: {
		kind: BatchKind;
		toItem: (request: GameballRequest) => BatchEntry;
		/** Body or query fields the batch form cannot carry: an item that sets one is not sent through a batch job. */
		drops?: string[];
		/**
		 * The batch form has no transaction ID, so sending the same items again applies them again: batched only when
		 * Send in Batches is "Always", never by the threshold.
		 */
		keyless?: boolean;
		/**
		 * A read: the fields of its answer. The OpenAPI document gives batch results no schema, so a job's result
		 * for an item with none of them is read again with a single call rather than given out as an empty success.
		 */
		answeredBy?: string[];
	};
}

/** The operations of one resource, in dropdown order. */
export interface GameballResource {
	value: string;
	name: string;
	operations: GameballOperation[];
}

/** A parameter's name as the user sees it, or its internal name when it has none. */
export function displayNameOf(properties: INodeProperties[], name: string): string {
	return properties.find((property) => property.name === name)?.displayName ?? name;
}

/** A field as the user sees it: a parameter of the operation, or an entry of one of its collections. */
export function labelOf(operation: GameballOperation, field: string): string {
	const options = operation.properties.flatMap((property) => (property.type === 'collection' ? ((property.options as INodeProperties[] | undefined) ?? []) : []));
	return displayNameOf([...operation.properties, ...options], field);
}

/** The operation's request for one item; a blank or dot-segment path parameter stops the item, named as its field is. */
export async function buildRequest(this: IExecuteFunctions, operation: GameballOperation, itemIndex: number): Promise<GameballRequest> {
	const request = await operation.build.call(this, itemIndex);
	for (const [, name] of operation.endpoint.matchAll(/\{(\w+)\}/g)) {
		const problem = pathValueProblem(request.pathParams?.[name]);
		if (problem) refuse(this, `"${displayNameOf(operation.properties, name)}" ${problem}`, itemIndex);
	}
	const tooLong = findTooLong(operation.endpoint, request);
	if (tooLong) {
		const { field, limit, length } = tooLong;
		refuse(this, `"${labelOf(operation, field)}" is ${length} characters long: Gameball takes at most ${limit}`, itemIndex, 'Nothing was sent to Gameball.');
	}
	return request;
}
