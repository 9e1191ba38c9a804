import type { GameballOperation } from '../operation';
import { eventProperties, readEvents } from '../../helpers/events';
import { customerIdParam, readRequiredString } from '../../helpers/fields';

export const send: GameballOperation = {
	value: 'send',
	name: 'Send',
	action: 'Send an event for a customer, which can earn them rewards',
	endpoint: 'POST /events',
	properties: [customerIdParam, ...eventProperties],
	build(itemIndex) {
		return { body: { customerId: readRequiredString(this, customerIdParam, itemIndex), events: readEvents(this, itemIndex) } };
	},
	// Events can earn rewards: a blind repeat could reward twice.
	movesMoney: true,
	batch: { kind: 'events', toItem: (request) => request.body ?? {} },
};
