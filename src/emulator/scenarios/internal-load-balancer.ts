import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting } from './variants.js';
import { withInternalLoadBalancer } from './variants-load-balancers.js';

export const internalLoadBalancer: ShippedScenario = {
  name: 'internal-load-balancer',
  description:
    'A healthy estate whose bridge MIG is also behind a regional internal Application Load Balancer (INTERNAL_MANAGED, private IP) for clients in the VPC: recognised, judged, never probed from outside',
  async build() {
    const s = withInternalLoadBalancer(await demoEstate(internalLoadBalancer), 'us-central1');
    return expecting(s, {});
  },
};
