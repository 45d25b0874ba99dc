import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withHealthCheckPort, withUnhealthyBackends } from './variants.js';

export const proxyMigHealthCheckPort: ShippedScenario = {
  name: 'proxy-mig-health-check-port',
  description:
    "The backend service's health check probes tcp:8443 while the firewall opens only tcp:443 to the bridge: every backend is UNHEALTHY",
  async build() {
    let s = await demoEstate(proxyMigHealthCheckPort);
    s = withHealthCheckPort(s, 8443);
    s = withUnhealthyBackends(s, 'us-central1');
    return expecting(s, { 'proxy-mig': 'fail' });
  },
};
