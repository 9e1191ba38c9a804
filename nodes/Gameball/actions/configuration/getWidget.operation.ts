import { requestOperation } from '../../helpers/requestOperation';

export const getWidget = requestOperation({
	value: 'getWidget',
	name: 'Get Widget',
	action: 'Get the widget styling',
	endpoint: 'GET /configurations/widget',
});
