/** What every job processor is given: the Slack poster, Google, and the job state kept in Redis. */
import type { ButtonKeys } from '../../contract/button-seal.js';
import type { SlackPoster } from '../../delivery/slack/post.js';
import type { GoogleIdentity } from '../../errors/index.js';
import type { GoogleApis } from '../../gcp/apis.js';
import type { Logger } from '../../log.js';
import type { JobSlots } from '../../queue/admission.js';
import type { ReportStore } from '../../queue/report-store.js';
import type { DeliveryStore } from '../delivery-record.js';

export interface ProcessorDeps {
  slack: SlackPoster;
  /** A fresh set of Google APIs for one job (its call log is the job's), on the worker's shared clients. */
  google: () => GoogleApis;
  /** Who the workers run as on Google Cloud, read once when the role starts (never rejects). */
  identity: Promise<GoogleIdentity>;
  /** PROBE_PORT */
  probePort: number;
  /** CAs the probes trust besides Node's store: NODE_EXTRA_CA_CERTS, read once as the role starts. */
  probeCa?: string[];
  /** APIGEE_DOCTOR_DOCS_URL, where `docs/checks/` is published (unset: findings name the page's path). */
  docsUrl?: string;
  deliveries: DeliveryStore;
  reports: ReportStore;
  /** The key that seals the values of the buttons a job posts. */
  buttons: ButtonKeys;
  /** The slots a job holds while it runs (released by the worker when it ends). */
  slots: JobSlots;
  logger: Logger;
}

/** What a diagnosis needs of the worker, the same for a report, a bundle and an export: one job's Google. */
export function diagnosisOptions(deps: ProcessorDeps): {
  google: GoogleApis;
  identity: Promise<GoogleIdentity>;
  probePort: number;
  probeCa?: string[];
  docsUrl?: string;
} {
  return {
    google: deps.google(),
    identity: deps.identity,
    probePort: deps.probePort,
    ...(deps.probeCa ? { probeCa: deps.probeCa } : {}),
    ...(deps.docsUrl ? { docsUrl: deps.docsUrl } : {}),
  };
}
