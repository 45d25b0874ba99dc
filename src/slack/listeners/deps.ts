/** What the Slack listeners are given: the policy to authorize with and the queue to hand work to. */
import type { Logger } from '../../log.js';
import type { JobProducer } from '../../queue/producer.js';
import type { ReportStore } from '../../queue/report-store.js';
import type { Policy } from '../policy.js';

export interface ListenerDeps {
  policy: Policy;
  producer: JobProducer;
  /** Finished reports, for the Details button. */
  reports: ReportStore;
  logger: Logger;
}
