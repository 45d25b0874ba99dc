import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withPeeringOn, withUnhealthyBackends } from './variants.js';

export const networkWrongPeering: ShippedScenario = {
  name: 'network-wrong-peering',
  description:
    'The authorized network apigee-network has no service-networking peering; the peering and the bridge MIG are on default',
  async build() {
    let s = await demoEstate(networkWrongPeering);
    s = withPeeringOn(s, 'default', true);
    // The bridge cannot reach the Apigee instance from the wrong VPC, so its health checks fail too.
    s = withUnhealthyBackends(s, 'us-central1');
    return expecting(s, { network: 'fail', 'proxy-mig': 'fail' });
  },
};
