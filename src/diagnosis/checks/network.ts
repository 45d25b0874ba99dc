/**
 * network — wrong network configuration.
 *
 * Why it matters: with VPC peering, Apigee is reachable only from the VPC named by the
 * organization's `authorizedNetwork`, through its `servicenetworking-googleapis-com` peering. A
 * bridge MIG built on another VPC, or an authorized network whose peering is missing or inactive
 * (or sits on a Shared VPC host the name does not point at), leaves the bridge nothing to forward
 * to, and the load balancer answers 502.
 *
 * Explains: 502.
 *
 * Compares the authorized network with the VPC that has an ACTIVE service networking peering, and
 * the bridge MIG's template and VMs' networks with the authorized network. A bridge whose ENDPOINT
 * is a Private Service Connect endpoint reaches Apigee through that endpoint, not the peering, so
 * its VPC may be another one. Organizations without VPC peering (`disableVpcPeering`) are skipped.
 */
import { sameResource, shortName } from '../../gcp/names.js';
import {
  needsSharedVpcHost,
  networkKey,
  networkParts,
  resolveAuthorizedNetwork,
} from '../../gcp/network-name.js';
import type { Network } from '../../gcp/types.js';
import type { CheckContext, CheckResult, Remediation } from '../model.js';
import { pscEndpointWithAddress } from '../topology/bridges.js';
import { defineCheck } from './support/define.js';
import { skipForHybrid } from './support/hybrid.js';
import { ResultBuilder, valueOr } from './support/result.js';

export const networkCheck = defineCheck({
  id: 'network',
  title: 'Authorized network and VPC peering',
  explains: ['502'],
  priority: 2,
  // Without the peering (or on another VPC) the bridge cannot reach Apigee: its health checks and
  // failed_to_pick_backend are this check's symptoms.
  precedes: ['proxy-mig'],
  findings: {
    'no-authorized-network': { title: 'The organization uses VPC peering but has no authorized network' },
    'authorized-network-not-found': { title: 'The authorized network does not exist' },
    'no-peering': { title: 'The authorized network has no service networking peering' },
    'peering-not-active': { title: "The authorized network's service networking peering is not ACTIVE" },
    'bridge-on-other-network': {
      title: 'The bridge MIG is built on another network than the authorized one',
    },
    'bridge-vm-on-other-network': { title: 'A bridge VM is on another network than the authorized one' },
  },
  needs: [
    'org',
    'project',
    'organization',
    'xpnHost',
    'forwardingRules',
    'networks',
    'instanceGroupManagers',
    'instanceTemplates',
    'managedInstances',
    'vmInstances',
    'topology',
  ],
  run,
});

/** The peering Service Networking creates for Apigee (and other producer services). */
export const SERVICE_NETWORKING_PEERING = 'servicenetworking-googleapis-com';

