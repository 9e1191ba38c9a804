// What scenarios 14 and 15 share: a CRM example run against its fake CRM, with the simulator delivering to the
// example's Gameball Trigger.
import type { Simulator } from '../../simulator';
import { createCustomer, playOnce, rewardCashback, startRunSimulator } from './simulator';
import type { RunContext } from './support';

/**
 * For the describe block that calls it: before its tests, starts the fake CRM on the run's port for `example` and a
 * simulator delivering to the example's trigger; after them, stops both. `run` plays one simulator action and
 * answers the status and error of the one execution it started.
 */
export function crmExampleRun<Contact, Fake extends { stop(): Promise<void>; contacts: Map<string, Contact> }>(
	context: RunContext,
	example: 'zoho' | 'salesforce',
	startFake: (port: number, token: string) => Promise<Fake>,
) {
	let sim: Simulator | undefined;
	let fake: Fake | undefined;
	beforeAll(async () => {
		fake = await startFake(context.crmFakePorts[example] as number, context.crmFakeToken);
		sim = await startRunSimulator(context, [context.triggerUrls[`${example}Example`]], { autoNotifications: false });
	});
	afterAll(async () => {
		await sim?.stop();
		await fake?.stop();
	});
	const run = (action: (sim: Simulator) => Promise<unknown>) =>
		playOnce(context, sim as Simulator, context.workflowIds[`${example}Example`], () => action(sim as Simulator));
	return {
		get fake(): Fake {
			return fake as Fake;
		},
		run,
		/** The fake's one contact (of those `where` picks, when given); fails the test when there are none or more. */
		onlyContact(where: (contact: Contact) => boolean = () => true): Contact {
			const contacts = [...(fake as Fake).contacts.values()].filter(where);
			expect(contacts).toHaveLength(1);
			return contacts[0];
		},
		/** A customer created without an email, then rewarded up to Silver: both executions' outcomes. */
		playWithoutEmail: async (customerId: string) => [
			...(await run((simulator) => createCustomer(simulator, customerId, { withEmail: false }))),
			...(await run((simulator) => rewardCashback(simulator, customerId, 150, `order-${customerId}`))),
		],
	};
}
