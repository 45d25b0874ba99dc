/** Without backend logging, the load balancer's own view of the TLS failures is missing. */
import { regionOf, sameResource } from '../../../gcp/names.js';
import type { BackendService } from '../../../gcp/types.js';
import type { ServingPath } from '../support/load-balancer.js';
import { enableLoggingRemediation, servicesWithoutLogging } from '../support/request-logging.js';
import type { ResultBuilder } from '../support/result.js';

/** Step 6: the backend services behind the serving paths whose logging is off, with the command that turns it on. */
export function adviseLogging(
  result: ResultBuilder,
  paths: ServingPath[],
  services: BackendService[],
  project: string,
): void {
  const serving = services.filter((s) =>
    paths.some((p) => p.backendServices.some((url) => sameResource(url, s.selfLink))),
  );
  for (const service of servicesWithoutLogging(serving)) {
    result.advise(
      [
        {
          resource: service.selfLink ?? service.name ?? '',
          detail: `logging is disabled on backend service ${service.name}${regionOf(service.region) ? ` (${regionOf(service.region)})` : ''}: the load balancer logs cannot be read`,
        },
      ],
      [enableLoggingRemediation(service, project)],
    );
  }
}
