import type { CrmPreset } from '../../types';
import { generic } from './generic';
import { hubspot } from './hubspot';
import { pipedrive } from './pipedrive';
import type { CrmPresetDefinition } from './preset';
import { salesforce } from './salesforce';
import { zoho } from './zoho';

export const PRESETS: Record<CrmPreset, CrmPresetDefinition> = { hubspot, salesforce, pipedrive, zoho, generic };

export type { CrmPresetDefinition, LoyaltyField, PresetSettings } from './preset';
export { LOYALTY_FIELDS } from './preset';
