import { identityOptions, lineItemsOption, merchantOption } from '../../helpers/fields';
import {
	channelOption,
	extraOption,
	optionalCustomerId,
	orderAmountOptions,
	totalPaidParam,
} from '../../helpers/purchase';
import { requestOperation } from '../../helpers/requestOperation';

export const previewRewards = requestOperation({
	value: 'previewRewards',
	name: 'Preview Rewards',
	action: 'Preview the cashback and campaign rewards an order would earn',
	endpoint: 'POST /orders/reward-preview',
	changesNothing: true,
	required: [totalPaidParam],
	optional: [{ ...optionalCustomerId, description: 'The customer, to apply their tier and campaigns' }, ...identityOptions, channelOption, ...orderAmountOptions, lineItemsOption, merchantOption, extraOption],
	langHeader: true,
});
