import { describe, expect, it } from 'vitest';
import { proxyMigCheck } from '../../../../src/diagnosis/checks/proxy-mig.js';
import type { Estate, Loaded } from '../../../../src/diagnosis/estate.js';
import { backendHealthKey } from '../../../../src/diagnosis/estate.js';
import type {
  FirewallPolicy,
  FirewallRule,
  HealthCheck,
  InstanceTemplate,
  NetworkEndpointGroup,
  Subnetwork,
} from '../../../../src/gcp/types.js';
import {
  contextOf,
  denied,
  emptyLogs,
  healthyEstate,
  INSTANCE_IP,
  NETWORK_KEY,
  ok,
  readable,
  URLS,
} from './healthy-estate.js';

const run = async (change: (estate: Awaited<ReturnType<typeof healthyEstate>>) => void) => {
  const estate = await healthyEstate();
  change(estate);
  return proxyMigCheck.run(contextOf(estate));
};

function templateWith(
  estate: Awaited<ReturnType<typeof healthyEstate>>,
  edit: (t: InstanceTemplate) => void,
): void {
  if (!estate.instanceTemplates.ok) return;
  const template = structuredClone(estate.instanceTemplates.value[0]!);
  edit(template);
  estate.instanceTemplates = ok([template]);
}

describe('proxy-mig check', () => {
  it('passes a healthy bridge MIG that forwards to its region’s instance behind an open firewall', async () => {
    const result = await run(() => {});
    expect(result.status).toBe('pass');
    expect(result.summary).toMatchInlineSnapshot(
      `"Bridge MIG apigee-mig-us-central1 (us-central1, ENDPOINT 10.9.0.2) has healthy backends, forwards to its region's Apigee instance, and the firewall admits 130.211.0.0/22 and 35.191.0.0/16 on tcp:443."`,
    );
  });

  it('fails a bridge whose PSC endpoint targets a service attachment the instance no longer has', async () => {
    const tenant = 'projects/t-tp/regions/us-central1/serviceAttachments';
    const result = await run((estate) => {
      estate.instances = ok([
        {
          name: 'acme-us-central1',
          location: 'us-central1',
          host: '10.9.8.2',
          serviceAttachment: `${tenant}/apigee-us-central1-new`,
        },
      ]);
      const rules = estate.forwardingRules.ok ? estate.forwardingRules.value : [];
      estate.forwardingRules = ok([
        ...rules,
        {
          name: 'psc-ea-us-central1',
          region: 'https://www.googleapis.com/compute/v1/projects/acme-prj/regions/us-central1',
          selfLink:
            'https://www.googleapis.com/compute/v1/projects/acme-prj/regions/us-central1/forwardingRules/psc-ea-us-central1',
          IPAddress: INSTANCE_IP,
          target: `https://www.googleapis.com/compute/v1/${tenant}/apigee-us-central1-old`,
          network: URLS.network,
          pscConnectionStatus: 'CLOSED',
        },
      ]);
    });
    expect(result.findings[0]?.id).toBe('proxy-mig/stale-endpoint');
    expect(result.summary).toBe(
      `Bridge MIG apigee-mig-us-central1 forwards to Private Service Connect endpoint psc-ea-us-central1 (${INSTANCE_IP}), which targets apigee-us-central1-old, not the service attachment of Apigee instance acme-us-central1 in us-central1 (apigee-us-central1-new).`,
    );
    expect(result.remediation.flatMap((r) => r.commands)).toContain(
      `gcloud compute forwarding-rules create psc-ea-us-central1-new --project=acme-prj --region=us-central1 --network=default --address=ADDRESS --target-service-attachment=${tenant}/apigee-us-central1-new`,
    );
  });

  it('fails when no backend is HEALTHY', async () => {
    const result = await run((estate) => {
      estate.backendHealth[backendHealthKey(URLS.backendService, URLS.instanceGroup)] = ok([
        { instance: URLS.vm, healthState: 'UNHEALTHY' },
      ]);
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'No backend of bridge MIG apigee-mig-us-central1 is HEALTHY in backend service apigee-backend (apigee-mig-us-central1-abcd UNHEALTHY).',
    );
    expect(result.remediation[0]?.commands).toEqual([
      'gcloud compute backend-services get-health apigee-backend --project=acme-prj --global',
    ]);
  });

  it('fails when ENDPOINT still holds the old instance IP, naming both, with the new-template procedure', async () => {
    const result = await run((estate) => {
      estate.instances = ok([
        { name: 'acme-us-central1', location: 'us-central1', host: '10.9.4.2', state: 'ACTIVE' },
      ]);
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      `Bridge MIG apigee-mig-us-central1 forwards to ENDPOINT ${INSTANCE_IP}, but Apigee instance acme-us-central1 in us-central1 is at 10.9.4.2.`,
    );
    const commands = result.remediation.flatMap((r) => r.commands);
    expect(commands[0]).toContain(
      'gcloud compute instance-templates create apigee-mig-us-central1-10-9-4-2 --project=acme-prj',
    );
    expect(commands[0]).toContain('--metadata=ENDPOINT=10.9.4.2,startup-script-url=gs://apigee-5g-saas/');
    expect(commands[0]).toContain('--tags=apigee-mig-proxy,gke-apigee-proxy');
    expect(commands[1]).toBe(
      'gcloud compute instance-groups managed rolling-action start-update apigee-mig-us-central1 --project=acme-prj --region=us-central1 --version=template=apigee-mig-us-central1-10-9-4-2',
    );
  });

  it('fails when a higher-priority deny blocks one health-check range, naming the range and the rule', async () => {
    const denyAll: FirewallRule = {
      name: 'deny-all',
      priority: 500,
      direction: 'INGRESS',
      sourceRanges: ['35.191.0.0/16'],
      denied: [{ IPProtocol: 'all' }],
    };
    const result = await run((estate) => {
      const current = estate.effectiveFirewalls[NETWORK_KEY];
      if (current?.ok)
        estate.effectiveFirewalls[NETWORK_KEY] = ok({
          firewalls: [...(current.value.firewalls ?? []), denyAll],
        });
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Connection from 35.191.0.0/16 to tag apigee-mig-proxy (bridge MIG apigee-mig-us-central1) on tcp:443 is blocked by deny rule `deny-all` (priority 500).',
    );
    expect(result.remediation[0]?.commands).toEqual([
      'gcloud compute firewall-rules create allow-google-lb-to-apigee-mig-proxy --project=acme-prj --network=default --direction=INGRESS --priority=499 --source-ranges=130.211.0.0/22,35.191.0.0/16 --target-tags=apigee-mig-proxy --allow=tcp:443',
    ]);
  });

  it('fails when no rule allows the ranges at all (implied deny), for both ranges', async () => {
    const result = await run((estate) => {
      estate.effectiveFirewalls[NETWORK_KEY] = ok({ firewalls: [] });
    });
    expect(result.summary).toBe(
      'Connection from 130.211.0.0/22 to tag apigee-mig-proxy (bridge MIG apigee-mig-us-central1) on tcp:443 is blocked by the implied deny-all ingress rule (no rule allows it); from 35.191.0.0/16 by the implied deny-all ingress rule (no rule allows it).',
    );
  });

  it('reports failed_to_pick_backend from the load balancer logs', async () => {
    const result = await run((estate) => {
      const logs = emptyLogs();
      logs.errors = {
        total: 42,
        groups: [
          {
            statusDetails: 'failed_to_pick_backend',
            statuses: [{ value: '502', count: 42 }],
            count: 42,
            lastSeen: '2026-03-01T11:59:00Z',
          },
        ],
      };
      estate.lbLogs = ok(logs);
    });
    expect(result.status).toBe('fail');
    expect(readable(result).summary).toBe(
      'The load balancer answered 42 requests with failed_to_pick_backend (last at 2026-03-01 11:59:00 UTC).',
    );
  });

  it('fails on an empty MIG and on VMs that are not RUNNING, warns when not stable', async () => {
    const empty = await run((estate) => {
      if (estate.instanceGroupManagers.ok) estate.instanceGroupManagers.value[0]!.targetSize = 0;
    });
    expect(empty.summary).toMatch(/^Bridge MIG apigee-mig-us-central1 has a target size of 0/);
    const stopped = await run((estate) => {
      estate.managedInstances[URLS.mig] = ok([
        { instance: URLS.vm, instanceStatus: 'STOPPING', currentAction: 'RECREATING' },
      ]);
    });
    expect(stopped.summary).toBe(
      '1 of 1 VMs of bridge MIG apigee-mig-us-central1 are not RUNNING (apigee-mig-us-central1-abcd STOPPING (RECREATING)).',
    );
    const unstable = await run((estate) => {
      if (estate.instanceGroupManagers.ok)
        estate.instanceGroupManagers.value[0]!.status = { isStable: false };
    });
    expect(unstable.status).toBe('warn');
  });

  it('warns when the template boots an image family past its end of life', async () => {
    const result = await run((estate) =>
      templateWith(estate, (t) => {
        t.properties!.disks = [
          {
            boot: true,
            initializeParams: { sourceImage: 'projects/centos-cloud/global/images/family/centos-7' },
          },
        ];
      }),
    );
    expect(result.status).toBe('warn');
    expect(result.summary).toMatch(/boots CentOS 7 \(centos-7\), past its end of life on 2024-06-30/);
    expect(result.remediation[0]?.commands[0]).toContain(
      '--image-family=debian-12 --image-project=debian-cloud',
    );
  });

  it('is error naming the permission when the MIGs cannot be listed', async () => {
    const result = await run((estate) => {
      estate.instanceGroupManagers = denied(
        'compute.instanceGroupManagers.list',
        'compute.instanceGroupManagers.aggregatedList',
      );
    });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      'Could not read the managed instance groups: permission compute.instanceGroupManagers.list is missing on projects/acme-prj',
    );
  });

  it('is error for the firewall when the effective firewalls are denied, while the rest still concludes', async () => {
    const result = await run((estate) => {
      estate.effectiveFirewalls[NETWORK_KEY] = denied(
        'compute.networks.getEffectiveFirewalls',
        'compute.networks.getEffectiveFirewalls',
      );
      estate.instances = ok([{ name: 'acme-us-central1', location: 'us-central1', host: '10.9.4.2' }]);
    });
    expect(result.status).toBe('fail');
    expect(result.evidence.map((e) => e.detail)).toContain(
      'compute.networks.getEffectiveFirewalls failed: permission compute.networks.getEffectiveFirewalls is missing on projects/acme-prj',
    );
  });

  it('reports a firewall shared by two MIGs once, naming both, with one rule to create', async () => {
    const result = await run((estate) => {
      addSecondRegionMig(estate);
      estate.effectiveFirewalls[NETWORK_KEY] = ok({ firewalls: [] });
    });
    expect(result.status).toBe('fail');
    const firewallEvidence = result.evidence.filter((e) => e.resource === NETWORK_KEY);
    expect(firewallEvidence.map((e) => e.detail)).toEqual([
      'ingress tcp:443 from 130.211.0.0/22 to tag apigee-mig-proxy: blocked by the implied deny-all ingress rule (no rule allows it); affects bridge MIGs apigee-mig-us-central1, apigee-mig-europe-west1',
      'ingress tcp:443 from 35.191.0.0/16 to tag apigee-mig-proxy: blocked by the implied deny-all ingress rule (no rule allows it); affects bridge MIGs apigee-mig-us-central1, apigee-mig-europe-west1',
    ]);
    const creates = result.remediation
      .flatMap((r) => r.commands)
      .filter((c) => c.includes('firewall-rules create'));
    expect(creates).toEqual([
      'gcloud compute firewall-rules create allow-google-lb-to-apigee-mig-proxy --project=acme-prj --network=default --direction=INGRESS --priority=1000 --source-ranges=130.211.0.0/22,35.191.0.0/16 --target-tags=apigee-mig-proxy --allow=tcp:443',
    ]);
    expect(result.summary).toBe(
      'Connection from 130.211.0.0/22 to tag apigee-mig-proxy (bridge MIGs apigee-mig-us-central1, apigee-mig-europe-west1) on tcp:443 is blocked by the implied deny-all ingress rule (no rule allows it); from 35.191.0.0/16 by the implied deny-all ingress rule (no rule allows it).',
    );
  });

  it('names resources relatively in evidence and by short name in the new-template command', async () => {
    const result = await run((estate) => {
      templateWith(estate, (t) => {
        t.properties!.networkInterfaces = [
          { name: 'nic0', network: URLS.network, subnetwork: `${SUBNET_URL}` },
        ];
      });
      estate.instances = ok([{ name: 'acme-us-central1', location: 'us-central1', host: '10.9.4.2' }]);
    });
    expect(result.evidence.map((e) => e.resource)).toContain(
      'projects/acme-prj/global/instanceTemplates/apigee-mig-template-1',
    );
    expect(result.evidence.every((e) => !e.resource.startsWith('https://'))).toBe(true);
    expect(result.remediation[0]?.commands[0]).toContain(
      '--network=default --subnet=apigee-subnet-us-central1 --region=us-central1 ',
    );
  });

  it('tells a hierarchical policy deny apart: a VPC rule cannot override it, so the policy rule is named', async () => {
    const result = await run((estate) => {
      estate.effectiveFirewalls[NETWORK_KEY] = ok({
        firewalls: [],
        firewallPolicys: [
          {
            name: '101',
            shortName: 'org-baseline',
            type: 'HIERARCHY',
            rules: [
              {
                priority: 100,
                direction: 'INGRESS',
                action: 'deny',
                match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] },
              },
            ],
          },
        ],
      });
    });
    expect(result.summary).toBe(
      'Connection from 130.211.0.0/22 to tag apigee-mig-proxy (bridge MIG apigee-mig-us-central1) on tcp:443 is blocked by deny rule of firewall policy `org-baseline` (priority 100); from 35.191.0.0/16 by deny rule of firewall policy `org-baseline` (priority 100).',
    );
    const commands = result.remediation.flatMap((r) => r.commands);
    expect(commands).toEqual(['gcloud compute firewall-policies rules describe 100 --firewall-policy=101']);
  });
  it('does not call the MIG unrouted when the backend services could not be read', async () => {
    const result = await run((estate) => {
      estate.backendServices = denied(
        'compute.backendServices.list',
        'compute.backendServices.aggregatedList',
      );
    });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/^Could not read the backend services/);
    expect(result.evidence.some((e) => e.detail.includes('is in no backend service'))).toBe(false);
  });

  it('is skipped without Apigee instance or bridge, a zonal NEG backend counting as no PSC NEG', async () => {
    const zonalNeg =
      'https://www.googleapis.com/compute/v1/projects/acme-prj/zones/us-central1-a/networkEndpointGroups/web-neg';
    const result = await run((estate) => {
      estate.instanceGroupManagers = ok([]);
      estate.instances = ok([]);
      estate.backendServices = ok([
        { name: 'web', selfLink: URLS.backendService, backends: [{ group: zonalNeg }] },
      ]);
    });
    expect(result.status).toBe('skipped');
    expect(result.summary).toBe(
      'Organization acme-prj has no Apigee instance and project acme-prj no bridge MIG: there is nothing to forward to.',
    );
    expect(result.evidence.map((e) => e.detail)).toEqual([
      'backend projects/acme-prj/zones/us-central1-a/networkEndpointGroups/web-neg is not an Apigee bridge; health not read',
    ]);
  });
});

