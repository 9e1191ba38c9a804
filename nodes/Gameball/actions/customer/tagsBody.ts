import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** Adding and removing tags send the same body: the tags as one comma-separated string. */
export const tagsParam: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'vip, newsletter',
	description: 'Comma-separated, or a JSON array',
};

/** The tags, read as a list, sent as one comma-separated string. */
export function tidyTags(fields: IDataObject): IDataObject {
	const tags = Array.isArray(fields.tags) ? fields.tags : String(fields.tags ?? '').split(',');
	return { tags: tags.map((tag) => String(tag).trim()).filter(Boolean).join(',') };
}

/** A tag holding a comma would reach Gameball as two tags: the body is one comma-separated string. */
export function tagWithComma(fields: IDataObject): string | undefined {
	const tag = Array.isArray(fields.tags) ? fields.tags.find((entry) => String(entry).includes(',')) : undefined;
	return tag === undefined ? undefined : `The tag "${String(tag)}" holds a comma: Gameball reads the tags as one comma-separated text, so it would be two tags`;
}
