import { healthyEstate } from './build.js';
import { DEMO_ORG, type ShippedScenario } from './shipped-scenario.js';

export const healthy: ShippedScenario = {
  name: 'healthy',
  description:
    'Apigee X in two regions behind a global HTTPS load balancer with Cloud Armor; every check passes',
  build() {
    return healthyEstate({
      name: healthy.name,
      description: healthy.description,
      org: DEMO_ORG,
      regions: ['us-central1', 'europe-west1'],
      envgroups: [
        { name: 'prod-group', hostnames: ['api.example.com'], environments: ['prod'] },
        { name: 'partners-group', hostnames: ['partners.example.com'], environments: ['prod', 'partners'] },
      ],
      cloudArmor: true,
    });
  },
};
