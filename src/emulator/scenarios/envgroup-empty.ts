import { demoEstate, type ShippedScenario } from './shipped-scenario.js';

export const envgroupEmpty: ShippedScenario = {
  name: 'envgroup-empty',
  description:
    'The environment group serving partners.example.com has no environment: every request gets 404',
  build() {
    return demoEstate(envgroupEmpty, {
      envgroups: [
        { name: 'prod-group', hostnames: ['api.example.com'], environments: ['prod'] },
        { name: 'partners-group', hostnames: ['partners.example.com'], environments: [] },
      ],
      expect: { attachments: 'fail' },
    });
  },
};
