/** Without backend logging, the load balancer's own view of the TLS failures is missing. */
import { regionOf, sameResource } from '../../../gcp/names.js';
import type { BackendService } from '../../../gcp/types.js';
import type { HostRoute } from '../../topology/queries.js';
import { enableLoggingRemediation, loggingGap, servicesWithoutLogging } from '../support/request-logging.js';
import type { ResultBuilder } from '../support/result.js';

/** Step 6: the backend services serving the hostnames whose logging is off, with the command that turns it on. */
export function adviseLogging(
  result: ResultBuilder,
  routes: HostRoute[],
  services: BackendService[],
  project: string,
): void {
  const serving = services.filter((s) =>
    routes.some((r) => r.services.some((url) => sameResource(url, s.selfLink))),
  );
  for (const service of servicesWithoutLogging(serving)) {
    result.advise(
      [
        {
          resource: service.selfLink ?? service.name ?? '',
          detail: `backend service ${service.name}${regionOf(service.region) ? ` (${regionOf(service.region)})` : ''} writes no request log (${loggingGap(service)}): the load balancer's view of the failures cannot be read`,
        },
      ],
      [enableLoggingRemediation(service, project)],
    );
  }
}
