import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { withServingPort } from './variants.js';

export const servingPort8443: ShippedScenario = {
  name: 'serving-port-8443',
  description:
    'A healthy estate whose bridge serves and is health-checked on named port https:8443, the firewall open on tcp:8443 only',
  async build() {
    return withServingPort(await demoEstate(servingPort8443), 8443);
  },
};
