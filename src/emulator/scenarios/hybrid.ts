import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { asHybrid, expecting } from './variants.js';

export const hybrid: ShippedScenario = {
  name: 'hybrid',
  description:
    "An Apigee hybrid organization: runtime and ingress gateway in the customer's cluster, no Apigee instance, peering or Google load balancer",
  async build() {
    const s = asHybrid(await demoEstate(hybrid));
    // Only the environment groups are Google-side; the rest of the playbook is Apigee X's path.
    return expecting(s, {
      tls: 'skipped',
      'cloud-armor': 'skipped',
      'proxy-mig': 'skipped',
      network: 'skipped',
    });
  },
};
