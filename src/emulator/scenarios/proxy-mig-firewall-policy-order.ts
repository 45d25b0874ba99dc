import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withEnforcementOrder, withNetworkPolicyDeny, withUnhealthyBackends } from './variants.js';

export const proxyMigFirewallPolicyOrder: ShippedScenario = {
  name: 'proxy-mig-firewall-policy-order',
  description:
    'The VPC reads its network firewall policy before its VPC rules (BEFORE_CLASSIC_FIREWALL), and the policy denies 35.191.0.0/16 on tcp:443 although a VPC rule allows it',
  async build() {
    let s = await demoEstate(proxyMigFirewallPolicyOrder);
    s = withEnforcementOrder(s, 'BEFORE_CLASSIC_FIREWALL');
    s = withNetworkPolicyDeny(s, { name: 'acme-vpc-policy', ranges: ['35.191.0.0/16'], priority: 1000 });
    s = withUnhealthyBackends(s, 'us-central1');
    return expecting(s, { 'proxy-mig': 'fail' });
  },
};
