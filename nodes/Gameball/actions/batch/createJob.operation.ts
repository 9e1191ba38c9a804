import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { jobsAlreadyRunning } from '../batchMode';
import type { Endpoint, GameballOperation } from '../operation';
import { refuse } from '../../../parameters';
import { createdJobId } from '../../transport/batch';
import { secretFieldValues, sendToGameball } from '../../transport/request';
import { readEntries } from './entries';
import type { JobKind } from './jobKinds';
import { JOB_KINDS, sendEffectOf } from './jobKinds';

const endpointOf = (kind: JobKind): Endpoint => `POST /batch/${kind.kind}`;

function kindOf(context: IExecuteFunctions, itemIndex: number): JobKind {
	const value: unknown = context.getNodeParameter('kind', itemIndex);
	const kind = JOB_KINDS.find((candidate) => candidate.kind === value);
	if (!kind) {
		const kinds = JOB_KINDS.map((candidate) => candidate.kind).join(', ');
		refuse(context, `"Kind" must be one of ${kinds} (got ${JSON.stringify(value) ?? 'nothing'})`, itemIndex);
	}
	return kind;
}

/** One batch job per input item, of the chosen kind, from the item's JSON array of entries. */
export const createJob: GameballOperation = {
	value: 'createJob',
	name: 'Create Job',
	action: 'Create a batch job of up to 1,000 entries, which can move points (adjustments, cashback, redeems, orders, events)',
	endpoint: endpointOf(JOB_KINDS[0]),
	otherEndpoints: JOB_KINDS.slice(1).map(endpointOf),
	properties: [
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			default: 'customers',
			description: 'What every entry of the job does',
			options: JOB_KINDS.map(({ kind, name, example, note, optional }) => ({
				name,
				value: kind,
				description: `Entries like ${example}${note ? `; ${note}` : ''}${optional.length ? `; may also have ${optional.join(', ')}` : ''}`,
			})),
		},
		{
			displayName: 'Entries',
			name: 'entries',
			type: 'json',
			default: '={{ $json.entries }}',
			required: true,
			description: 'JSON array of up to 1,000 entries of the chosen kind; each input item makes one job',
		},
	],
	build(itemIndex) {
		return { body: { body: readEntries(this, kindOf(this, itemIndex), itemIndex) as IDataObject[] } };
	},
	describeEarlier(earlier) {
		const itemOf = ({ pairedItem }: (typeof earlier)[number]) => (pairedItem as { item: number }).item;
		// Error items (Continue On Fail) made no job, unless their creation ended without a clear answer. A created
		// job's item carries its entry count, whatever Gameball's answer beside it held (an `error: null`).
		const created = earlier.filter(({ json }) => json.jobId !== undefined && json.jobId !== null && typeof json.entries === 'number');
		const unclear = earlier.filter(({ json }) => json.mayHaveBeenApplied === true).map(itemOf);
		const notes = [
			...(created.length ? [jobsAlreadyRunning(created.map((item) => `${String(item.json.jobId)} (item ${itemOf(item)})`), 'the items before it')] : []),
			...(unclear.length ? [`Gameball may also have jobs, with no ID to check them by, from ${unclear.length === 1 ? 'item' : 'items'} ${unclear.join(', ')}.`] : []),
		];
		return notes.length ? notes.join(' ') : undefined;
	},
	async run(request, itemIndex) {
		const kind = kindOf(this, itemIndex);
		const { body } = await sendToGameball.call(this, endpointOf(kind), request, { itemIndex, ...sendEffectOf(kind) });
		const jobId = createdJobId.call(this, body, itemIndex, secretFieldValues(request.body));
		return { ...(body as IDataObject), jobId, kind: kind.kind, entries: (request.body?.body as unknown[]).length };
	},
};
