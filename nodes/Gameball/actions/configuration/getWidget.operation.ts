import { requestOperation } from '../../helpers/requestOperation';

export const getWidget = requestOperation({
	value: 'getWidget',
	name: 'Get Widget',
	action: 'Get the styling of the Gameball widget',
	endpoint: 'GET /configurations/widget',
});
