/**
 * Whether the load balancer has a bridge VM to pick: the backend health of each bridge MIG in
 * each backend service, and the `failed_to_pick_backend` answers in the request logs.
 */
import { sameResource, shortName } from '../../../gcp/names.js';
import { timeMark, windowMarks } from '../../../time-marks.js';
import { backendHealthKey } from '../../estate.js';
import type { CheckContext } from '../../model.js';
import type { BridgeMig } from '../../topology/bridges.js';
import { locationFlag } from '../support/gcloud.js';
import { type ResultBuilder, valueOr } from '../support/result.js';

/**
 * Step 1, backend health: at least one HEALTHY VM of the bridge per backend service, and the MIG
 * behind some backend service at all. Backends with no HEALTHY VM are the symptom of a cause
 * judged later (the firewall): `later` takes their report, to make once the causes are in.
 */
export function judgeBackendHealth(
  ctx: CheckContext,
  result: ResultBuilder<string, 'not-a-backend' | 'no-forwarding-rule' | 'no-healthy-backend'>,
  bridge: BridgeMig,
  later: (report: () => void) => void = (report) => report(),
): void {
  const name = bridge.mig.name ?? '';
  // Unknown backend services (already an error) say nothing about whether the MIG is behind them.
  if (!ctx.estate.backendServices.ok) return;
  if (bridge.backendServices.length === 0) {
    result.warn(
      'not-a-backend',
      `Bridge MIG ${name} is not a backend of any backend service: the load balancer sends it no traffic.`,
      [
        {
          resource: bridge.mig.selfLink ?? name,
          detail: `instance group ${shortName(bridge.mig.instanceGroup ?? '')} is in no backend service`,
        },
      ],
      [
        {
          step: `Add MIG ${name} to the load balancer's backend service.`,
          commands: [
            `gcloud compute backend-services add-backend BACKEND_SERVICE --project=${ctx.estate.project} --global --instance-group=${name} --instance-group-region=${bridge.region ?? ''}`,
          ],
        },
      ],
    );
    return;
  }
  warnUnfronted(ctx, result, bridge);
  for (const service of bridge.backendServices) {
    const loaded =
      ctx.estate.backendHealth[backendHealthKey(service.selfLink ?? '', bridge.mig.instanceGroup ?? '')];
    if (!loaded) continue;
    if (!loaded.ok) {
      result.loadError(loaded.error, `the backend health of ${name} in ${service.name}`);
      continue;
    }
    const states = loaded.value.map(
      (h) => `${shortName(h.instance ?? h.ipAddress ?? '?')} ${h.healthState ?? 'UNKNOWN'}`,
    );
    if (!loaded.value.some((h) => h.healthState === 'HEALTHY')) {
      later(() =>
        result.fail(
          'no-healthy-backend',
          `No backend of bridge MIG ${name} is HEALTHY in backend service ${service.name}${states.length ? ` (${states.join(', ')})` : ' (no VM reported)'}.`,
          [
            {
              resource: service.selfLink ?? service.name ?? '',
              detail: `health of ${name}: ${states.join(', ') || 'no VM reported'}`,
            },
          ],
          [
            {
              step: `See why the health checks of backend service ${service.name} fail (firewall, ENDPOINT, envoy on the VMs).`,
              commands: [
                `gcloud compute backend-services get-health ${service.name} --project=${ctx.estate.project} ${locationFlag(service.region)}`,
              ],
            },
          ],
        ),
      );
    } else {
      result.note(service.selfLink ?? service.name ?? '', `health of ${name}: ${states.join(', ')}`);
    }
  }
}

/**
 * A bridge whose backend services no forwarding rule leads to (a load balancer not built yet, or
 * taken down): it gets no traffic. Said only when the front ends are all known.
 */
function warnUnfronted(
  ctx: CheckContext,
  result: ResultBuilder<string, 'no-forwarding-rule'>,
  bridge: BridgeMig,
): void {
  const { topology } = ctx.estate;
  if (topology.verdict === 'unknown') return;
  const fronted = bridge.backendServices.some((service) =>
    topology.servingPaths.some((path) => path.routes.some((url) => sameResource(url, service.selfLink))),
  );
  if (fronted) return;
  const name = bridge.mig.name ?? '';
  const services = bridge.backendServices.map((s) => s.name).join(', ');
  result.warn(
    'no-forwarding-rule',
    `Bridge MIG ${name} is a backend of ${services}, which no forwarding rule leads to: the load balancer sends it no traffic.`,
    bridge.backendServices.map((service) => ({
      resource: service.selfLink ?? service.name ?? '',
      detail: `backend service ${service.name} is behind no forwarding rule, target HTTPS proxy and URL map`,
    })),
    [
      {
        step: `Point a URL map of an external HTTPS load balancer at ${services}.`,
        commands: [`gcloud compute url-maps list --project=${ctx.estate.project}`],
      },
    ],
  );
}

/** Step 2: `failed_to_pick_backend` in the load balancer logs, the 502 the causes lead to. */
export function judgeFailedToPick(
  ctx: CheckContext,
  result: ResultBuilder<string, 'failed-to-pick-backend'>,
): void {
  const logs = valueOr(ctx.estate.lbLogs, result, 'the load balancer request logs');
  const group = logs?.errors.groups.find((g) => g.statusDetails === 'failed_to_pick_backend');
  if (!logs || !group) return;
  const statuses = group.statuses.map((s) => `${s.value} ×${s.count}`).join(', ');
  result.fail(
    'failed-to-pick-backend',
    `The load balancer answered ${group.count} request${group.count === 1 ? '' : 's'} with failed_to_pick_backend (last at ${timeMark(group.lastSeen)}).`,
    [
      {
        resource: 'load balancer request logs',
        detail: `statusDetails failed_to_pick_backend: ${group.count} (${statuses}) ${windowMarks(logs.window)}`,
      },
    ],
  );
}
