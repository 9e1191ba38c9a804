import type { GameballResource } from '../operation';
import { getCashbackRules } from './getCashbackRules.operation';
import { getCashbackSettings } from './getCashbackSettings.operation';
import { getCouponIntegration } from './getCouponIntegration.operation';
import { getCouponSettings } from './getCouponSettings.operation';
import { getRedemptionRules } from './getRedemptionRules.operation';
import { getRedemptionSettings } from './getRedemptionSettings.operation';
import { getReferralSettings } from './getReferralSettings.operation';
import { getRewardCampaigns } from './getRewardCampaigns.operation';
import { getTiers } from './getTiers.operation';
import { getWidget } from './getWidget.operation';
import { updateCouponIntegration } from './updateCouponIntegration.operation';
import { updateCouponSettings } from './updateCouponSettings.operation';

export const configuration: GameballResource = {
	value: 'configuration',
	name: 'Configuration',
	operations: [
		getTiers, getRewardCampaigns, getReferralSettings, getCashbackRules, getRedemptionRules, getCashbackSettings,
		getRedemptionSettings, getCouponSettings, updateCouponSettings, getCouponIntegration, updateCouponIntegration, getWidget,
	],
};
