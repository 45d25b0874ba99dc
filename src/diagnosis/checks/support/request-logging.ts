/** The load balancer's request logging: which backend services have it off, and how to turn it on. */
import { shortName } from '../../../gcp/names.js';
import type { BackendService } from '../../../gcp/types.js';
import type { Remediation } from '../../model.js';
import { locationFlag } from './gcloud.js';

/**
 * Why a backend service's request logs hold nothing, or undefined when it logs. Logging off, or on
 * at sample rate 0 ("0.0 means no logged requests are reported", the Compute API's
 * BackendServiceLogConfig; Cloud Armor's log entries are sampled with the rest). An absent rate is
 * Google's default, 1.0.
 */
export function loggingGap(service: BackendService): string | undefined {
  if (!service.logConfig?.enable) return 'logConfig.enable is false: no request logs';
  if (service.logConfig.sampleRate === 0) return 'logConfig.sampleRate is 0: no request is logged';
  return undefined;
}

/** The backend services among `services` whose request logs hold nothing (logging off, or sampled at 0). */
export function servicesWithoutLogging(services: readonly BackendService[]): BackendService[] {
  return services.filter((service) => loggingGap(service) !== undefined);
}

/** The sample rate below 1 a logging backend service logs at, or undefined when it logs every request. */
export function partialSampleRate(service: BackendService): number | undefined {
  const rate = service.logConfig?.enable ? service.logConfig.sampleRate : undefined;
  return rate !== undefined && rate > 0 && rate < 1 ? rate : undefined;
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
