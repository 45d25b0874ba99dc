import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withManagedCertificate } from './variants.js';

export const tlsManagedFailed: ShippedScenario = {
  name: 'tls-managed-failed',
  description:
    'A Google-managed certificate stuck in PROVISIONING (domain FAILED_NOT_VISIBLE: DNS does not point at the LB)',
  async build() {
    const s = await demoEstate(tlsManagedFailed);
    return expecting(withManagedCertificate(s, 'api.example.com', 'PROVISIONING', 'FAILED_NOT_VISIBLE'), {
      tls: 'fail',
    });
  },
};
