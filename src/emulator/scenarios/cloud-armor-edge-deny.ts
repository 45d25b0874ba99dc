import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting } from './variants.js';
import { withEdgePolicyDenies } from './variants-load-balancers.js';

export const cloudArmorEdgeDeny: ShippedScenario = {
  name: 'cloud-armor-edge-deny',
  description:
    'A Cloud Armor edge security policy (no backend policy) on Apigee’s backend service denies two clients at Google’s edge (enforcedEdgeSecurityPolicy)',
  async build() {
    const s = await demoEstate(cloudArmorEdgeDeny, { cloudArmor: false });
    const denied = withEdgePolicyDenies(s, [
      { ip: '198.51.100.61', requests: 11 },
      { ip: '198.51.100.62', requests: 4 },
    ]);
    return expecting(denied, { 'cloud-armor': 'fail' });
  },
};
