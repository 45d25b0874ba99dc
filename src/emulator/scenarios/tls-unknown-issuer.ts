import { certificateFor } from '../certificates.js';
import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withCertificate } from './variants.js';

export const tlsUnknownIssuer: ShippedScenario = {
  name: 'tls-unknown-issuer',
  description:
    "api.example.com's certificate (with its intermediate) was issued by a private CA that clients do not trust",
  async build() {
    const s = await demoEstate(tlsUnknownIssuer);
    const privateCa = await certificateFor(['api.example.com'], 'unknown-issuer');
    return expecting(withCertificate(s, 'api.example.com', privateCa), { tls: 'fail' });
  },
};
