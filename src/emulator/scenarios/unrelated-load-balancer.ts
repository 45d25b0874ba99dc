import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting } from './variants.js';
import { withUnrelatedLoadBalancer } from './variants-load-balancers.js';

export const unrelatedLoadBalancer: ShippedScenario = {
  name: 'unrelated-load-balancer',
  description:
    'A healthy Apigee estate sharing its project with the website’s load balancer, which has Cloud Armor denials, failed_to_pick_backend and no certificate for the API: nothing to blame on Apigee’s path',
  async build() {
    const s = await withUnrelatedLoadBalancer(await demoEstate(unrelatedLoadBalancer));
    // The website's troubles are not Apigee's: every check passes, naming web-https-fr as ignored.
    return expecting(s, {});
  },
};
