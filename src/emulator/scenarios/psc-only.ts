import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withPscRouting } from './variants.js';

export const pscOnly: ShippedScenario = {
  name: 'psc-only',
  description:
    'An organization without VPC peering: the load balancer reaches Apigee through a Private Service Connect NEG',
  async build() {
    const s = await demoEstate(pscOnly);
    return expecting(withPscRouting(s), { network: 'skipped', 'proxy-mig': 'skipped' });
  },
};
