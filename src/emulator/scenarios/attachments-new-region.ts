import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withUnattachedInstance } from './variants.js';

export const attachmentsNewRegion: ShippedScenario = {
  name: 'attachments-new-region',
  description:
    'A europe-west1 instance added an hour ago has no environment attached, so requests routed there get 503',
  async build() {
    const s = await demoEstate(attachmentsNewRegion, { regions: ['us-central1', 'europe-west1'] });
    return expecting(withUnattachedInstance(s, 'europe-west1', 60), { attachments: 'fail' });
  },
};
