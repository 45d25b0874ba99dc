import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withUnhealthyBackends } from './variants.js';

export const proxyMigUnhealthy: ShippedScenario = {
  name: 'proxy-mig-unhealthy',
  description: 'Every bridge VM behind the load balancer is UNHEALTHY: 502 failed_to_pick_backend',
  async build() {
    const s = await demoEstate(proxyMigUnhealthy);
    return expecting(withUnhealthyBackends(s, 'us-central1', 9), { 'proxy-mig': 'fail' });
  },
};
