/**
 * proxy-mig — the apigee-proxy (bridge) VMs cannot forward to the Apigee instance.
 *
 * Why it matters: with VPC peering, the external load balancer reaches Apigee through a managed
 * instance group of envoy VMs that forward to the instance's internal IP (the template's
 * `ENDPOINT`). When no VM is healthy, when `ENDPOINT` still holds the IP of a recreated instance,
 * or when the firewall keeps Google's health checkers and proxies out, the load balancer has no
 * backend to pick and answers 502 ("failed_to_pick_backend").
 *
 * Explains: 502.
 *
 * Per bridge MIG: backend health, ENDPOINT against the instance of its region, the firewall for
 * what the load balancer sends (health checks from 130.211.0.0/22 and 35.191.0.0/16 on the health
 * check's port, requests on the serving port from those ranges or a regional load balancer's
 * proxy-only subnet) in the network's enforcement order, the MIG's size and VMs, and the end of
 * life of its boot image. A hybrid organization has no bridge: skipped. A Private Service Connect NEG replaces the MIG steps: its
 * `pscTargetService` must be the `serviceAttachment` of the Apigee instance in its region, and its
 * connection ACCEPTED (a stale target or an unaccepted connection also ends in 502s).
 */
import type { CheckContext, CheckResult } from '../model.js';
import { judgeBackendHealth, judgeFailedToPick } from './proxy-mig/backend-health.js';
import { judgeBootImage, judgeMigState } from './proxy-mig/bridge-vms.js';
import { judgeEndpoint } from './proxy-mig/endpoint.js';
import {
  describeAdmitted,
  type FirewallBlock,
  judgeFirewall,
  type RequiredIngress,
  reportFirewallBlocks,
} from './proxy-mig/firewall.js';
import { concludeWithoutBridge } from './proxy-mig/no-bridge.js';
import { judgePscNegs, pscPassSummary } from './proxy-mig/psc.js';
import { defineCheck } from './support/define.js';
import { skipForHybrid } from './support/hybrid.js';
import { ResultBuilder, valueOr } from './support/result.js';

export const proxyMigCheck = defineCheck({
  id: 'proxy-mig',
  title: 'Bridge MIG (apigee-proxy VMs)',
  explains: ['502'],
  priority: 1,
  findings: {
    'no-bridge': { title: 'No bridge MIG or Private Service Connect NEG leads to Apigee' },
    'not-a-backend': { title: 'The bridge MIG is in no backend service' },
    'no-forwarding-rule': { title: "No forwarding rule leads to the bridge MIG's backend service" },
    'no-healthy-backend': { title: 'No VM of the bridge MIG is HEALTHY' },
    'failed-to-pick-backend': { title: 'The load balancer answered failed_to_pick_backend' },
    'endpoint-missing': { title: 'The bridge template has no ENDPOINT' },
    'stale-endpoint': { title: "The bridge forwards to another IP than its region's Apigee instance" },
    'endpoint-not-an-instance': { title: "The bridge's ENDPOINT is no Apigee instance's IP" },
    'firewall-blocks-load-balancer': {
      title: "The firewall keeps the load balancer's health checks or requests out",
    },
    'firewall-undecidable': { title: 'A firewall rule whose reach cannot be read decides the traffic' },
    'proxy-only-subnet-missing': { title: 'The regional load balancer has no ACTIVE proxy-only subnet' },
    'target-size-zero': { title: 'The bridge MIG has a target size of 0' },
    'vms-not-running': { title: 'VMs of the bridge MIG are not RUNNING' },
    'mig-not-stable': { title: 'The bridge MIG is not stable' },
    'boot-image-end-of-life': { title: "The bridge template's boot image is past its end of life" },
    'psc-no-instance-in-region': { title: "No Apigee instance in the PSC NEG's region" },
    'psc-no-service-attachment': { title: 'The Apigee instance reports no service attachment' },
    'psc-wrong-target': { title: "The PSC NEG targets another service than the instance's attachment" },
    'psc-not-accepted': { title: 'The Private Service Connect connection is not ACCEPTED' },
  },
  needs: [
    'org',
    'project',
    'organization',
    'instances',
    'forwardingRules',
    'backendServices',
    'backendHealth',
    'networkEndpointGroups',
    'instanceGroupManagers',
    'instanceTemplates',
    'managedInstances',
    'networks',
    'effectiveFirewalls',
    'regionalEffectiveFirewalls',
    'healthChecks',
    'subnetworks',
    'topology',
    'lbLogs',
  ],
  run,
});

