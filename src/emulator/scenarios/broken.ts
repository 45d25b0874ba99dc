import { certificateFor } from '../certificates.js';
import { healthyEstate } from './build.js';
import { DEMO_ORG, type ShippedScenario } from './shipped-scenario.js';
import {
  withCertificate,
  withCloudArmorDenies,
  withHealthCheckRangesOnly,
  withPeeringOn,
  withStaleEndpoint,
  withUnattachedInstance,
  withUnhealthyBackends,
} from './variants.js';

/**
 * The demo: one estate with all five causes of PLAYBOOK.md at once, so every check fails and the
 * report shows each kind of finding.
 */
export const broken: ShippedScenario = {
  name: 'broken',
  description:
    'All five causes at once: an expired certificate, Cloud Armor denials, a stale bridge ENDPOINT and a ' +
    'blocked health-check range, the service-networking peering on the wrong VPC, and a new region ' +
    'with no environments plus an environment group with none',
  async build() {
    let s = await healthyEstate({
      name: broken.name,
      description: broken.description,
      org: DEMO_ORG,
      regions: ['us-central1', 'europe-west1'],
      envgroups: [
        { name: 'prod-group', hostnames: ['api.example.com'], environments: ['prod'] },
        { name: 'partners-group', hostnames: ['partners.example.com'], environments: [] },
      ],
      cloudArmor: true,
      expect: {
        tls: 'fail',
        'cloud-armor': 'fail',
        'proxy-mig': 'fail',
        network: 'fail',
        attachments: 'fail',
      },
    });
    // tls: the partners certificate expired ten days ago and nobody replaced it.
    s = withCertificate(s, 'partners.example.com', await certificateFor(['partners.example.com'], 'expired'));
    // cloud-armor: a rule meant for scrapers also catches three partner gateways.
    s = withCloudArmorDenies(s, {
      clients: [
        { ip: '198.51.100.23', requests: 12 },
        { ip: '198.51.100.24', requests: 7 },
        { ip: '203.0.113.99', requests: 3 },
      ],
      previewRule: true,
    });
    // proxy-mig: the us-central1 instance was recreated with a new IP; its bridge still points at the
    // old one, and the health-check firewall lost 35.191.0.0/16. Its backends are down: 502s.
    s = withStaleEndpoint(s, 'us-central1', '10.99.0.2');
    s = withHealthCheckRangesOnly(s, ['130.211.0.0/22']);
    s = withUnhealthyBackends(s, 'us-central1');
    // network: the service-networking peering sits on `default`, not on the authorized network.
    s = withPeeringOn(s, 'default', false);
    // attachments: europe-west1 came up an hour ago with no environment attached: 503s.
    s = withUnattachedInstance(s, 'europe-west1', 60);
    return s;
  },
};
