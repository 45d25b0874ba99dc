import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withCloudArmorDenies } from './variants.js';

export const regionalAlbDeny: ShippedScenario = {
  name: 'regional-alb-deny',
  description:
    'Apigee behind a regional external Application Load Balancer (us-central1) whose regional Cloud Armor policy denies three clients; its logs are http_external_regional_lb_rule',
  async build() {
    const s = await demoEstate(regionalAlbDeny, { regionalLoadBalancer: 'us-central1' });
    const denied = withCloudArmorDenies(s, {
      clients: [
        { ip: '198.51.100.23', requests: 9 },
        { ip: '198.51.100.24', requests: 5 },
        { ip: '203.0.113.99', requests: 2 },
      ],
    });
    return expecting(denied, { 'cloud-armor': 'fail' });
  },
};
