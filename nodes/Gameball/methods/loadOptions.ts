import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { presentText } from '../../text';
import { sendToGameball } from '../transport/request';

/** A dropdown waits for Gameball less than a run does: two attempts of at most 15 s. */
const DROPDOWN_LOAD = { retry: { maxAttempts: 2 }, timeoutMs: 15000 };

/** An answer that is not the documented list: an error in the dropdown, rather than a list that looks empty. */
function unexpectedAnswer(context: ILoadOptionsFunctions, what: string, answer: unknown): NodeOperationError {
	const shape = Array.isArray(answer) ? 'a list' : answer === null ? 'null' : typeof answer;
	return new NodeOperationError(context.getNode(), `Gameball's answer for ${what} is not the documented list (got ${shape})`, {
		description: 'Enter the ID with an expression instead, and check the Base URL and API Version in the credential.',
	});
}

/** A whole-number ID, as a number or its digits; `undefined` for anything else. */
function idOf(entry: IDataObject): number | undefined {
	const { id } = entry;
	if (typeof id === 'number') return Number.isInteger(id) ? id : undefined;
	return typeof id === 'string' && /^\d+$/.test(id.trim()) ? Number(id) : undefined;
}

/** Options of the entries with an ID, sorted by name; the ID is in the name, so two of one name can be told apart. */
function asOptions(entries: unknown[], nameOf: (entry: IDataObject, id: number) => string): INodePropertyOptions[] {
	return entries
		.flatMap((entry) => {
			const id = typeof entry === 'object' && entry !== null ? idOf(entry as IDataObject) : undefined;
			return id === undefined ? [] : [{ name: `${nameOf(entry as IDataObject, id)} · #${id}`, value: id }];
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Reward campaigns of the account: stamps challenges, streaks and the rest. */
export async function getRewardCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await sendToGameball.call(this, 'GET /configurations/reward-campaigns', {}, DROPDOWN_LOAD);
	if (!Array.isArray(body)) throw unexpectedAnswer(this, 'reward campaigns', body);
	return asOptions(body, (campaign, id) => {
		const type = presentText(campaign.type);
		return `${presentText(campaign.name) ?? `Campaign ${id}`}${type ? ` (${type})` : ''}`;
	});
}

/** Redemption rules (the coupons customers can buy with points), as the account configures them; inactive ones say so. */
export async function getRedemptionRules(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await sendToGameball.call(this, 'GET /configurations/redemption', {}, DROPDOWN_LOAD);
	const rules = (body as IDataObject | undefined)?.redemptionRules;
	if (!Array.isArray(rules)) throw unexpectedAnswer(this, 'redemption rules', rules);
	return asOptions(rules, (rule, id) => {
		const title = presentText(((rule.coupon as IDataObject | undefined)?.group as IDataObject | undefined)?.title) ?? presentText(rule.ruleType);
		const points = rule.pointsToRedeem === undefined || rule.pointsToRedeem === null ? '' : ` (${String(rule.pointsToRedeem)} points)`;
		return `${title ?? `Rule ${id}`}${points}${rule.isActive === false ? ' (inactive)' : ''}`;
	});
}
