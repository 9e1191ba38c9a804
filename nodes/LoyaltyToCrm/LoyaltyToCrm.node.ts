import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { errorItem } from '../errorItems';
import type { CrmRuleCondition, CrmStep, CrmStepItem } from '../types';
import { loyaltyToCrmProperties } from './description';
import { textKey } from './event';
import { groupByDelivery, type EventGroup, type ReadItem } from './merge';
import { normalise, normaliseEventParameter, type NormalisedItem } from './normalise';
import { holdingConditions, reasonsToFire } from './rules';
import { readSettings } from './settings';
import { buildSteps, matchKeyOf, STEPS } from './steps';

/**
 * The one input item an output item is paired with, so that `$('Gameball Trigger').item` resolves after this node
 * (n8n refuses an item paired with several that differ): a message with the language item its text came from,
 * anything else with the first item of its event (the profile update, ahead of its derived items).
 */
function pairedItemOf(group: EventGroup, stepItem: CrmStepItem): IPairedItemData {
	const fromText = stepItem.step === 'sendMessage' ? group.textItems?.get(textKey(stepItem)) : undefined;
	return { item: fromText ?? group.itemIndices[0] };
}

export class LoyaltyToCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Loyalty to CRM',
		name: 'loyaltyToCrm',
		icon: { light: 'file:loyaltyToCrm.svg', dark: 'file:loyaltyToCrm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"for " + ({ generic: "Generic", hubspot: "HubSpot", pipedrive: "Pipedrive", salesforce: "Salesforce", zoho: "Zoho CRM" }[$parameter["crmPreset"]] ?? $parameter["crmPreset"])}}',
		description:
			'Turn Gameball or Open Loyalty events into CRM steps: upsert contact, tag, task, note and message',
		defaults: { name: 'Loyalty to CRM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [
			NodeConnectionTypes.Main,
			NodeConnectionTypes.Main,
			NodeConnectionTypes.Main,
			NodeConnectionTypes.Main,
			NodeConnectionTypes.Main,
		],
		outputNames: ['Upsert Contact', 'Add Tag / List', 'Create Task', 'Log Note / Activity', 'Send Message'],
		properties: loyaltyToCrmProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		/** Output items per unit of work (a failed item or an event group), kept in input order. */
		const units: Array<{ at: number; outputs: INodeExecutionData[][] }> = [];
		const fail = (error: unknown, itemIndices: number[]) => {
			if (!this.continueOnFail()) {
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: itemIndices[0] });
			}
			const outputs: INodeExecutionData[][] = STEPS.map(() => []);
			outputs[0].push(errorItem(this, error, itemIndices[0]));
			units.push({ at: itemIndices[0], outputs });
		};

		const read: ReadItem[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			let normalised: NormalisedItem;
			try {
				const fromParameter = this.getNodeParameter('inputSource', itemIndex, 'item') === 'json';
				normalised = fromParameter
					? normaliseEventParameter(this.getNodeParameter('loyaltyEventJson', itemIndex, ''))
					: normalise(items[itemIndex].json);
			} catch (error) {
				fail(error, [itemIndex]);
				continue;
			}
			// A batch element that cannot be read fails alone: the item's other events go on.
			for (const failure of normalised.failures) fail(failure, [itemIndex]);
			read.push({ itemIndex, events: normalised.events });
		}

		const now = new Date();
		/** Input items of events that name no customer the CRM can find (see `matchKeyOf`). */
		const unmatched: number[] = [];
		/** Input items of events with a customer key that gave no step. */
		const stepless: number[] = [];
		for (const group of groupByDelivery(read)) {
			const { event, itemIndices } = group;
			try {
				const settings = readSettings(this, itemIndices[0], now);
				const match = matchKeyOf(event, settings);
				const noCustomer = match.value === null;
				if (noCustomer) unmatched.push(itemIndices[0]);
				const holding = holdingConditions(event, settings);
				const reasons = Object.fromEntries(
					STEPS.map((step) => [step, reasonsToFire(settings.rules[step], holding)]),
				) as Record<CrmStep, CrmRuleCondition[]>;
				const outputs = buildSteps(event, reasons, settings, match).map((stepItems) =>
					stepItems.map((stepItem) => ({
						json: stepItem as unknown as IDataObject,
						pairedItem: pairedItemOf(group, stepItem),
					})),
				);
				if (!noCustomer && outputs.every((stepItems) => stepItems.length === 0)) stepless.push(itemIndices[0]);
				units.push({ at: itemIndices[0], outputs });
			} catch (error) {
				fail(error, itemIndices);
			}
		}

		const listed = (indices: number[]) => {
			const distinct = [...new Set(indices)];
			return `input item ${distinct.slice(0, 5).join(', ')}${distinct.length > 5 ? ', ...' : ''}`;
		};
		const them = (indices: number[]) => (indices.length === 1 ? 'it' : 'them');
		if (unmatched.length > 0 && typeof this.addExecutionHints === 'function') {
			this.addExecutionHints({
				message: `${unmatched.length} ${unmatched.length === 1 ? 'event names' : 'events name'} no customer the CRM can find (no email or customer ID, nor a mobile number where the CRM matches on it), so no contact, tag, task or note step was made for ${them(unmatched)} (a message still goes where a chosen channel reaches the customer): ${listed(unmatched)}`,
				location: 'outputPane',
			});
		}
		if (stepless.length > 0 && typeof this.addExecutionHints === 'function') {
			this.addExecutionHints({
				message: `${stepless.length} ${stepless.length === 1 ? 'event gave' : 'events gave'} no CRM step: no rule of this node fired for ${them(stepless)}, or one that fired had nothing to send (a tag without a tier name, say; see Rules): ${listed(stepless)}`,
				location: 'outputPane',
			});
		}
		units.sort((a, b) => a.at - b.at);
		return STEPS.map((_step, output) => units.flatMap((unit) => unit.outputs[output]));
	}
}
