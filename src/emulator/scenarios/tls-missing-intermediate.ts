import { certificateFor } from '../certificates.js';
import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withCertificate } from './variants.js';

export const tlsMissingIntermediate: ShippedScenario = {
  name: 'tls-missing-intermediate',
  description:
    'The certificate of api.example.com was uploaded without its intermediate: clients fail with "unable to verify the first certificate"',
  async build() {
    const s = await demoEstate(tlsMissingIntermediate);
    const leafOnly = await certificateFor(['api.example.com'], 'missing-intermediate');
    return expecting(withCertificate(s, 'api.example.com', leafOnly), { tls: 'fail' });
  },
};