function run(ctx: CheckContext): CheckResult<'network'> {
  const { estate } = ctx;
  const project = estate.project;
  const result = new ResultBuilder(networkCheck, ctx);

  const organization = valueOr(estate.organization, result, 'the Apigee organization');
  if (!organization) return result.result('');
  const hybrid = skipForHybrid(networkCheck.id, ctx, result);
  if (hybrid) return hybrid;
  if (organization.disableVpcPeering) {
    return result.skipped(
      `Organization ${estate.org} does not use VPC peering (disableVpcPeering is true): it is reached through Private Service Connect only, so the authorized network does not apply.`,
    );
  }
  const orgProject = organization.projectId ?? project;
  if (!organization.authorizedNetwork) {
    result.fail(
      'no-authorized-network',
      `Organization ${estate.org} has no authorizedNetwork although it uses VPC peering.`,
      [
        {
          resource: `organizations/${estate.org}`,
          detail: 'authorizedNetwork is empty and disableVpcPeering is false',
        },
      ],
    );
    return result.result('');
  }
  // The loader read this network: resolve it the same way (a bare name may live in the Shared VPC host).
  const bareName = needsSharedVpcHost(organization.authorizedNetwork);
  if (bareName && !estate.xpnHost.ok) {
    result.loadError(estate.xpnHost.error, `the Shared VPC host of project ${orgProject}`);
  }
  const xpnHost = estate.xpnHost.ok ? estate.xpnHost.value?.name : undefined;
  const resolved = resolveAuthorizedNetwork(organization.authorizedNetwork, orgProject, xpnHost);
  const authorized = resolved.key;
  const { name: authorizedName, project: authorizedProject } = networkParts(authorized, orgProject);
  if (resolved.origin === 'shared-vpc-host') {
    result.note(
      `organizations/${estate.org}`,
      `authorizedNetwork ${organization.authorizedNetwork} is a bare name and project ${orgProject} is a Shared VPC service project of ${xpnHost}: it names ${authorized}`,
    );
  }

  // 1. The authorized network must carry the ACTIVE service networking peering.
  const loaded = estate.networks[authorized];
  if (!loaded) {
    result.notRead(`Network ${authorized} (the authorizedNetwork) was not loaded.`);
  } else if (!loaded.ok && loaded.error.kind === 'not-found') {
    result.fail(
      'authorized-network-not-found',
      `The organization's authorizedNetwork ${organization.authorizedNetwork} names ${authorized}, which does not exist.`,
      [{ resource: authorized, detail: `${loaded.error.method}: not found` }],
      xpnHost && authorizedProject !== xpnHost
        ? [
            {
              step: `Project ${orgProject} is a Shared VPC service project of ${xpnHost}: the authorized network should be projects/${xpnHost}/global/networks/NAME.`,
              commands: [`gcloud compute networks list --project=${xpnHost}`],
            },
          ]
        : [
            {
              step: `List the networks of project ${authorizedProject} and compare with the authorizedNetwork.`,
              commands: [`gcloud compute networks list --project=${authorizedProject}`],
            },
          ],
    );
  } else if (!loaded.ok) {
    result.loadError(loaded.error, `network ${authorized}`);
  } else {
    judgePeering(result, authorized, loaded.value, estate.networks, xpnHost, orgProject);
  }

  // 2. The bridge MIG's template network and its VMs' networks must be the authorized network.
  const migs = valueOr(estate.instanceGroupManagers, result, 'the managed instance groups');
  const templates = valueOr(estate.instanceTemplates, result, 'the instance templates');
  const vms = estate.vmInstances.ok ? estate.vmInstances.value : undefined;
  if (!estate.vmInstances.ok) result.loadError(estate.vmInstances.error, "the VMs' network interfaces");
  const bridges = migs && templates ? estate.topology.bridges : [];
  const rules = estate.forwardingRules.ok ? estate.forwardingRules.value : [];
  const throughPsc: string[] = [];
  for (const bridge of bridges) {
    const name = bridge.mig.name ?? '';
    // Through a PSC endpoint (Google's "active health check with PSC"), the peering is not the way in.
    const pscEndpoint = bridge.endpoint ? pscEndpointWithAddress(rules, bridge.endpoint) : undefined;
    if (pscEndpoint) {
      throughPsc.push(`${name} (through Private Service Connect endpoint ${pscEndpoint.name})`);
      if (bridge.network && networkKey(bridge.network, project) !== authorized) {
        result.note(
          bridge.template?.selfLink ?? name,
          `bridge MIG ${name} is on ${networkKey(bridge.network, project)}, not the authorized network, and forwards to Private Service Connect endpoint ${pscEndpoint.name} (${bridge.endpoint}): it does not need the peering`,
        );
      }
      continue;
    }
    if (bridge.network && networkKey(bridge.network, project) !== authorized) {
      result.fail(
        'bridge-on-other-network',
        `Bridge MIG ${name} is built on network ${networkKey(bridge.network, project)}, but the organization's authorizedNetwork is ${authorized}.`,
        [
          {
            resource: bridge.template?.selfLink ?? name,
            detail: `networkInterfaces[0].network = ${networkKey(bridge.network, project)}`,
          },
        ],
        [recreateOnNetwork(name, authorized, project)],
      );
      continue;
    }
    const loadedVms = bridge.mig.selfLink ? estate.managedInstances[bridge.mig.selfLink] : undefined;
    const members = loadedVms?.ok ? loadedVms.value.map((m) => m.instance) : [];
    for (const vm of (vms ?? []).filter((v) => members.some((url) => sameResource(url, v.selfLink)))) {
      const vmNetwork = vm.networkInterfaces?.[0]?.network;
      if (vmNetwork && networkKey(vmNetwork, project) !== authorized) {
        result.fail(
          'bridge-vm-on-other-network',
          `VM ${vm.name} of bridge MIG ${name} is on network ${networkKey(vmNetwork, project)}, not the authorizedNetwork ${authorized}.`,
          [
            {
              resource: vm.selfLink ?? vm.name ?? '',
              detail: `nic0 network = ${networkKey(vmNetwork, project)}`,
            },
          ],
          [recreateOnNetwork(name, authorized, project)],
        );
      }
    }
  }

  const peered = bridges.filter((b) => !throughPsc.some((t) => t.startsWith(`${b.mig.name} `)));
  const bridgeText = [
    ...(peered.length > 0 ? [`; bridge MIG ${peered.map((b) => b.mig.name).join(', ')} on it`] : []),
    ...(throughPsc.length > 0 ? [`; bridge MIG ${throughPsc.join(', ')} needs no peering`] : []),
  ].join('');
  return result.result(
    `Authorized network ${authorizedName} (${authorized}) has an ACTIVE ${SERVICE_NETWORKING_PEERING} peering${bridgeText}.`,
  );
}

