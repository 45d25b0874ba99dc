import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import {
  expecting,
  withHealthCheckDeny,
  withHealthCheckRangesOnly,
  withUnhealthyBackends,
} from './variants.js';

export const proxyMigFirewall: ShippedScenario = {
  name: 'proxy-mig-firewall',
  description:
    'Health checks cannot reach the bridge VMs: the allow rule lacks 35.191.0.0/16 and a priority-900 deny shadows 130.211.0.0/22',
  async build() {
    let s = await demoEstate(proxyMigFirewall);
    s = withHealthCheckRangesOnly(s, ['130.211.0.0/22']);
    s = withHealthCheckDeny(s, ['130.211.0.0/22'], 900);
    s = withUnhealthyBackends(s, 'us-central1');
    return expecting(s, { 'proxy-mig': 'fail' });
  },
};
