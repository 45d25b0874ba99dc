import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withPscRouting } from './variants.js';

export const pscOnly: ShippedScenario = {
  name: 'psc-only',
  description:
    'An organization without VPC peering: the load balancer reaches Apigee through a Private Service Connect NEG on the instance’s service attachment, ACCEPTED',
  async build() {
    const s = await demoEstate(pscOnly);
    // proxy-mig passes: it looked at the PSC path (target and connection) and found it sound.
    return expecting(withPscRouting(s), { network: 'skipped', 'proxy-mig': 'pass' });
  },
};
