import { certificateFor } from '../certificates.js';
import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withCertificate } from './variants.js';

export const tlsServedMismatch: ShippedScenario = {
  name: 'tls-served-mismatch',
  description:
    'The load balancer still serves an older certificate for api.example.com than the one the proxy is configured with',
  async build() {
    const s = await demoEstate(tlsServedMismatch);
    const older = await certificateFor(['api.example.com']);
    return expecting(withCertificate(s, 'api.example.com', older, 'served'), { tls: 'fail' });
  },
};
