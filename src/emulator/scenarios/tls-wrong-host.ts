import { certificateFor } from '../certificates.js';
import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withCertificate } from './variants.js';

export const tlsWrongHost: ShippedScenario = {
  name: 'tls-wrong-host',
  description: 'api.example.com is served a certificate for www.example.com only: the name does not match',
  async build() {
    const s = await demoEstate(tlsWrongHost);
    const otherName = await certificateFor(['www.example.com']);
    return expecting(withCertificate(s, 'api.example.com', otherName), { tls: 'fail' });
  },
};
