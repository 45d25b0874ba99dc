/** proxy-mig when there is no bridge MIG nor PSC NEG to judge: nothing to forward to, or a missing bridge. */
import { shortName } from '../../../gcp/names.js';
import type { ApigeeInstance, BackendService, InstanceGroupManager } from '../../../gcp/types.js';
import { backendHealthKey } from '../../estate.js';
import type { CheckContext, CheckResult, Evidence } from '../../model.js';
import { networkEndpointGroupOf } from '../../topology/network-endpoint-groups.js';
import { resourceName } from '../support/names.js';
import type { ResultBuilder } from '../support/result.js';

/**
 * The verdict when no MIG is an Apigee bridge and no backend is a Private Service Connect NEG:
 * nothing to judge when the organization has no instance to forward to, else a missing bridge.
 * What the load balancer sends to instead is shown for context.
 */
export function concludeWithoutBridge(
  ctx: CheckContext,
  result: ResultBuilder<'proxy-mig', 'no-bridge'>,
  services: BackendService[],
  migs: InstanceGroupManager[],
  instances: ApigeeInstance[] | undefined,
): CheckResult<'proxy-mig'> {
  const project = ctx.estate.project;
  const others = describeOtherBackends(ctx, services);
  if (!instances || instances.length === 0) {
    // Without an Apigee instance there is nothing for a bridge to forward to: no bridge is no fault.
    result.advise(others, []);
    if (instances) {
      return result.skipped(
        `Organization ${ctx.estate.org} has no Apigee instance and project ${project} no bridge MIG: there is nothing to forward to.`,
      );
    }
    return result.result('');
  }
  result.fail(
    'no-bridge',
    'No bridge MIG found: no instance template carries an ENDPOINT metadata item or the Apigee envoy startup script, and no backend service has a Private Service Connect NEG.',
    [
      {
        resource: `projects/${project}`,
        detail: `${migs.length} managed instance groups, none an Apigee bridge`,
      },
      ...others,
    ],
    [
      {
        step: 'Create the bridge MIG (envoy VMs forwarding to the Apigee instance IP) and put it behind the load balancer.',
        commands: [`gcloud compute instance-groups managed list --project=${project}`],
      },
    ],
  );
  return result.result('');
}

/**
 * What the load balancer sends traffic to instead of a bridge (instance groups, zonal NEGs), with
 * their health: context for a reader, not a finding, since they are no Apigee bridge.
 */
function describeOtherBackends(ctx: CheckContext, services: BackendService[]): Evidence[] {
  return services.flatMap((service) =>
    (service.backends ?? []).map((backend) => {
      const loaded = ctx.estate.backendHealth[backendHealthKey(service.selfLink ?? '', backend.group ?? '')];
      const health = !loaded
        ? 'health not read'
        : !loaded.ok
          ? `health unknown (${loaded.error.kind})`
          : loaded.value.length === 0
            ? 'no endpoint reported'
            : `${loaded.value.filter((h) => h.healthState === 'HEALTHY').length} of ${loaded.value.length} endpoints HEALTHY (${loaded.value.map((h) => `${shortName(h.instance ?? h.ipAddress ?? '?')} ${h.healthState ?? 'UNKNOWN'}`).join(', ')})`;
      const neg = backend.group ? networkEndpointGroupOf(ctx.estate, backend.group) : undefined;
      const type = neg?.ok && neg.value.networkEndpointType ? ` (${neg.value.networkEndpointType} NEG)` : '';
      return {
        resource: service.selfLink ?? service.name ?? '',
        detail: `backend ${resourceName(backend.group ?? '?')}${type} is not an Apigee bridge; ${health}`,
      };
    }),
  );
}
