import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withStaleEndpoint, withUnhealthyBackends } from './variants.js';

export const proxyMigStaleEndpoint: ShippedScenario = {
  name: 'proxy-mig-stale-endpoint',
  description:
    'The Apigee instance got a new IP; the bridge template still forwards to the old one, so backends fail: 502',
  async build() {
    const s = await demoEstate(proxyMigStaleEndpoint);
    const stale = withUnhealthyBackends(withStaleEndpoint(s, 'us-central1', '10.99.0.2'), 'us-central1');
    return expecting(stale, { 'proxy-mig': 'fail' });
  },
};