const SUBNET_URL =
  'https://www.googleapis.com/compute/v1/projects/acme-prj/regions/us-central1/subnetworks/apigee-subnet-us-central1';

/** A second bridge MIG in europe-west1 on the same network, with the same tags, healthy. */
function addSecondRegionMig(estate: Awaited<ReturnType<typeof healthyEstate>>): void {
  if (!estate.instanceGroupManagers.ok || !estate.instanceTemplates.ok || !estate.backendServices.ok) return;
  if (!estate.instances.ok) return;
  const base = 'https://www.googleapis.com/compute/v1/projects/acme-prj';
  const mig = `${base}/regions/europe-west1/instanceGroupManagers/apigee-mig-europe-west1`;
  const group = `${base}/regions/europe-west1/instanceGroups/apigee-mig-europe-west1`;
  const template = structuredClone(estate.instanceTemplates.value[0]!);
  template.name = 'apigee-mig-template-eu';
  template.selfLink = `${base}/global/instanceTemplates/apigee-mig-template-eu`;
  template.properties!.metadata!.items![0]!.value = '10.10.0.2';
  estate.instanceTemplates = ok([...estate.instanceTemplates.value, template]);
  estate.instanceGroupManagers = ok([
    ...estate.instanceGroupManagers.value,
    {
      name: 'apigee-mig-europe-west1',
      selfLink: mig,
      region: `${base}/regions/europe-west1`,
      instanceGroup: group,
      versions: [{ instanceTemplate: template.selfLink }],
      targetSize: 1,
      status: { isStable: true },
    },
  ]);
  estate.instances = ok([
    ...estate.instances.value,
    { name: 'acme-europe-west1', location: 'europe-west1', host: '10.10.0.2' },
  ]);
  const service = estate.backendServices.value[0]!;
  service.backends = [...(service.backends ?? []), { group }];
  estate.backendHealth[backendHealthKey(URLS.backendService, group)] = ok([
    { instance: `${base}/zones/europe-west1-b/instances/apigee-mig-europe-west1-x1`, healthState: 'HEALTHY' },
  ]);
  estate.managedInstances[mig] = ok([{ instance: 'x1', instanceStatus: 'RUNNING' }]);
}

