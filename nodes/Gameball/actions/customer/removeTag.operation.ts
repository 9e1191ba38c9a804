import { customerIdParam, stringParam } from '../../helpers/fields';
import { requestOperation } from '../../helpers/requestOperation';

export const removeTag = requestOperation({
	value: 'removeTag',
	name: 'Remove Tag',
	action: 'Remove one tag from a customer',
	endpoint: 'DELETE /customers/{customerId}/tags/{tag}',
	path: [customerIdParam, stringParam('tag', 'Tag', 'The tag to take off the customer, as it was added')],
});