function run(ctx: CheckContext): CheckResult<'proxy-mig'> {
  const { estate } = ctx;
  const project = estate.project;
  const result = new ResultBuilder(proxyMigCheck, ctx);
  const hybrid = skipForHybrid(proxyMigCheck.id, ctx, result);
  if (hybrid) return hybrid;

  const services = valueOr(estate.backendServices, result, 'the backend services') ?? [];
  const migs = valueOr(estate.instanceGroupManagers, result, 'the managed instance groups');
  const templates = valueOr(estate.instanceTemplates, result, 'the instance templates');
  const instances = valueOr(estate.instances, result, 'the Apigee instances (their IPs)');
  // The NEGs of Apigee's path only: a PSC NEG to another service is another load balancer's.
  const pscNegs = estate.topology.pscBackends;

  if (!migs || !templates) {
    // The bridges are unknown, but a Private Service Connect path needs neither MIG nor template.
    if (pscNegs.length > 0) judgePscNegs(ctx, result, pscNegs, instances);
    judgeFailedToPick(ctx, result);
    return result.result('');
  }
  const { bridges } = estate.topology;
  if (bridges.length === 0 && pscNegs.length > 0) {
    // The path to Apigee first, then what a broken path leads to (no backend to pick).
    const connected = judgePscNegs(ctx, result, pscNegs, instances);
    judgeFailedToPick(ctx, result);
    return result.result(pscPassSummary(connected));
  }
  if (bridges.length === 0) {
    judgeFailedToPick(ctx, result);
    return concludeWithoutBridge(ctx, result, services, migs, instances);
  }

  const healthy: string[] = [];
  const blocked: FirewallBlock[] = [];
  const admitted: RequiredIngress[] = [];
  // The causes first (a stale ENDPOINT, a firewall that keeps the load balancer out), then what
  // they lead to (no healthy backend): the unhealthy backends are reported after the firewall.
  const symptoms: (() => void)[] = [];
  for (const bridge of bridges) {
    const before = result.findingCount;
    let unhealthy = false;
    if (instances) judgeEndpoint(ctx, result, bridge, instances);
    judgeBackendHealth(ctx, result, bridge, (report) => {
      unhealthy = true;
      symptoms.push(report);
    });
    const { block, admitted: admits } = judgeFirewall(ctx, result, bridge);
    if (block) blocked.push(block);
    for (const flow of admits) {
      if (!admitted.some((a) => a.range === flow.range && a.port === flow.port)) admitted.push(flow);
    }
    judgeMigState(ctx, result, bridge);
    judgeBootImage(ctx, result, bridge);
    if (result.findingCount === before && !block && !unhealthy) {
      healthy.push(`${bridge.mig.name} (${bridge.region ?? 'zonal'}, ENDPOINT ${bridge.endpoint ?? 'none'})`);
    }
  }
  // MIGs that share a network and tag share one firewall finding.
  reportFirewallBlocks(result, blocked, project);
  for (const report of symptoms) report();
  // A load balancer part-way from bridges to Private Service Connect has both kinds of backend.
  const connected = pscNegs.length > 0 ? judgePscNegs(ctx, result, pscNegs, instances) : [];
  // The symptom the causes above explain: the load balancer had no backend to pick.
  judgeFailedToPick(ctx, result);
  return result.result(
    `Bridge MIG${healthy.length === 1 ? '' : 's'} ${healthy.join(', ')} ${healthy.length === 1 ? 'has healthy backends, forwards to its' : 'have healthy backends, forward to their'} region's Apigee instance, and the firewall admits ${describeAdmitted(admitted) || 'what the load balancer sends'}.${connected.length > 0 ? ` ${pscPassSummary(connected)}` : ''}`,
  );
}
