import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { withBareAuthorizedNetwork } from './variants.js';

export const sharedVpcBareNetwork: ShippedScenario = {
  name: 'shared-vpc-bare-network',
  description:
    'A healthy Shared VPC estate whose authorizedNetwork is the bare name shared-net, found in host project acme-net-host',
  async build() {
    const s = await demoEstate(sharedVpcBareNetwork, {
      sharedVpcHost: 'acme-net-host',
      network: 'shared-net',
    });
    return withBareAuthorizedNetwork(s);
  },
};