describe('proxy-mig check on a Private Service Connect path', () => {
  const BASE = 'https://www.googleapis.com/compute/v1/projects/acme-prj';
  const NEG_URL = `${BASE}/regions/us-central1/networkEndpointGroups/apigee-psc-neg`;
  const ATTACHMENT = 'projects/tp-1a2b/regions/us-central1/serviceAttachments/apigee-us-central1-7c1d';
  const STALE = 'projects/tp-1a2b/regions/us-central1/serviceAttachments/apigee-us-central1-0e9f';

  function pscNeg(edit: Partial<NetworkEndpointGroup> = {}): NetworkEndpointGroup {
    return {
      name: 'apigee-psc-neg',
      selfLink: NEG_URL,
      region: `${BASE}/regions/us-central1`,
      networkEndpointType: 'PRIVATE_SERVICE_CONNECT',
      pscTargetService: ATTACHMENT,
      pscData: { pscConnectionStatus: 'ACCEPTED', consumerPscAddress: '10.10.0.5' },
      network: URLS.network,
      subnetwork: `${BASE}/regions/us-central1/subnetworks/psc-subnet`,
      ...edit,
    };
  }

  /** The healthy estate moved to PSC: no bridge MIG, the backend service on `neg`. */
  const runPsc = (neg: Loaded<NetworkEndpointGroup>, change: (estate: Estate) => void = () => {}) =>
    run((estate) => {
      estate.instanceGroupManagers = ok([]);
      estate.instanceTemplates = ok([]);
      estate.backendHealth = {};
      estate.backendServices = ok([
        { name: 'apigee-backend', selfLink: URLS.backendService, backends: [{ group: NEG_URL }] },
      ]);
      estate.networkEndpointGroups = { [NEG_URL]: neg };
      if (estate.instances.ok) {
        estate.instances = ok(estate.instances.value.map((i) => ({ ...i, serviceAttachment: ATTACHMENT })));
      }
      change(estate);
    });

  it('passes a NEG that targets its region’s instance attachment with an ACCEPTED connection', async () => {
    const result = await runPsc(ok(pscNeg()));

    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      "The load balancer reaches Apigee through Private Service Connect NEG apigee-psc-neg (us-central1, to acme-us-central1): it targets the instance's service attachment and the connection is ACCEPTED.",
    );
    expect(result.evidence).toContainEqual({
      resource: 'projects/acme-prj/regions/us-central1/networkEndpointGroups/apigee-psc-neg',
      detail: `targets ${ATTACHMENT} (the service attachment of Apigee instance acme-us-central1); connection ACCEPTED at 10.10.0.5`,
      relevance: 'fine',
    });
  });

  it('fails a NEG on a stale service attachment, naming both, with a new NEG and the backend swap', async () => {
    const result = await runPsc(
      ok(pscNeg({ pscTargetService: STALE, pscData: { pscConnectionStatus: 'CLOSED' } })),
    );

    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      `PSC NEG apigee-psc-neg targets ${STALE}, but Apigee instance acme-us-central1 in us-central1 publishes service attachment ${ATTACHMENT} (connection CLOSED).`,
    );
    expect(result.evidence).toEqual([
      {
        resource: 'projects/acme-prj/regions/us-central1/networkEndpointGroups/apigee-psc-neg',
        detail: `pscTargetService = ${STALE}; pscData.pscConnectionStatus = CLOSED; backend of apigee-backend`,
        relevance: 'fail',
      },
      {
        resource: 'organizations/acme-prj/instances/acme-us-central1',
        detail: `serviceAttachment = ${ATTACHMENT}`,
        relevance: 'fail',
      },
    ]);
    expect(result.remediation).toEqual([
      {
        step: `Create a PSC NEG on the service attachment of Apigee instance acme-us-central1 (${ATTACHMENT}), add it to backend service apigee-backend, then remove NEG apigee-psc-neg.`,
        commands: [
          `gcloud compute network-endpoint-groups create apigee-us-central1-7c1d-neg --project=acme-prj --network-endpoint-type=private-service-connect --psc-target-service=${ATTACHMENT} --region=us-central1 --network=default --subnet=psc-subnet`,
          'gcloud compute backend-services add-backend apigee-backend --project=acme-prj --global --network-endpoint-group=apigee-us-central1-7c1d-neg --network-endpoint-group-region=us-central1',
          'gcloud compute backend-services remove-backend apigee-backend --project=acme-prj --global --network-endpoint-group=apigee-psc-neg --network-endpoint-group-region=us-central1',
        ],
      },
    ]);
  });

  it('fails a PENDING connection to the right attachment, with the accept list to extend', async () => {
    const result = await runPsc(ok(pscNeg({ pscData: { pscConnectionStatus: 'PENDING' } })), (estate) => {
      if (!estate.instances.ok) return;
      estate.instances = ok(estate.instances.value.map((i) => ({ ...i, consumerAcceptList: ['other-prj'] })));
    });

    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(
      /^The Private Service Connect connection of NEG apigee-psc-neg to apigee-us-central1-7c1d is PENDING, not ACCEPTED: /,
    );
    expect(result.evidence.map((e) => e.detail)).toContain(
      'consumerAcceptList = other-prj; acme-prj is not on it',
    );
    expect(result.remediation[0]?.commands[0]).toBe(
      `curl -X PATCH -H "Authorization: Bearer $(gcloud auth print-access-token)" -H "Content-Type: application/json" "https://apigee.googleapis.com/v1/organizations/acme-prj/instances/acme-us-central1?updateMask=consumerAcceptList" -d '{"consumerAcceptList":["other-prj","acme-prj"]}'`,
    );
  });

  it('fails a REJECTED connection, saying the project is not on the accept list', async () => {
    const result = await runPsc(ok(pscNeg({ pscData: { pscConnectionStatus: 'REJECTED' } })));

    expect(result.status).toBe('fail');
    expect(result.summary).toContain('is REJECTED, not ACCEPTED: the Apigee instance refused the connection');
  });

  it('fails a NEG in a region without an Apigee instance, offering a NEG in the instance’s region', async () => {
    const elsewhere = `${BASE}/regions/europe-west1/networkEndpointGroups/apigee-psc-neg`;
    const result = await runPsc(
      ok(pscNeg({ selfLink: elsewhere, region: `${BASE}/regions/europe-west1`, subnetwork: undefined })),
      (estate) => {
        estate.backendServices = ok([
          { name: 'apigee-backend', selfLink: URLS.backendService, backends: [{ group: elsewhere }] },
        ]);
        estate.networkEndpointGroups = { [elsewhere]: estate.networkEndpointGroups[NEG_URL]! };
      },
    );

    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      `PSC NEG apigee-psc-neg in europe-west1 targets ${ATTACHMENT}, but organization acme-prj has no Apigee instance in europe-west1 (instances: acme-us-central1 in us-central1).`,
    );
    expect(result.remediation[0]?.commands[0]).toContain(
      '--region=us-central1 --network=default --subnet=SUBNET',
    );
  });

  it('is error naming the permission when the NEG cannot be read, and does not call the path broken', async () => {
    const result = await runPsc({
      ok: false,
      error: {
        kind: 'permission-denied',
        api: 'compute',
        method: 'compute.regionNetworkEndpointGroups.get',
        resource: 'projects/acme-prj/regions/us-central1/networkEndpointGroups/apigee-psc-neg',
        permission: 'compute.regionNetworkEndpointGroups.get',
        httpStatus: 403,
        message: 'denied',
      },
    });

    expect(result.status).toBe('error');
    expect(result.summary).toMatch(
      /^Could not read network endpoint group apigee-psc-neg \(its Private Service Connect target\): permission compute\.regionNetworkEndpointGroups\.get is missing/,
    );
  });

  it('still judges the PSC path when the MIGs cannot be listed', async () => {
    const result = await runPsc(ok(pscNeg({ pscTargetService: STALE })), (estate) => {
      estate.instanceGroupManagers = denied(
        'compute.instanceGroupManagers.list',
        'compute.instanceGroupManagers.aggregatedList',
      );
    });

    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(
      /^PSC NEG apigee-psc-neg targets .*0e9f, but Apigee instance acme-us-central1/,
    );
    expect(result.summary).toContain('(+1 more finding)');
  });

  it('does not take a serverless regional NEG for a PSC NEG', async () => {
    const result = await runPsc(
      ok(pscNeg({ networkEndpointType: 'SERVERLESS', pscTargetService: undefined })),
    );

    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/^No bridge MIG found/);
    expect(result.evidence.map((e) => e.detail)).toContain(
      'backend projects/acme-prj/regions/us-central1/networkEndpointGroups/apigee-psc-neg (SERVERLESS NEG) is not an Apigee bridge; health not read',
    );
  });

  it('leaves alone a PSC NEG to another producer’s service, behind another load balancer', async () => {
    const vendorNeg = `${BASE}/regions/us-central1/networkEndpointGroups/payments-psc`;
    const result = await run((estate) => {
      if (!estate.backendServices.ok) return;
      estate.backendServices = ok([
        ...estate.backendServices.value,
        {
          name: 'payments',
          selfLink: `${BASE}/global/backendServices/payments`,
          backends: [{ group: vendorNeg }],
        },
      ]);
      estate.networkEndpointGroups = {
        [vendorNeg]: ok(
          pscNeg({
            name: 'payments-psc',
            selfLink: vendorNeg,
            pscTargetService: 'projects/vendor-prj/regions/us-central1/serviceAttachments/payments',
            pscData: { pscConnectionStatus: 'PENDING' },
          }),
        ),
      };
      if (estate.instances.ok) {
        estate.instances = ok(estate.instances.value.map((i) => ({ ...i, serviceAttachment: ATTACHMENT })));
      }
    });

    // The code before the topology judged it against the Apigee instance: a false "targets … but".
    expect(result.status).toBe('pass');
    expect(result.summary).not.toContain('payments-psc');
  });

  it('judges a PSC NEG beside a healthy bridge MIG (a migration half done)', async () => {
    const result = await run((estate) => {
      if (!estate.backendServices.ok) return;
      const [service] = estate.backendServices.value;
      estate.backendServices = ok([
        { ...service, backends: [...(service?.backends ?? []), { group: NEG_URL }] },
      ]);
      estate.networkEndpointGroups = {
        [NEG_URL]: ok(pscNeg({ pscData: { pscConnectionStatus: 'NEEDS_ATTENTION' } })),
      };
      if (estate.instances.ok) {
        estate.instances = ok(estate.instances.value.map((i) => ({ ...i, serviceAttachment: ATTACHMENT })));
      }
    });

    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/is NEEDS_ATTENTION, not ACCEPTED/);
  });
});

