import { certificateFor } from '../certificates.js';
import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withCertificate } from './variants.js';

export const tlsExpiringSoon: ShippedScenario = {
  name: 'tls-expiring-soon',
  description: 'The certificate of api.example.com is valid but expires in five days',
  async build() {
    const s = await demoEstate(tlsExpiringSoon);
    const expiring = await certificateFor(['api.example.com'], 'expiring-soon');
    return expecting(withCertificate(s, 'api.example.com', expiring), { tls: 'warn' });
  },
};
