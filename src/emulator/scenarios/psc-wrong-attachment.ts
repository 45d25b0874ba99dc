import { orgData } from './build.js';
import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting, withPscRouting, withStalePscTarget } from './variants.js';

export const pscWrongAttachment: ShippedScenario = {
  name: 'psc-wrong-attachment',
  description:
    'The Apigee instance was recreated with a new service attachment; the PSC NEG still targets the old one (connection CLOSED), so the load balancer answers 502',
  async build() {
    const s = withPscRouting(await demoEstate(pscWrongAttachment));
    const current = orgData(s).instances.find((i) => i.location === 'us-central1')?.serviceAttachment ?? '';
    // The attachment the instance published before it was recreated: same tenant project, old suffix.
    const stale = current.replace(/-[0-9a-f]{4}$/, '-0e9f');
    return expecting(withStalePscTarget(s, 'us-central1', stale), {
      network: 'skipped',
      'proxy-mig': 'fail',
    });
  },
};