type HealthyEstate = Awaited<ReturnType<typeof healthyEstate>>;

const openOn = (ports: string[], ranges = ['130.211.0.0/22', '35.191.0.0/16']): FirewallRule => ({
  name: `allow-lb-${ports.join('-')}`,
  priority: 1000,
  direction: 'INGRESS',
  sourceRanges: ranges,
  targetTags: ['apigee-mig-proxy'],
  allowed: [{ IPProtocol: 'tcp', ports }],
});

function withFirewalls(
  estate: HealthyEstate,
  firewalls: FirewallRule[],
  policies: FirewallPolicy[] = [],
): void {
  estate.effectiveFirewalls[NETWORK_KEY] = ok({ firewalls, firewallPolicys: policies });
}

function withHealthCheck(estate: HealthyEstate, https: HealthCheck['httpsHealthCheck']): void {
  estate.healthChecks = ok([
    { name: 'hc-apigee', selfLink: URLS.healthCheck, type: 'HTTPS', httpsHealthCheck: https },
  ]);
}

function withNamedPort(estate: HealthyEstate, port: number): void {
  if (!estate.instanceGroupManagers.ok) return;
  estate.instanceGroupManagers = ok(
    estate.instanceGroupManagers.value.map((mig) => ({ ...mig, namedPorts: [{ name: 'https', port }] })),
  );
}

