import { tagsOperation } from '../../helpers/tags';

export const removeTags = tagsOperation('removeTags', 'Remove Tags', 'Remove tags from a customer', 'DELETE /customers/{customerId}/tags');
