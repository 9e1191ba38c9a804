import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** Adding and removing tags send the same body: the tags as one comma-separated string. */
export const tagsParam: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'vip, newsletter',
	description: 'Comma-separated tags',
};

export function tidyTags(fields: IDataObject): IDataObject {
	const tags = String(fields.tags ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
	return { tags: tags.join(',') };
}
