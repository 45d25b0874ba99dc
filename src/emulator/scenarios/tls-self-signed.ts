import { certificateFor } from '../certificates.js';
import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withCertificate } from './variants.js';

export const tlsSelfSigned: ShippedScenario = {
  name: 'tls-self-signed',
  description:
    'api.example.com is served with a self-signed certificate (valid dates, right name): clients cannot verify it',
  async build() {
    const s = await demoEstate(tlsSelfSigned);
    const selfSigned = await certificateFor(['api.example.com'], 'self-signed');
    return expecting(withCertificate(s, 'api.example.com', selfSigned), { tls: 'fail' });
  },
};
