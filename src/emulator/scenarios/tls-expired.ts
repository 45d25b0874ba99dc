import { certificateFor } from '../certificates.js';
import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withCertificate } from './variants.js';

export const tlsExpired: ShippedScenario = {
  name: 'tls-expired',
  description: 'The certificate of api.example.com expired ten days ago: clients fail the TLS handshake',
  async build() {
    const s = await demoEstate(tlsExpired);
    const expired = await certificateFor(['api.example.com'], 'expired');
    return expecting(withCertificate(s, 'api.example.com', expired), { tls: 'fail' });
  },
};
