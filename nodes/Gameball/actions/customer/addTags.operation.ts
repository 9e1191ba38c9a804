import { tagsOperation } from '../../helpers/tags';

export const addTags = tagsOperation('addTags', 'Add Tags', 'Add tags to a customer', 'POST /customers/{customerId}/tags');
