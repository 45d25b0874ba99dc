import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withDeniedPermissions } from './variants.js';

export const permissionDenied: ShippedScenario = {
  name: 'permission-denied',
  description:
    'A healthy estate read by a caller without compute.backendServices.list: checks that need backend services cannot conclude',
  async build() {
    const s = await demoEstate(permissionDenied);
    return expecting(withDeniedPermissions(s, ['compute.backendServices.list']), {
      'cloud-armor': 'error',
      'proxy-mig': 'error',
    });
  },
};
