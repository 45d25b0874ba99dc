/** The load balancer's request logging: which backend services have it off, and how to turn it on. */
import { shortName } from '../../../gcp/names.js';
import type { BackendService } from '../../../gcp/types.js';
import type { Remediation } from '../../model.js';
import { locationFlag } from './gcloud.js';

/** The backend services among `services` whose request logging is off. */
export function servicesWithoutLogging(services: readonly BackendService[]): BackendService[] {
  return services.filter((service) => !service.logConfig?.enable);
}

/** Turning on request logging of a backend service (sample rate 1: every request). */
export function enableLoggingRemediation(service: BackendService, project: string): Remediation {
  const name = service.name ?? shortName(service.selfLink ?? '');
  return {
    step: `Enable request logging on backend service ${name} so that the load balancer logs can be read.`,
    commands: [
      `gcloud compute backend-services update ${name} --project=${project} ${locationFlag(service.region)} --enable-logging --logging-sample-rate=1`,
    ],
  };
}
