import { customerIdParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';
import { tagsParam, tagWithComma, tidyTags } from './tagsBody';

export const removeTags = requestOperation({
	value: 'removeTags',
	name: 'Remove Tags',
	action: 'Remove tags from a customer',
	endpoint: 'DELETE /customers/{customerId}/tags',
	path: [customerIdParam],
	required: [tagsParam],
	// Read as a list, so that tags that trim to nothing are refused as missing.
	lists: ['tags'],
	rejectIf: tagWithComma,
	shape: tidyTags,
});
