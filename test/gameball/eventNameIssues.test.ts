// n8n refuses to run a node with an empty parameter marked required, so Event Name must not be marked required:
// More Events alone is a complete request (the node itself refuses a request with no event at all).
import type { INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Gameball } from '../../nodes/Gameball/Gameball.node';

const description = new Gameball().description;

function issuesOf(parameters: INodeParameters) {
	const node: INode = {
		id: 'n1',
		name: 'Gameball',
		type: 'n8n-nodes-gameball.gameball',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	node.parameters = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description)!;
	return NodeHelpers.getNodeParametersIssues(description.properties, node, description);
}

describe('Event Name and n8n parameter issues', () => {
	it.each(['send', 'previewRewards'])('Event > %s with events in More Events alone has no issue', (operation) => {
		const issues = issuesOf({ resource: 'event', operation, customerId: 'c-1', eventName: '', moreEvents: '{"visit": {}}' });
		expect(issues).toBeNull();
	});

	it('still reports an empty required parameter (the check is live)', () => {
		const issues = issuesOf({ resource: 'event', operation: 'send', customerId: '', eventName: 'visit' });
		expect(Object.keys(issues?.parameters ?? {})).toEqual(['customerId']);
	});
});
