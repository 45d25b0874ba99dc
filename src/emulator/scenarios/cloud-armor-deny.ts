import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withCloudArmorDenies } from './variants.js';

export const cloudArmorDeny: ShippedScenario = {
  name: 'cloud-armor-deny',
  description:
    'A Cloud Armor deny(403) rule at priority 1000 blocks three client IPs; a preview WAF rule would block more',
  async build() {
    const s = await demoEstate(cloudArmorDeny);
    const denied = withCloudArmorDenies(s, {
      clients: [
        { ip: '198.51.100.23', requests: 14 },
        { ip: '198.51.100.24', requests: 6 },
        { ip: '203.0.113.99', requests: 2 },
      ],
      previewRule: true,
    });
    return expecting(denied, { 'cloud-armor': 'fail' });
  },
};
