import { stringParam } from '../../helpers/fields';

export const orderIdPath = stringParam('orderId', 'Order ID', 'Your ID of the order, as sent with Track (case-sensitive)');