function judgePeering(
  result: ResultBuilder<string, 'no-peering' | 'peering-not-active'>,
  authorized: string,
  network: Network,
  networks: CheckContext['estate']['networks'],
  xpnHost: string | undefined,
  project: string,
): void {
  const { project: networkProject, name } = networkParts(authorized, project);
  const peering = (network.peerings ?? []).find((p) => p.name === SERVICE_NETWORKING_PEERING);
  const elsewhere = Object.entries(networks)
    .filter(([key, loaded]) => key !== authorized && loaded.ok && hasActivePeering(loaded.value))
    .map(([key]) => key);
  const elsewhereText =
    elsewhere.length > 0 ? ` The ACTIVE peering is on ${elsewhere.join(', ')} instead.` : '';
  const sharedVpcText =
    xpnHost && networkProject !== xpnHost
      ? ` Project ${project} is a Shared VPC service project of ${xpnHost}.`
      : '';
  if (!peering) {
    result.fail(
      'no-peering',
      `Authorized network ${authorized} has no ${SERVICE_NETWORKING_PEERING} peering.${elsewhereText}${sharedVpcText}`,
      [
        {
          resource: authorized,
          detail: `peerings: ${(network.peerings ?? []).map((p) => `${p.name} ${p.state}`).join(', ') || 'none'}`,
        },
      ],
      [peerRemediation(name, networkProject)],
    );
    return;
  }
  if (peering.state !== 'ACTIVE') {
    result.fail(
      'peering-not-active',
      `The ${SERVICE_NETWORKING_PEERING} peering of ${authorized} is ${peering.state ?? 'in no state'}${peering.stateDetails ? ` (${peering.stateDetails})` : ''}.${elsewhereText}`,
      [
        {
          resource: authorized,
          detail: `peering ${peering.name} to ${shortName(peering.network ?? '')}: ${peering.state}`,
        },
      ],
      [peerRemediation(name, networkProject)],
    );
    return;
  }
  result.note(authorized, `peering ${peering.name} ACTIVE`);
}

function hasActivePeering(network: Network): boolean {
  return (network.peerings ?? []).some((p) => p.name === SERVICE_NETWORKING_PEERING && p.state === 'ACTIVE');
}

function peerRemediation(network: string, project: string): Remediation {
  return {
    step: `Peer network ${network} with Service Networking (reserve a range for Apigee first if none exists).`,
    commands: [
      `gcloud compute addresses create google-managed-services-${network} --project=${project} --global --purpose=VPC_PEERING --prefix-length=22 --network=${network}`,
      `gcloud services vpc-peerings connect --service=servicenetworking.googleapis.com --network=${network} --ranges=google-managed-services-${network} --project=${project}`,
      `gcloud compute networks peerings list --network=${network} --project=${project}`,
    ],
  };
}

function recreateOnNetwork(mig: string, authorized: string, project: string): Remediation {
  return {
    step: `Recreate bridge MIG ${mig} from a template on ${authorized} (a template's network cannot be changed), then point the backend service at it.`,
    commands: [
      `gcloud compute instance-templates list --project=${project} --filter="properties.networkInterfaces[0].network~${shortName(authorized)}"`,
    ],
  };
}
