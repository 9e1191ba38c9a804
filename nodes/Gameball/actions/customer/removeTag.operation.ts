import { customerPathOperation } from '../../helpers/customerPath';
import { stringParam } from '../../helpers/fields';

export const removeTag = customerPathOperation({
	value: 'removeTag',
	name: 'Remove Tag',
	action: 'Remove one tag from a customer',
	endpoint: 'DELETE /customers/{customerId}/tags/{tag}',
	param: stringParam('tag', 'Tag'),
});
