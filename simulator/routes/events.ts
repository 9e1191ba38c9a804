/** Event endpoints: send events, preview their rewards. */
import { previewEvents, sendEvents } from '../domain/campaigns';
import { API, ok, type RouteTable } from './types';

export const eventRoutes: RouteTable = {
	[`POST ${API}/events`]: (context) => ok(sendEvents(context.account, context.body)),
	[`POST ${API}/events/reward-preview`]: (context) => ok(previewEvents(context.account, context.body)),
};