function withEnforcementOrder(estate: HealthyEstate, order: string): void {
  const network = estate.networks[NETWORK_KEY];
  if (network?.ok)
    estate.networks[NETWORK_KEY] = ok({ ...network.value, networkFirewallPolicyEnforcementOrder: order });
}

const gotoNext = {
  priority: 2147483645,
  direction: 'INGRESS',
  action: 'goto_next',
  match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] },
};

const networkPolicyDenying = (range: string, type = 'NETWORK'): FirewallPolicy => ({
  name: 'apigee-net-policy',
  type,
  rules: [
    {
      priority: 1000,
      direction: 'INGRESS',
      action: 'deny',
      match: { srcIpRanges: [range], layer4Configs: [{ ipProtocol: 'tcp', ports: ['443'] }] },
    },
    gotoNext,
  ],
});

const REGIONAL_SERVICE =
  'https://www.googleapis.com/compute/v1/projects/acme-prj/regions/us-central1/backendServices/apigee-backend';

function behindRegionalLoadBalancer(estate: HealthyEstate, subnets: Subnetwork[]): void {
  if (!estate.backendServices.ok) return;
  estate.backendServices = ok(
    estate.backendServices.value.map((service) => ({
      ...service,
      selfLink: REGIONAL_SERVICE,
      region: 'https://www.googleapis.com/compute/v1/projects/acme-prj/regions/us-central1',
    })),
  );
  estate.backendHealth = {
    [backendHealthKey(REGIONAL_SERVICE, URLS.instanceGroup)]: ok([
      { instance: URLS.vm, ipAddress: '10.128.0.5', port: 443, healthState: 'HEALTHY' },
    ]),
  };
  estate.subnetworks = { 'acme-prj': ok(subnets) };
}

