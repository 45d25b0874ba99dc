import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withDeniedPermissions } from './variants.js';

export const permissionDenied: ShippedScenario = {
  name: 'permission-denied',
  description:
    'A healthy estate read by a caller without compute.backendServices.list: cloud-armor, proxy-mig and attachments cannot conclude',
  async build() {
    const s = await demoEstate(permissionDenied);
    // attachments needs the backends too: which regions the load balancer sends traffic to (step 4).
    return expecting(withDeniedPermissions(s, ['compute.backendServices.list']), {
      'cloud-armor': 'error',
      'proxy-mig': 'error',
      attachments: 'error',
    });
  },
};
