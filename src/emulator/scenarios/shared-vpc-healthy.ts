import { demoEstate, type ShippedScenario } from './shipped-scenario.js';

export const sharedVpcHealthy: ShippedScenario = {
  name: 'shared-vpc-healthy',
  description:
    'A healthy estate on Shared VPC: the network, its firewalls and the peering live in host project acme-net-host',
  build() {
    return demoEstate(sharedVpcHealthy, { sharedVpcHost: 'acme-net-host', network: 'shared-net' });
  },
};