const proxyOnly: Subnetwork = {
  name: 'proxy-only-us-central1',
  selfLink:
    'https://www.googleapis.com/compute/v1/projects/acme-prj/regions/us-central1/subnetworks/proxy-only-us-central1',
  region: 'https://www.googleapis.com/compute/v1/projects/acme-prj/regions/us-central1',
  network: URLS.network,
  ipCidrRange: '10.129.0.0/23',
  purpose: 'REGIONAL_MANAGED_PROXY',
  role: 'ACTIVE',
};

describe('proxy-mig firewall as Google applies it', () => {
  it('fails on a network firewall policy deny read before the VPC rules (BEFORE_CLASSIC_FIREWALL)', async () => {
    const result = await run((estate) => {
      withEnforcementOrder(estate, 'BEFORE_CLASSIC_FIREWALL');
      withFirewalls(estate, [openOn(['443'])], [networkPolicyDenying('35.191.0.0/16')]);
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Connection from 35.191.0.0/16 to tag apigee-mig-proxy (bridge MIG apigee-mig-us-central1) on tcp:443 is blocked by deny rule of firewall policy `apigee-net-policy` (priority 1000).',
    );
    expect(result.remediation[0]?.step).toContain(
      'network default reads its network firewall policies before its VPC firewall rules (networkFirewallPolicyEnforcementOrder BEFORE_CLASSIC_FIREWALL)',
    );
    expect(result.remediation.flatMap((r) => r.commands)).toEqual([
      'gcloud compute network-firewall-policies rules describe 1000 --firewall-policy=apigee-net-policy --global-firewall-policy --project=acme-prj',
    ]);
  });

  it('passes the same estate in the default order, where the VPC allow is read first', async () => {
    const result = await run((estate) => {
      withEnforcementOrder(estate, 'AFTER_CLASSIC_FIREWALL');
      withFirewalls(estate, [openOn(['443'])], [networkPolicyDenying('35.191.0.0/16')]);
    });
    expect(result.status).toBe('pass');
  });

  it('reads the regional network firewall policies of the MIG’s region from the regional answer', async () => {
    const result = await run((estate) => {
      withEnforcementOrder(estate, 'BEFORE_CLASSIC_FIREWALL');
      estate.regionalEffectiveFirewalls[`${NETWORK_KEY} us-central1`] = ok({
        firewalls: [openOn(['443'])],
        firewallPolicys: [networkPolicyDenying('130.211.0.0/22', 'NETWORK_REGIONAL')],
      });
    });
    expect(result.status).toBe('fail');
    expect(result.remediation.flatMap((r) => r.commands)).toEqual([
      'gcloud compute network-firewall-policies rules describe 1000 --firewall-policy=apigee-net-policy --firewall-policy-region=us-central1 --project=acme-prj',
    ]);
  });

  it('cannot conclude when the regional policies are unread and would be read before the deciding rule', async () => {
    const result = await run((estate) => {
      withEnforcementOrder(estate, 'BEFORE_CLASSIC_FIREWALL');
      estate.regionalEffectiveFirewalls[`${NETWORK_KEY} us-central1`] = denied(
        'compute.networks.getRegionEffectiveFirewalls',
        'compute.regionNetworkFirewallPolicies.getEffectiveFirewalls',
      );
    });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('permission compute.networks.getRegionEffectiveFirewalls is missing');
    // In the default order the VPC allow decides before any regional policy: the global answer suffices.
    const after = await run((estate) => {
      estate.regionalEffectiveFirewalls[`${NETWORK_KEY} us-central1`] = denied(
        'compute.networks.getRegionEffectiveFirewalls',
        'compute.regionNetworkFirewallPolicies.getEffectiveFirewalls',
      );
    });
    expect(after.status).toBe('pass');
  });

  it('fails when the health check probes 8443 and the firewall opens only 443', async () => {
    const result = await run((estate) => {
      withHealthCheck(estate, { port: 8443, portSpecification: 'USE_FIXED_PORT' });
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Connection from 130.211.0.0/22 to tag apigee-mig-proxy (bridge MIG apigee-mig-us-central1) on tcp:8443 is blocked by the implied deny-all ingress rule (no rule allows it); from 35.191.0.0/16 by the implied deny-all ingress rule (no rule allows it).',
    );
    expect(result.evidence.map((e) => e.detail)).toContain(
      'HTTPS health check hc-apigee probes port 8443 (USE_FIXED_PORT)',
    );
    expect(result.remediation.flatMap((r) => r.commands)).toEqual([
      'gcloud compute firewall-rules create allow-google-lb-to-apigee-mig-proxy --project=acme-prj --network=default --direction=INGRESS --priority=1000 --source-ranges=130.211.0.0/22,35.191.0.0/16 --target-tags=apigee-mig-proxy --allow=tcp:8443',
    ]);
  });

  it('passes a bridge serving and health-checked on 8443 behind a firewall open on 8443 only', async () => {
    const result = await run((estate) => {
      withNamedPort(estate, 8443);
      withHealthCheck(estate, { portSpecification: 'USE_SERVING_PORT' });
      withFirewalls(estate, [openOn(['8443'])]);
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('the firewall admits 130.211.0.0/22 and 35.191.0.0/16 on tcp:8443.');
    expect(result.evidence.map((e) => e.detail)).toContain(
      'HTTPS health check hc-apigee probes port 8443 (the serving port, named port https)',
    );
  });

  it('fails a regional load balancer whose proxy-only subnet may not reach the serving port', async () => {
    const result = await run((estate) => behindRegionalLoadBalancer(estate, [proxyOnly]));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Connection from 10.129.0.0/23 to tag apigee-mig-proxy (bridge MIG apigee-mig-us-central1) on tcp:443 is blocked by the implied deny-all ingress rule (no rule allows it).',
    );
    expect(result.remediation.flatMap((r) => r.commands)).toEqual([
      'gcloud compute firewall-rules create allow-lb-proxies-to-apigee-mig-proxy --project=acme-prj --network=default --direction=INGRESS --priority=1000 --source-ranges=10.129.0.0/23 --target-tags=apigee-mig-proxy --allow=tcp:443',
    ]);
  });

  it('passes a regional load balancer once the proxy-only subnet and the health checkers are let in', async () => {
    const result = await run((estate) => {
      behindRegionalLoadBalancer(estate, [
        { ...proxyOnly, name: 'old-proxy-only', ipCidrRange: '10.200.0.0/23', role: 'BACKUP' },
        proxyOnly,
      ]);
      withFirewalls(estate, [
        openOn(['443']),
        { ...openOn(['443'], ['10.129.0.0/23']), name: 'allow-proxies' },
      ]);
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('admits 10.129.0.0/23, 130.211.0.0/22 and 35.191.0.0/16 on tcp:443');
  });

  it('cannot conclude on a regional load balancer whose network shows no ACTIVE proxy-only subnet', async () => {
    const result = await run((estate) => behindRegionalLoadBalancer(estate, []));
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/shows no ACTIVE one there/);
  });

  it('says it cannot tell when a rule on a secure tag the template does not bind would block', async () => {
    const result = await run((estate) =>
      withFirewalls(
        estate,
        [openOn(['443'])],
        [
          {
            name: '7001',
            shortName: 'org-baseline',
            type: 'HIERARCHY',
            rules: [
              {
                priority: 10,
                direction: 'INGRESS',
                action: 'deny',
                targetSecureTags: [{ name: 'tagValues/42', state: 'EFFECTIVE' }],
                match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] },
              },
              gotoNext,
            ],
          },
        ],
      ),
    );
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(
      /^Cannot tell whether 130\.211\.0\.0\/22 may reach tag apigee-mig-proxy on tcp:443 .*targets secure tag tagValues\/42/,
    );
  });

  it('still concludes when the network is unread but no network policy makes the order matter', async () => {
    const result = await run((estate) => {
      estate.networks[NETWORK_KEY] = denied('compute.networks.get', 'compute.networks.get');
    });
    expect(result.status).toBe('pass');
  });

  it('is error naming the network read when the enforcement order is unread and would decide', async () => {
    const result = await run((estate) => {
      estate.networks[NETWORK_KEY] = denied('compute.networks.get', 'compute.networks.get');
      withFirewalls(estate, [openOn(['443'])], [networkPolicyDenying('35.191.0.0/16')]);
    });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(
      /^Could not read network default, whose firewall policy enforcement order decides whether 35\.191\.0\.0\/16 may reach tag apigee-mig-proxy on tcp:443 .*: permission compute\.networks\.get is missing/,
    );
  });

  it('is skipped for a hybrid organization, saying why', async () => {
    const result = await run((estate) => {
      estate.organization = ok({ name: 'acme-prj', projectId: 'acme-prj', runtimeType: 'HYBRID' });
    });
    expect(result.status).toBe('skipped');
    expect(result.summary).toBe(
      'Organization acme-prj runs Apigee hybrid (runtimeType HYBRID), which has no Apigee instance and no bridge MIG: the ingress gateway in its cluster forwards to the runtime directly.',
    );
  });
});
