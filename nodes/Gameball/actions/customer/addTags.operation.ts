import { customerIdParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';
import { tagsParam, tagWithComma, tidyTags } from './tagsBody';

export const addTags = requestOperation({
	value: 'addTags',
	name: 'Add Tags',
	action: 'Add tags to a customer',
	endpoint: 'POST /customers/{customerId}/tags',
	path: [customerIdParam],
	required: [tagsParam],
	// Read as a list, so that tags that trim to nothing are refused as missing.
	lists: ['tags'],
	rejectIf: tagWithComma,
	shape: tidyTags,
});
